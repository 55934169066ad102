"""``futurevuls-ext doctor``: probe the API read-only and say which routes and keys it really has.

Sends GET requests only, each once: /health (reachable, TLS, proxy, clock skew), the server list
(token accepted; group or group-set token), every candidate family of external-scan routes (top
level and under the server; camelCase, snake_case, kebab-case), real role details (their SSVC keys)
and the candidate tag routes. Prints a table (``--json`` for machines); ``--write-profile FILE``
writes the ApiProfile TOML matching what was found, for ``--profile FILE`` or FUTUREVULS_API_PROFILE.

Exit codes: 0 everything the SDK needs was found, 1 something was not, 2 usage/config, 4 API error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .._exceptions import ConfigError
from ._args import positive_int
from ._common import add_command, add_common_options, print_json

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``doctor`` command."""
    parser = add_command(
        subparsers,
        "doctor",
        "probe the API read-only: reachability, token, which unconfirmed routes exist",
        __doc__,
    )
    parser.add_argument(
        "--write-profile", metavar="FILE", help="write the ApiProfile TOML matching what was found to FILE"
    )
    parser.add_argument(
        "--timeout", type=positive_int, default=10, metavar="SECONDS", help="per request (default 10)"
    )
    add_common_options(parser, api=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the probes, print the report, write the profile when asked; the report's exit code."""
    from .._client import Client
    from ._common import load_profile

    target = Path(args.write_profile) if args.write_profile else None
    if target is not None and not target.parent.is_dir():
        raise ConfigError(
            f"--write-profile {str(target)!r}: the folder {str(target.parent)!r} does not exist"
        )
    with Client(
        base_url=args.base_url,
        profile=load_profile(args),
        trace=args.trace,
        timeout=float(args.timeout),
        max_retries=0,
    ) as client:
        report = client.doctor()
    if args.json:
        print_json(report.to_dict())
    else:
        print(report.table())
    if target is not None and report.failure is None:
        try:
            target.write_text(report.profile_toml(), encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"--write-profile {str(target)!r}: {exc.strerror or exc}") from None
        print(f"profile written to {target}", file=sys.stderr)
    if report.failure is not None:
        print(f"futurevuls-ext: doctor: {report.failure}", file=sys.stderr)
    return report.exit_code
