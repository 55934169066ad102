"""``python -m bench``: parse throughput and memory vs peers and floors, import time, import throughput."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
from pathlib import Path
from typing import Any

from . import generate, report
from .impls import FORMATS, IMPLS
from .runner import ROOT, Measurement, RunOptions, measure_format, package_version

OUT_DEFAULT = ROOT / "bench" / "out" / "results.json"


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    ap.add_argument("--size-mb", type=float, default=100.0, help="size of the generated inputs (default 100)")
    ap.add_argument(
        "--quick", action="store_true", help="smoke run: 5 MB inputs, 1 repetition, 5 import runs"
    )
    ap.add_argument("--reps", type=int, default=3, help="repetitions per measurement, best kept (default 3)")
    ap.add_argument("--formats", default=",".join(FORMATS), help=f"comma list of {', '.join(FORMATS)}")
    ap.add_argument("--no-peers", action="store_true", help="measure only the floor and ours")
    ap.add_argument("--with-1gb", action="store_true", help="also the memory curve on a 1 GB .nessus (ours)")
    ap.add_argument("--big-size-mb", type=float, default=1024.0, help="size of the --with-1gb file")
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds before one measurement is killed")
    ap.add_argument(
        "--slow-cap", type=float, default=120.0, help="no repetition after a run slower than this"
    )
    ap.add_argument("--skip", default="", help="comma list of: parse, importtime, import")
    ap.add_argument("--import-runs", type=int, default=20, help="processes per statement for import time")
    ap.add_argument(
        "--metric",
        choices=("wall", "cpu"),
        default="wall",
        help="time the verdicts compare: best wall seconds (default) or CPU seconds (steadier when busy)",
    )
    ap.add_argument("--data-dir", type=Path, default=generate.DATA_DIR)
    ap.add_argument("--out", type=Path, default=OUT_DEFAULT)
    return ap


def _section(title: str) -> None:
    print(f"\n== {title} ==", flush=True)


def _log(msg: str) -> None:
    print(msg, flush=True)


def _load_warning() -> None:
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0]
    if load > cores:
        print(
            f"NOTE: the machine is busy (1-minute load average {load:.1f} on {cores} cores): wall times are "
            "inflated and noisy; the cpu s column is steadier (--metric cpu bases the verdicts on it)."
        )


def run_parse(args: argparse.Namespace, opts: RunOptions) -> tuple[list[Measurement], list[Measurement]]:
    rows: list[Measurement] = []
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    for fmt in formats:
        if fmt not in FORMATS:
            raise SystemExit(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
        path, truth = generate.ensure(fmt, args.size_mb, data_dir=args.data_dir, log=_log)
        _log(f"{fmt}: {path.name}  hosts={truth.hosts} host-CVE pairs={truth.host_cves} CVEs={truth.cves}")
        rows.extend(measure_format(fmt, path, truth, opts, log=_log))
    big: list[Measurement] = []
    if args.with_1gb:
        path, truth = generate.ensure("nessus", args.big_size_mb, data_dir=args.data_dir, log=_log)
        _log(f"memory curve: {path.name}  hosts={truth.hosts} host-CVE pairs={truth.host_cves}")
        big_opts = RunOptions(reps=1, timeout=opts.timeout, slow_cap=opts.slow_cap, kinds=("floor", "ours"))
        big = measure_format("nessus", path, truth, big_opts, log=_log)
    return rows, big


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.quick:
        args.size_mb, args.reps, args.import_runs = 5.0, 1, 5
        if args.big_size_mb == 1024.0:
            args.big_size_mb = 50.0
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    kinds = ("floor", "ours") if args.no_peers else ("floor", "ours", "peer")
    opts = RunOptions(reps=args.reps, timeout=args.timeout, slow_cap=args.slow_cap, kinds=kinds)
    peers = sorted({i.package for i in IMPLS if i.package})
    payload: dict[str, Any] = {
        "meta": {
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "size_mb": args.size_mb,
            "reps": args.reps,
            "metric": args.metric,
            "cpu_count": os.cpu_count(),
            "load_average_start": os.getloadavg(),
            "futurevuls_ext": package_version("futurevuls-ext"),
            "peers": {p: package_version(p) for p in peers},
        },
    }
    verdicts: list[report.Verdict] = []
    if "parse" not in skip:
        _section(f"parse: {args.size_mb:g} MB inputs, best of {args.reps}, one fresh process per run")
        rows, big = run_parse(args, opts)
        payload["parse"] = rows
        payload["memory_curve"] = big
        verdicts += report.parse_verdicts(rows, metric=args.metric) + report.rss_verdicts(big)
        _section("parse results")
        _load_warning()
        print(report.format_table(rows + big))
        missing = [m for m in rows if m.status in ("not installed", "not available", "error", "timeout")]
        for m in missing:
            print(f"  could not run: {m.format} {m.impl}: {m.status}: {m.note}")
    if "importtime" not in skip:
        from .importtime import measure_import_time

        _section(f"import time: whole process, median of {args.import_runs}")
        it = measure_import_time(args.import_runs)
        payload["import_time"] = it
        med = it["median_seconds"]
        print(
            f"python -c pass {med['bare'] * 1000:.1f} ms | deps (httpx attrs cattrs defusedxml) "
            f"{med['deps'] * 1000:.1f} ms | import futurevuls_ext {med['ours'] * 1000:.1f} ms"
        )
        net = it["net_ratio"]
        print(
            f"ratio ours/deps {it['ratio']:.3f} "
            f"(net of bare interpreter: {'-' if net is None else f'{net:.3f}'})"
        )
        print(
            f"for information: import futurevuls_ext + first touch of futurevuls_ext.Client (loads httpx, "
            f"models) {med['ours_client'] * 1000:.1f} ms = {med['ours_client'] / med['deps']:.3f} x deps"
        )
        verdicts.append(
            report.Verdict(
                name="import futurevuls_ext / import deps (whole process)",
                value=it["ratio"],
                target=f"<= {report.IMPORT_RATIO}",
                passed=it["ratio"] <= report.IMPORT_RATIO,
            )
        )
    if "import" not in skip:
        from .import_throughput import measure_import_throughput

        _section("import throughput against the fake server")
        tp = measure_import_throughput()
        payload["import_throughput"] = tp
        if tp["status"] == "skipped":
            print(f"import throughput: skipped, {tp['reason']}")
        elif tp["status"] == "error":
            print(f"import throughput: FAILED: {tp['reason']}")
        for run in tp.get("runs", []):
            outcome = " ".join(
                f"{k}={run[k]}" for k in ("created", "updated", "unchanged", "unresolved", "failed")
            )
            print(
                f"{run['run']}: {tp['hosts']} hosts in {run['seconds']:.2f} s = {run['hosts_per_s']:.1f} "
                f"hosts/s, {run['requests']} requests ({outcome}); latency {tp['latency_s'] * 1000:.0f} ms, "
                f"concurrency {tp['concurrency']}"
            )
    _section("targets")
    print(report.format_verdicts(verdicts) or "(nothing measured)")
    payload["verdicts"] = verdicts
    payload["meta"]["load_average_end"] = os.getloadavg()
    report.write_json(args.out, payload)
    print(f"\nwrote {args.out}")
    return 0
