"""Child process of the resume tests: import one report with AsyncClient (the CLI child uses ``import``).

Usage: ``python _import_child.py REPORT`` with FUTUREVULS_API_TOKEN and FUTUREVULS_BASE_URL set.
"""

from __future__ import annotations

import os
import sys

import anyio

import futurevuls_ext as fv


async def _main(path: str) -> int:
    async with fv.AsyncClient(base_url=os.environ["FUTUREVULS_BASE_URL"]) as client:
        result = await client.import_report(path, create_pseudo_servers=True, concurrency=1)
    return 0 if result.ok else 1


if __name__ == "__main__":
    raise SystemExit(anyio.run(_main, sys.argv[1]))
