"""``futurevuls-ext import``: scanner reports -> FutureVuls external scan results.

Reports of the same name (the format, or ``--name``) are imported together, so two Nessus files of one
run update one result per server instead of overwriting each other. --prune refuses when any of them is
cut off. Ctrl-C prints what was written so far; a re-run resumes. Exit codes: 0 when every host was
imported or unchanged, 1 when a host failed or could not be matched to a server, 2 for bad usage, 3
when a report cannot be parsed, 4 for API errors before any write, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections import defaultdict
from typing import TYPE_CHECKING, Any

import anyio

from .._transport import aiohttp_available
from .._wording import for_cli
from ._args import positive_int
from ._common import (
    EXIT_FAILED,
    EXIT_OK,
    add_command,
    add_common_options,
    make_async_client,
    make_client,
    print_json,
)

if TYPE_CHECKING:
    from ..importer import ImportResult

if TYPE_CHECKING:
    from ..parsers import ScanReport

__all__ = ["EXIT_INTERRUPTED", "register"]

EXIT_INTERRUPTED = 130
"""Exit status after Ctrl-C (128 + SIGINT), as shells report it."""


def register(subparsers: Any) -> None:
    """Add the ``import`` command."""
    parser = add_command(subparsers, "import", "import scanner reports as external scan results", __doc__)
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="Nessus, Qualys, Nmap, OpenVAS, Burp, ZAP, ASM or Inspector report (.nessus, XML, CSV, JSON)",
    )
    from ..parsers._registry import BUILTIN_PARSERS  # a table of names: imports no parser module

    parser.add_argument(
        "--format",
        metavar="NAME",
        help=f"force a parser (default: detected from the file): {', '.join(sorted(BUILTIN_PARSERS))}",
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--server-id", type=positive_int, metavar="N", help="attach every host to server N")
    target.add_argument(
        "--create-pseudo-servers",
        action="store_true",
        help="create a pseudo server for hosts that match none",
    )
    parser.add_argument(
        "--server-map", metavar="FILE", help="host -> server id map (JSON, CSV, ip_and_id_mapping.txt)"
    )
    parser.add_argument("--name", help="external scan result name (default: the report format)")
    parser.add_argument("--internal", action="store_true", help="results are NOT exposed externally")
    parser.add_argument("--prune", action="store_true", help="empty results of hosts no longer in the report")
    parser.add_argument(
        "--prune-delete", action="store_true", help="with --prune: delete instead of emptying"
    )
    parser.add_argument("--dry-run", action="store_true", help="print the plan; write nothing")
    parser.add_argument(
        "--rescan",
        action="store_true",
        help="ask FutureVuls to rescan servers whose results changed, so tasks show at once",
    )
    parser.add_argument(
        "--concurrency", type=positive_int, default=8, metavar="N", help="parallel writes (default 8)"
    )
    add_common_options(parser, api=True)
    parser.set_defaults(func=run)


def _is_pipe(path: str) -> bool:
    """True for a path that can be read only once (``<(cat x)``, ``/dev/stdin`` on a pipe, a FIFO)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False  # the parser reports the missing or unreadable file


def _groups(files: list[str], fmt: str | None, name: str | None) -> dict[str, list[str | ScanReport]]:
    """The files of each result name (``--name``, else each file's format).

    A pipe is parsed here, once, when its format must be detected: detecting would consume it.
    """
    from ..parsers import detect_format, parse_report

    grouped: dict[str, list[str | ScanReport]] = defaultdict(list)
    for path in files:
        if name or fmt:
            grouped[name or fmt or ""].append(path)
        elif _is_pipe(path):
            report = parse_report(path, keep_findings=False)
            grouped[report.format].append(report)
        else:
            grouped[detect_format(path)].append(path)
    return dict(grouped)


def _interrupted(args: argparse.Namespace, done: list[Any], exc: Any) -> int:
    results = [*done, exc.partial]
    if args.json:
        print_json([result.to_dict() for result in results])
    else:
        for result in results:
            print(for_cli(result.summary()))
    print(f"futurevuls-ext: interrupted: {exc}", file=sys.stderr)
    return EXIT_INTERRUPTED


def _options(args: argparse.Namespace, name: str, server_map: Any) -> dict[str, Any]:
    return {
        "format": args.format,
        "server_id": args.server_id,
        "server_map": server_map,
        "create_pseudo_servers": args.create_pseudo_servers,
        "name": name,
        "is_external": not args.internal,
        "prune": args.prune,
        "prune_mode": "delete" if args.prune_delete else "empty",
        "dry_run": args.dry_run,
        "concurrency": args.concurrency,
        "progress": not (args.json or args.quiet),
        "rescan": args.rescan,
    }


def _import_sync(
    args: argparse.Namespace, groups: dict[str, Any], server_map: Any, results: list[ImportResult]
) -> None:
    with make_client(args) as client:
        for name, paths in groups.items():
            results.append(client.import_report(paths, **_options(args, name, server_map)))


async def _import_async(
    args: argparse.Namespace, groups: dict[str, Any], server_map: Any, results: list[ImportResult]
) -> None:
    async with make_async_client(args) as client:
        for name, paths in groups.items():
            results.append(await client.import_report(paths, **_options(args, name, server_map)))


def run(args: argparse.Namespace) -> int:
    """Run the import (with AsyncClient when the aiohttp extra is installed); print a summary or JSON."""
    from ..importer import ImportInterrupted, load_server_map

    server_map = load_server_map(args.server_map) if args.server_map else None
    groups = _groups(args.files, args.format, args.name)
    results: list[ImportResult] = []
    try:
        if aiohttp_available():  # the aiohttp extra: AsyncClient is the fastest path
            anyio.run(_import_async, args, groups, server_map, results)
        else:
            _import_sync(args, groups, server_map, results)
    except ImportInterrupted as exc:
        return _interrupted(args, results, exc)
    if args.json:
        print_json([result.to_dict() for result in results])
    else:
        for result in results:
            print(for_cli(result.summary()))
    return EXIT_OK if all(result.ok for result in results) else EXIT_FAILED
