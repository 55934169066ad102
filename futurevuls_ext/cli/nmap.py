"""futurevuls-ext nmap add|update: the FutureVuls article's Nmap job (uploadScanResult.py).

'add IP NAME SERVER_ID' scans one address with 'nmap -sV --script vulners -oX - IP' (or reads
'--from-xml FILE'), creates or updates the external scan result NAME on server SERVER_ID, and records
'IP,result_id,server_id' in the mapping file (default ./ip_and_id_mapping.txt, or
$FUTUREVULS_NMAP_MAPPING). 'update' re-scans every IP of the mapping file and updates each result's
CVE list; unchanged lists are not re-sent. A lock file (<mapping>.lock) keeps two runs apart.
Adding an IP already recorded for that server updates its result instead of creating another one.
A host that nmap finds down keeps its result unchanged (and counts as failed).

Exit codes: 0 every IP done, 1 an IP failed (nmap error, host down, result gone) or another run holds
the lock, 2 bad usage or configuration (bad IP, malformed mapping line, nmap not installed), 3 an XML
file cannot be parsed, 4 API errors.

Cron example (token and mapping path exported by /etc/futurevuls/env):
  15 3 * * * scanner . /etc/futurevuls/env && futurevuls-ext nmap update --nmap-timeout 1800
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .._numbers import ascii_float, ascii_int
from ._args import positive_int
from ._common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    add_command,
    add_common_options,
    make_client,
    print_json,
)

__all__ = ["register"]


def _seconds(text: str) -> float:
    value = ascii_float(text)
    if value is None or not value > 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text!r}")
    return value


def _count(text: str) -> int:
    value = ascii_int(text)
    if value is None or value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1, got {text!r}")
    return value


def _job_options(parser: argparse.ArgumentParser) -> None:
    from ..nmap_job import DEFAULT_NMAP_TIMEOUT, MAPPING_ENV_VAR

    parser.add_argument(
        "--mapping",
        metavar="FILE",
        help=f"IP -> result id -> server id file (default: ${MAPPING_ENV_VAR} or ./ip_and_id_mapping.txt)",
    )
    parser.add_argument("--nmap", default="nmap", metavar="PATH", help="nmap binary (default: nmap on PATH)")
    parser.add_argument(
        "--nmap-timeout",
        type=_seconds,
        default=DEFAULT_NMAP_TIMEOUT,
        metavar="SECONDS",
        help=f"stop a scan after this long (default {DEFAULT_NMAP_TIMEOUT:g})",
    )
    add_common_options(parser, api=True)


def register(subparsers: Any) -> None:
    """Add the ``nmap`` command with its ``add`` and ``update`` subcommands."""
    parser = add_command(
        subparsers,
        "nmap",
        "scan IPs with nmap + vulners and keep their external scan results up to date",
        __doc__,
    )
    parser.set_defaults(func=lambda _args: _usage(parser))
    jobs = parser.add_subparsers(dest="nmap_command", metavar="{add,update}")

    add = jobs.add_parser(
        "add",
        help="scan one IP and create (or update) its external scan result",
        description="Scan one IP (or read --from-xml FILE), create or update the external scan result NAME "
        "on SERVER_ID, and record IP,result_id,server_id in the mapping file.",
    )
    add.add_argument("ip", metavar="IP", help="one IPv4/IPv6 address (no CIDR, no hostname)")
    add.add_argument("name", metavar="NAME", help="the external scan result's name")
    add.add_argument(
        "server_id", metavar="SERVER_ID", type=positive_int, help="the server to attach the result to"
    )
    add.add_argument("--internal", action="store_true", help="the vulnerabilities are NOT exposed externally")
    add.add_argument("--from-xml", metavar="FILE", help="read this Nmap XML instead of running nmap")
    _job_options(add)
    add.set_defaults(func=run_add)

    update = jobs.add_parser(
        "update",
        help="re-scan every recorded IP and update its result",
        description="Re-scan every IP of the mapping file and update each result's CVE list (only when it "
        "changed). One IP failing does not stop the others; the exit status is 1 when any failed.",
    )
    update.add_argument(
        "--from-xml-dir", metavar="DIR", help="read DIR/<IP>.xml for each IP instead of running nmap"
    )
    update.add_argument(
        "--parallel", type=_count, default=1, metavar="N", help="run up to N scans at once (default 1)"
    )
    _job_options(update)
    update.set_defaults(func=run_update)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage()
    return EXIT_USAGE


def _scanner(args: argparse.Namespace) -> Any:
    from ..nmap_job import NmapScanner

    scanner = NmapScanner(nmap=args.nmap, timeout=args.nmap_timeout)
    scanner.binary()  # a missing nmap fails before any work
    return scanner


def _mapping(args: argparse.Namespace) -> Path | None:
    return Path(args.mapping) if args.mapping else None


def _finish(args: argparse.Namespace, result: Any, *, lines_printed: bool) -> int:
    if args.json:
        print_json(result.to_dict())
    elif lines_printed:
        print(result.summary().splitlines()[-1])
    else:
        print(result.summary())
    return EXIT_OK if result.ok else EXIT_FAILED


def run_add(args: argparse.Namespace) -> int:
    """Scan (or read) one IP and create or update its result."""
    from ..nmap_job import XmlFileSource

    source = XmlFileSource(path=Path(args.from_xml)) if args.from_xml else _scanner(args)
    with make_client(args) as client:
        result = client.nmap.add(
            args.ip,
            args.name,
            args.server_id,
            source=source,
            is_external=not args.internal,
            mapping_path=_mapping(args),
        )
    return _finish(args, result, lines_printed=False)


def run_update(args: argparse.Namespace) -> int:
    """Re-scan every recorded IP; one line per IP as it finishes, then the totals."""
    from ..nmap_job import IpOutcome, XmlDirSource

    source = XmlDirSource(folder=Path(args.from_xml_dir)) if args.from_xml_dir else _scanner(args)

    def show(outcome: IpOutcome) -> None:
        if not args.json:
            print(outcome.line(), flush=True)

    with make_client(args) as client:
        result = client.nmap.update(
            source=source, mapping_path=_mapping(args), progress=show, parallel=args.parallel
        )
    return _finish(args, result, lines_printed=True)
