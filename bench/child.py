"""One measurement in a fresh interpreter: ``python -m bench.child FORMAT IMPL_NAME PATH``.

Imports the implementation first (not timed), then times one parse and prints a JSON line with the
wall and CPU seconds, the peak RSS of this process (VmHWM), the RSS before parsing, and the
host / CVE counts.
"""

from __future__ import annotations

import importlib
import json
import resource
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from .counts import Counts
from .impls import IMPLS


def _rss_now_mb() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            pages = int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return float("nan")
    return pages * resource.getpagesize() / (1 << 20)


def _peak_rss_mb() -> float:
    """This process's own high-water RSS (VmHWM).

    ``ru_maxrss`` is not used: Linux carries the parent's high-water mark across fork/vfork + exec into
    the child's ``ru_maxrss``, which would report the runner's size instead of the measurement's.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def measure(fmt: str, impl_name: str, path: Path) -> dict[str, Any]:
    impl = next(i for i in IMPLS if i.name == impl_name and fmt in i.formats)
    if impl.module:
        importlib.import_module(impl.module)
    mod_name, attr = impl.target.split(":")
    obj: Any = getattr(importlib.import_module(mod_name), attr)
    call: Callable[[], Counts]
    if impl.kind == "floor":
        func = obj[fmt]
        call = partial(func, path)
    elif impl.kind == "ours":
        call = partial(obj, path, fmt)
    else:
        call = partial(obj, path)
    base = _rss_now_mb()
    c0, t0 = _cpu(), time.perf_counter()
    counts = call()
    seconds = time.perf_counter() - t0
    cpu = _cpu() - c0
    peak = _peak_rss_mb()
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_rss_mb": peak,
        "base_rss_mb": base,
        "hosts": counts.hosts,
        "host_cves": counts.host_cves,
        "cves": counts.cves,
    }


def main(argv: list[str]) -> int:
    fmt, impl_name, path = argv
    result = measure(fmt, impl_name, Path(path))
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
