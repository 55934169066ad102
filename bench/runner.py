"""Run every measurement of one format in fresh subprocesses, best of N, and check the counts agree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from importlib import metadata, util
from pathlib import Path
from typing import Any

import attrs

from .generate import GenTruth
from .impls import Impl, impls_for

__all__ = ["ROOT", "Measurement", "RunOptions", "measure_format", "package_version"]

ROOT = Path(__file__).resolve().parent.parent


@attrs.frozen(kw_only=True)
class RunOptions:
    """How to run measurements."""

    reps: int = 3
    timeout: float = 1800.0  # seconds for one subprocess
    slow_cap: float = 120.0  # after one repetition slower than this, do not repeat
    kinds: tuple[str, ...] = ("floor", "ours", "peer")


@attrs.frozen(kw_only=True)
class Measurement:
    """The best of N runs of one implementation on one file."""

    format: str
    impl: str
    kind: str
    file: str
    size_mb: float
    status: str  # ok, error, timeout, not installed, not available
    reps: int = 0
    seconds: float | None = None
    cpu_seconds: float | None = None
    mb_per_s: float | None = None
    peak_rss_mb: float | None = None
    base_rss_mb: float | None = None
    hosts: int | None = None
    host_cves: int | None = None
    cves: int | None = None
    agrees: bool | None = None
    note: str = ""


def package_version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.pop("PYTHONTRACEMALLOC", None)
    return env


def _run_child(fmt: str, impl: Impl, path: Path, timeout: float) -> tuple[str, dict[str, Any] | str]:
    cmd = [sys.executable, "-m", "bench.child", fmt, impl.name, str(path)]
    try:
        proc = subprocess.run(
            cmd, check=False, cwd=ROOT, env=_child_env(), capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return "timeout", f"no result within {timeout:.0f} s"
    if proc.returncode != 0:
        lines = [ln for ln in proc.stderr.strip().splitlines() if ln.strip()]
        last = lines[-1] if lines else f"exit status {proc.returncode}"
        unavailable = (
            "UnknownFormatError",
            "No parser",
            "ModuleNotFoundError",
            "not registered",
            "unexpected keyword",
        )
        if impl.kind == "ours" and any(u in proc.stderr for u in unavailable):
            return "not available", last[:300]
        return "error", last[:300]
    try:
        return "ok", json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return "error", f"unreadable child output: {proc.stdout[-200:]!r}"


def _installed(impl: Impl) -> bool:
    if impl.kind == "peer" and impl.module:
        top = impl.module.split(".")[0]
        return util.find_spec(top) is not None
    return True


def warm_cache(path: Path) -> None:
    """Read the file once so every measurement starts with it in the page cache."""
    with path.open("rb") as f:
        while f.read(1 << 24):
            pass


@attrs.define
class _Series:
    """The runs of one implementation so far, while the repetitions are interleaved."""

    impl: Impl
    runs: list[dict[str, Any]] = attrs.field(factory=list)
    status: str = "ok"
    note: str = ""
    active: bool = True


def _summarise(series: _Series, fmt: str, path: Path, truth: GenTruth) -> Measurement:
    impl, runs = series.impl, series.runs
    size_mb = path.stat().st_size / (1 << 20)
    base = Measurement(
        format=fmt, impl=impl.name, kind=impl.kind, file=path.name, size_mb=round(size_mb, 1), status="ok"
    )
    if not runs:
        return attrs.evolve(base, status=series.status, note=series.note)
    best = min(runs, key=lambda r: r["seconds"])
    agrees = all(r["hosts"] == truth.hosts and r["host_cves"] == truth.host_cves for r in runs)
    note = series.note
    if series.status != "ok":
        note = f"{len(runs)} run(s) ok, then {series.status}: {note}"
    return attrs.evolve(
        base,
        reps=len(runs),
        seconds=best["seconds"],
        cpu_seconds=min(r["cpu_seconds"] for r in runs),
        mb_per_s=size_mb / best["seconds"] if best["seconds"] > 0 else None,
        peak_rss_mb=max(r["peak_rss_mb"] for r in runs),
        base_rss_mb=best["base_rss_mb"],
        hosts=best["hosts"],
        host_cves=best["host_cves"],
        cves=best["cves"],
        agrees=agrees,
        note=note,
    )


def measure_format(
    fmt: str, path: Path, truth: GenTruth, opts: RunOptions, *, log: Callable[[str], None] = print
) -> list[Measurement]:
    """Measure the floor, ours and every installed peer on one file, never two processes at once.

    Repetitions are interleaved (round 1 of every implementation, then round 2...), so a burst of load
    from elsewhere on a shared machine hits one round of all of them rather than all rounds of one.
    An implementation that fails stops; one slower than ``slow_cap`` is not repeated.
    """
    warm_cache(path)
    series = [_Series(impl=impl) for impl in impls_for(fmt, kinds=opts.kinds)]
    for s in series:
        if not _installed(s.impl):
            s.status, s.note, s.active = "not installed", f"{s.impl.package} is not installed", False
    for rep in range(opts.reps):
        done: list[str] = []
        for s in series:
            if not s.active:
                continue
            status, out = _run_child(fmt, s.impl, path, opts.timeout)
            if status != "ok" or not isinstance(out, dict):
                s.status, s.note, s.active = status, str(out), False
                done.append(f"{s.impl.name} {status}")
                continue
            s.runs.append(out)
            done.append(f"{s.impl.name} {out['seconds']:.2f}s")
            if rep + 1 < opts.reps and out["seconds"] > opts.slow_cap:
                s.note = f"repeated once only: one run took {out['seconds']:.0f} s (> {opts.slow_cap:.0f} s)"
                s.active = False
        if done:
            log(f"  {fmt} round {rep + 1}/{opts.reps}: " + ", ".join(done))
    results = [_summarise(s, fmt, path, truth) for s in series]
    for m in results:
        if m.status == "ok" and not m.agrees:
            log(
                f"  !!! MISMATCH {fmt} {m.impl}: hosts={m.hosts} host-CVE pairs={m.host_cves} "
                f"but the generator wrote hosts={truth.hosts} host-CVE pairs={truth.host_cves}"
            )
    return results
