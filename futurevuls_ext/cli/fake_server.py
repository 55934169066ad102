"""``futurevuls-ext fake-server``: run the fake FutureVuls API on 127.0.0.1 until Ctrl-C."""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import Any

from .._config import BASE_URL_ENV_VAR, TOKEN_ENV_VAR
from ._args import tcp_port
from ._common import EXIT_OK, add_common_options, print_json

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``fake-server`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "fake-server",
        help="run a fake FutureVuls API on 127.0.0.1 (for tests and demos)",
        description="Serve a fake FutureVuls API on 127.0.0.1 with in-memory state until Ctrl-C. "
        "Prints the URL and the (generated, not secret) token.",
    )
    parser.add_argument("--port", type=tcp_port, default=0, help="TCP port (default: 0, a free port)")
    parser.add_argument("--dataset", metavar="NAME|FILE", help="'demo' or a JSON/TOML dataset file")
    parser.add_argument("--token", help="token clients must send (default: random)")
    add_common_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Start the fake, print where it listens, serve until interrupted."""
    from ..profile import ApiProfile
    from ..testing import FakeFutureVuls

    profile = ApiProfile.from_file(args.profile) if args.profile else None
    fake = FakeFutureVuls(
        args.token, port=args.port, dataset=args.dataset, profile=profile, log_limit=10_000
    ).start()
    try:
        if args.json:
            print_json({"url": fake.url, "token": fake.token, "dataset": args.dataset})
        else:
            print(f"url: {fake.url}")
            print(f"token: {fake.token}")
            print("# point the SDK and the CLI at it (paste into a shell):")
            print(f"export {BASE_URL_ENV_VAR}={shlex.quote(fake.url)}")
            print(f"export {TOKEN_ENV_VAR}={shlex.quote(fake.token)}")
            print("serving; press Ctrl-C to stop", file=sys.stderr)
        sys.stdout.flush()
        fake.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        fake.stop()
    return EXIT_OK
