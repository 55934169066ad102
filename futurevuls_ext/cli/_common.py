"""What every command shares: common options, error-to-exit-code mapping, output."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from .._config import BASE_URL_ENV_VAR, DEFAULT_BASE_URL, TOKEN_ENV_VAR
from .._core.redact import redacting_stdio
from .._exceptions import APIError, ConfigError, FutureVulsError, ParseError
from .._wording import for_cli
from ..profile import ApiProfile
from ._logging import cli_logging

if TYPE_CHECKING:
    from .._async_client import AsyncClient
    from .._client import Client


__all__ = [
    "EXIT_API",
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_PARSE",
    "EXIT_USAGE",
    "add_command",
    "add_common_options",
    "load_profile",
    "make_client",
    "print_json",
    "run_command",
]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_PARSE = 3
EXIT_API = 4

_FAILURES: tuple[tuple[type[FutureVulsError], str, int], ...] = (
    (ConfigError, "configuration error: ", EXIT_USAGE),
    (ParseError, "cannot parse report: ", EXIT_PARSE),
    (APIError, "API error: ", EXIT_API),
    (FutureVulsError, "", EXIT_FAILED),
)
"""What the command line says and exits with for each kind of SDK error (the first that matches)."""


def add_command(subparsers: Any, name: str, summary: str, doc: str | None) -> argparse.ArgumentParser:
    """Add the command ``name``: ``summary`` in the command list, ``doc`` (its module docstring) verbatim."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name, help=summary, description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    return parser


def add_common_options(parser: argparse.ArgumentParser, *, api: bool = False) -> None:
    """Add ``--profile FILE`` and ``--json``; with ``api`` also ``--base-url`` and ``--trace FILE``."""
    parser.add_argument(
        "--profile", metavar="FILE", help="ApiProfile TOML/JSON overriding unconfirmed routes and keys"
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    talk = parser.add_mutually_exclusive_group()
    talk.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="log more on stderr: -v what the SDK does (retries, skipped records, import counts), -vv debug",
    )
    talk.add_argument(
        "-q", "--quiet", action="store_true", help="only errors on stderr: no progress, no warnings"
    )
    if api:
        parser.add_argument(
            "--base-url",
            metavar="URL",
            default=None,
            help=f"API root (default: ${BASE_URL_ENV_VAR} or {DEFAULT_BASE_URL}); "
            "the token comes from $FUTUREVULS_API_TOKEN",
        )
        parser.add_argument(
            "--trace",
            metavar="FILE",
            default=None,
            help="append one JSON line per HTTP attempt to FILE (token masked); attach it to a bug report",
        )


def load_profile(args: argparse.Namespace) -> ApiProfile:
    """The profile named by ``--profile``, else ``$FUTUREVULS_API_PROFILE``, else the defaults."""
    path = getattr(args, "profile", None)
    return ApiProfile.from_file(path) if path else ApiProfile.from_env()


def make_client(args: argparse.Namespace) -> Client:
    """A :class:`Client` from the common options (token from the environment)."""
    from .._client import Client

    return Client(base_url=args.base_url, profile=load_profile(args), trace=getattr(args, "trace", None))


def make_async_client(args: argparse.Namespace) -> AsyncClient:
    """An :class:`AsyncClient` from the common options (its default transport: aiohttp when installed)."""
    from .._async_client import AsyncClient

    return AsyncClient(base_url=args.base_url, profile=load_profile(args), trace=getattr(args, "trace", None))


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON on stdout."""
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def run_command(args: argparse.Namespace) -> int:
    """Run ``args.func(args)`` and turn our exceptions into a message on stderr and an exit code.

    Everything written to stdout and stderr meanwhile has the API token masked, whatever a server sent.
    """
    with (
        redacting_stdio(os.environ.get(TOKEN_ENV_VAR)),
        cli_logging(getattr(args, "verbose", 0), getattr(args, "quiet", False)),
    ):
        return _run_command(args)


def _run_command(args: argparse.Namespace) -> int:
    try:
        return int(args.func(args))
    except FutureVulsError as exc:
        prefix, code = next((p, c) for kind, p, c in _FAILURES if isinstance(exc, kind))
        print(f"futurevuls-ext: {prefix}{for_cli(str(exc))}", file=sys.stderr)
        return code
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("futurevuls-ext: interrupted", file=sys.stderr)
        return 130
