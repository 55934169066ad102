"""``import futurevuls_ext`` against importing its runtime dependencies alone, in whole fresh processes.

Each statement runs ``runs`` times in a new interpreter, interleaved so drifts hit all three alike;
we report the median wall time of the whole process, and the same minus a bare ``python -c pass``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from typing import Any

from .runner import ROOT, _child_env

__all__ = ["STATEMENTS", "measure_import_time"]

STATEMENTS = {
    "bare": "pass",
    "deps": "import httpx, attrs, cattrs, defusedxml",
    "ours": "import futurevuls_ext",
    # for information: the first touch of the client loads httpx and the models
    "ours_client": "import futurevuls_ext; futurevuls_ext.Client",
}


def _once(stmt: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", stmt], cwd=ROOT, env=_child_env(), check=True)
    return time.perf_counter() - t0


def _importtime_us(stmt: str, top: str) -> int | None:
    """Cumulative microseconds ``-X importtime`` reports for module ``top`` (one run, for information)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", stmt],
        cwd=ROOT,
        env=_child_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    for line in proc.stderr.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == top:
            return int(parts[1])
    return None


def measure_import_time(runs: int = 20) -> dict[str, Any]:
    """Median whole-process times and the ratio ours / deps (target <= 1.2)."""
    for stmt in STATEMENTS.values():  # warm the OS caches and .pyc files
        _once(stmt)
    samples: dict[str, list[float]] = {k: [] for k in STATEMENTS}
    for _ in range(runs):
        for key, stmt in STATEMENTS.items():
            samples[key].append(_once(stmt))
    med = {k: statistics.median(v) for k, v in samples.items()}
    net_deps = med["deps"] - med["bare"]
    net_ours = med["ours"] - med["bare"]
    return {
        "runs": runs,
        "median_seconds": med,
        "ratio": med["ours"] / med["deps"],
        "net_ratio": (net_ours / net_deps) if net_deps > 0 else None,
        "importtime_cumulative_us": {
            "futurevuls_ext": _importtime_us(STATEMENTS["ours"], "futurevuls_ext"),
            **{m: _importtime_us(f"import {m}", m) for m in ("httpx", "attrs", "cattrs", "defusedxml")},
        },
    }
