"""``python -m bench.generate FORMAT --size-mb N [--out PATH]``: write one generated report."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import GENERATORS, ensure


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    ap.add_argument("format", choices=sorted(GENERATORS))
    ap.add_argument("--size-mb", type=float, default=5.0)
    ap.add_argument("--out", type=Path, help="write here instead of the cache in bench/data/")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.out is not None:
        truth = GENERATORS[args.format](args.out, size_bytes=int(args.size_mb * (1 << 20)), seed=args.seed)
        print(args.out, truth)
    else:
        path, truth = ensure(args.format, args.size_mb)
        print(path, truth)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
