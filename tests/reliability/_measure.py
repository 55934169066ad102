"""Run the parse child (``_child.py``) in a subprocess and read its outcome and peak RSS."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

__all__ = ["HANG_GUARD_SECONDS", "MEMORY_BOUND_MB", "ROOT", "baseline_kb", "child_env", "parse_in_child"]

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("_child.py")
HANG_GUARD_SECONDS = 60.0
"""A hang guard only (a parse that never ends), not a timing assertion."""
MEMORY_BOUND_MB = 64.0
"""Largest accepted peak-RSS growth of a parse over a child that only imports the package."""


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child process: this checkout first on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env.update(extra)
    return env


def _run(*args: str) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, str(CHILD), *args],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        return {"outcome": "crashed", "returncode": proc.returncode, "stderr": proc.stderr[-3000:]}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


@functools.cache
def baseline_kb() -> int:
    """Peak RSS (KiB) of a child that imports the package and loads every parser, then exits."""
    return int(_run("baseline")["maxrss_kb"])


def parse_in_child(path: Path, fmt: str | None) -> dict[str, Any]:
    """Parse ``path`` in a fresh interpreter; add ``growth_mb`` (peak RSS over the baseline)."""
    result = _run("parse", str(path), fmt or "-")
    if "maxrss_kb" in result:
        result["growth_mb"] = (int(result["maxrss_kb"]) - baseline_kb()) / 1024
    return result
