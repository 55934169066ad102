"""The ``futurevuls-ext`` command line: one module per command, registered below.

Exit codes (every command):

* 0 - everything succeeded
* 1 - the command ran but something failed (a host not imported, a task not updated)
* 2 - bad usage or configuration (unknown option, missing token, unreadable profile)
* 3 - the input could not be parsed (a scanner report that is not valid)
* 4 - the API failed (connection, authentication, server errors)
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .._version import __version__
from ._args import CliParser
from ._common import run_command

__all__ = ["build_parser", "main"]

# Each module defines ``register(subparsers) -> None`` and sets ``func`` on its parser.
_COMMAND_MODULES: tuple[str, ...] = ("import_", "nmap", "exposure", "triage", "doctor", "fake_server", "demo")


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every registered command."""
    parser = CliParser(
        prog="futurevuls-ext",
        description="Import external scan results into FutureVuls and decide SSVC exposure.",
        epilog="Exit codes: 0 ok, 1 partial failure, 2 usage/config, 3 parse error, 4 API error.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in _COMMAND_MODULES:
        importlib.import_module(f".{module_name}", __name__).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 0 if args.command is None else 2
    return _escaping_output(args)


def _escaping_output(args: argparse.Namespace) -> int:
    """Run the command with control characters escaped in its text output (``--json`` stays exact)."""
    from .._printable import EscapingWriter

    stdout, stderr = sys.stdout, sys.stderr
    if not getattr(args, "json", False):
        sys.stdout = EscapingWriter(stdout)
    sys.stderr = EscapingWriter(stderr)
    try:
        return run_command(args)
    finally:
        sys.stdout, sys.stderr = stdout, stderr


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
