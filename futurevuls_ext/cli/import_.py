"""``futurevuls-ext import``: scanner reports -> FutureVuls external scan results.

Reports of the same name (the format, or ``--name``) are merged before importing, so two Nessus files
of one run update one result per server instead of overwriting each other. Exit codes: 0 when every
host was imported or unchanged, 1 when a host failed or could not be matched to a server, 2 for bad
usage, 3 when a report cannot be parsed, 4 for API errors before any write.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from typing import Any

from attrs import evolve

from ._common import EXIT_FAILED, EXIT_OK, add_common_options, make_client, print_json

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``import`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import",
        help="import scanner reports as external scan results",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="Nessus, Qualys, Nmap, ASM or Inspector report"
    )
    parser.add_argument("--format", help="force a parser (default: detected from the file)")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--server-id", type=int, metavar="N", help="attach every host to server N")
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
    parser.add_argument("--concurrency", type=int, default=8, metavar="N", help="parallel writes (default 8)")
    add_common_options(parser, api=True)
    parser.set_defaults(func=run)


def _reports(files: list[str], fmt: str | None, name: str | None) -> dict[str, Any]:
    from ..parsers import parse_report

    grouped: dict[str, list[Any]] = defaultdict(list)
    for path in files:
        report = parse_report(path, format=fmt, keep_findings=False)
        grouped[name or report.format].append(report)
    merged = {}
    for key, reports in grouped.items():
        hosts = tuple(host for report in reports for host in report.hosts)
        merged[key] = evolve(reports[0], hosts=hosts)
    return merged


def run(args: argparse.Namespace) -> int:
    """Run the import; print a summary table or JSON."""
    from ..importer import load_server_map

    server_map = load_server_map(args.server_map) if args.server_map else None
    results = []
    with make_client(args) as client:
        for name, report in _reports(args.files, args.format, args.name).items():
            results.append(
                client.import_report(
                    report,
                    server_id=args.server_id,
                    server_map=server_map,
                    create_pseudo_servers=args.create_pseudo_servers,
                    name=name,
                    is_external=not args.internal,
                    prune=args.prune,
                    prune_mode="delete" if args.prune_delete else "empty",
                    dry_run=args.dry_run,
                    concurrency=args.concurrency,
                    progress=not args.json,
                )
            )
    if args.json:
        print_json([result.to_dict() for result in results])
    else:
        for result in results:
            print(result.summary())
    return EXIT_OK if all(result.ok for result in results) else EXIT_FAILED
