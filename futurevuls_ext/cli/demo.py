"""``futurevuls-ext demo``: import, exposure and triage against an embedded fake, with no token or network."""

from __future__ import annotations

import argparse
import io
from typing import Any

from ._common import EXIT_OK, add_common_options, print_json

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``demo`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "demo", help="run the whole workflow against an embedded fake FutureVuls", description=__doc__
    )
    add_common_options(parser)
    parser.add_argument(
        "--trace", metavar="FILE", default=None, help="append one JSON line per HTTP attempt to FILE"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the demo; with ``--json`` print only the summary."""
    from ..demo import run_demo

    if args.json:
        print_json(run_demo(out=io.StringIO(), trace=args.trace))
    else:
        run_demo(trace=args.trace)
    return EXIT_OK
