"""Peak RSS and throughput of the Nessus parser on a (generated) large .nessus file.

Usage:
    python bench/nessus_memory.py FILE.nessus [--mode iter|report] [--json]
    python bench/nessus_memory.py --generate 1G [--keep]      # generate into a temp file first

Each measurement runs in a fresh subprocess, so the peak RSS (``ru_maxrss``) is that of the parse
alone (interpreter + imports included; the baseline after imports is printed too).
``iter`` streams findings (``iter_findings``); ``report`` builds the whole ``ScanReport``; ``hosts``
builds it without keeping findings (``keep_findings=False``, what ``import_report`` does).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

_CHILD = r"""
import json, resource, sys, time
import futurevuls_ext.parsers as p
from futurevuls_ext.parsers import nessus  # noqa: F401  (import cost outside the measurement)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
path, mode = sys.argv[1], sys.argv[2]
t0, c0 = time.perf_counter(), time.process_time()
if mode == "iter":
    hosts, findings, cves = set(), 0, 0
    for f in p.iter_findings(path, format="nessus"):
        hosts.add(f.address); findings += 1; cves += len(f.cve_ids)
    hosts = len(hosts)
else:
    r = p.parse_report(path, format="nessus", keep_findings=(mode == "report"))
    hosts, findings = len(r.hosts), sum(len(h.findings) for h in r.hosts)  # 0 in "hosts" mode
    cves = sum(len(h.cve_ids) for h in r.hosts)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"hosts": hosts, "findings": findings, "cves": cves, "wall_s": wall, "cpu_s": cpu,
                  "baseline_rss_mb": base / 1024, "peak_rss_mb": peak / 1024}))
"""


def measure(path: Path, mode: str) -> dict[str, float]:
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, PYTHONPATH=str(root) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), mode], capture_output=True, text=True, check=True, env=env
    ).stdout
    result: dict[str, float] = json.loads(out)
    size_mb = path.stat().st_size / 1e6
    result["size_mb"] = size_mb
    result["mb_per_s"] = size_mb / result["wall_s"]
    result["mb_per_cpu_s"] = size_mb / result["cpu_s"]
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path)
    ap.add_argument("--generate", metavar="SIZE", help="generate a file of this size (e.g. 100M, 1G) first")
    ap.add_argument("--keep", action="store_true", help="keep the generated file")
    ap.add_argument("--mode", choices=("iter", "report", "hosts", "both"), default="both")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = ap.parse_args(argv)
    generated: Path | None = None
    if args.generate:
        fd, name = tempfile.mkstemp(suffix=".nessus")
        os.close(fd)
        generated = Path(name)
        gen = Path(__file__).resolve().parent / "gen_nessus.py"
        subprocess.run([sys.executable, str(gen), name, "--size", args.generate], check=True)
    path = generated or args.file
    if path is None:
        ap.error("give a FILE or --generate SIZE")
    try:
        modes = ("iter", "hosts", "report") if args.mode == "both" else (args.mode,)
        results = {mode: measure(path, mode) for mode in modes}
    finally:
        if generated is not None and not args.keep:
            generated.unlink()
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"{'mode':8} {'size MB':>9} {'hosts':>7} {'findings':>9} {'MB/s':>7} {'MB/cpu-s':>9} "
        f"{'base RSS':>9} {'peak RSS':>9}"
    )
    for mode, r in results.items():
        print(
            f"{mode:8} {r['size_mb']:9.1f} {r['hosts']:7.0f} {r['findings']:9.0f} {r['mb_per_s']:7.1f} "
            f"{r['mb_per_cpu_s']:9.1f} {r['baseline_rss_mb']:8.1f}M {r['peak_rss_mb']:8.1f}M"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
