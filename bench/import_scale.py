"""Import throughput: the SDK against a hand-written floor, at concurrency 32 and 1 (issue 17).

Rows: the floor (httpx over the aiohttp transport, the same creates), ``AsyncClient`` on httpx's own
transport and on the aiohttp extra's, and the sync ``Client`` (its thread pool) on its default
``http.client`` transport (``sync``) and on httpx's own (``sync-httpx``). Every row runs in its
own fresh interpreter (``python -m bench.import_scale_child``) against a fresh fake seeded with one
server per host and running in its own process, with ``--latency`` injected per request; rows are
interleaved round by round (``--rounds``, best kept), so a burst of load from elsewhere hits one round
of every row rather than every round of one. Concurrency 1 imports ``--hosts-c1`` hosts (hosts/s does
not depend on the count; a full-size sequential run would take minutes).

Each child imports its modules before its clock starts (the SDK rows: what ``import_report`` loads on
first use; see ``bench.import_scale_child``); every SDK row's listings, planning and re-check are timed.
Prints hosts/s, client CPU ms per host (the child's whole process CPU over the timed part), the ratio
to the floor at the same concurrency, and c=32/c=1 per row; then the targets and JSON. Only 127.0.0.1
is contacted. Usage: ``python -m bench.import_scale [--hosts 2000] [--hosts-c1 200] [--rounds 2]``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from futurevuls_ext.testing import FakeFutureVuls, FaultConfig

from .import_scale_child import KINDS, address

ROOT = Path(__file__).resolve().parent.parent


def _serve(hosts: int, latency: float, conn: Connection) -> None:
    with FakeFutureVuls(faults=FaultConfig(latency=latency)) as fake:
        for i in range(1, hosts + 1):
            fake.add_server(f"srv-{i}", ipv4=address(i))
        conn.send((fake.url, fake.token))
        conn.recv()  # the parent says when to stop
        conn.send(len(fake.state.external_scans))


@contextmanager
def _fake_process(hosts: int, latency: float) -> Iterator[tuple[str, str, Connection]]:
    parent, child = multiprocessing.Pipe()
    process = multiprocessing.get_context("fork").Process(target=_serve, args=(hosts, latency, child))
    process.start()
    try:
        url, token = parent.recv()
        yield url, token, parent
    finally:
        process.join(timeout=30)
        if process.is_alive():
            process.kill()


def run_row(kind: str, concurrency: int, hosts: int, latency: float) -> dict[str, Any]:
    """One row: a fresh fake process, a fresh client interpreter; the child's JSON plus what was stored."""
    with _fake_process(hosts, latency) as (url, token, conn):
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.import_scale_child",
                kind,
                str(concurrency),
                url,
                token,
                str(hosts),
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=900,
            check=False,
        )
        conn.send("stop")
        stored = conn.recv()
    if done.returncode != 0:
        return {"kind": kind, "concurrency": concurrency, "hosts": hosts, "error": done.stderr[-2000:]}
    row: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    row["stored"] = stored
    row["hosts_per_s"] = hosts / row["seconds"]
    row["cpu_ms_per_host"] = 1000 * row["cpu_s"] / hosts
    return row


def _best(rows: list[dict[str, Any]]) -> dict[str, Any]:
    good = [r for r in rows if "error" not in r]
    if not good:
        return rows[0]
    best = max(good, key=lambda r: r["hosts_per_s"])
    return {**best, "cpu_ms_per_host": min(r["cpu_ms_per_host"] for r in good), "runs": len(good)}


def measure(
    kinds: tuple[str, ...],
    concurrencies: tuple[int, ...],
    hosts: int,
    hosts_c1: int,
    latency: float,
    rounds: int,
) -> dict[tuple[str, int], dict[str, Any]]:
    """Every (kind, concurrency) row, interleaved over ``rounds``; the best run of each."""
    runs: dict[tuple[str, int], list[dict[str, Any]]] = {}
    loads = [os.getloadavg()[0]]
    for _ in range(rounds):
        for concurrency in concurrencies:
            for kind in kinds:
                count = hosts_c1 if concurrency == 1 else hosts
                runs.setdefault((kind, concurrency), []).append(run_row(kind, concurrency, count, latency))
                loads.append(os.getloadavg()[0])
    best = {key: _best(rows) for key, rows in runs.items()}
    best[("load", 0)] = {"min": min(loads), "max": max(loads), "samples": loads}
    return best


def render(
    best: dict[tuple[str, int], dict[str, Any]], kinds: tuple[str, ...], concurrencies: tuple[int, ...]
) -> str:
    """The table: hosts/s, CPU ms/host, ratio to the floor, c=32 / c=1."""
    top, low = max(concurrencies), min(concurrencies)
    head = f"{'client':<14} {'c':>3} {'hosts':>6} {'hosts/s':>9} {'cpu ms/host':>12} {'vs floor':>9}"
    lines = [f"{head} {'c32/c1':>7}  outcome"]
    for concurrency in concurrencies:
        floor = best.get(("floor", concurrency), {})
        for kind in kinds:
            row = best[(kind, concurrency)]
            if "error" in row:
                lines.append(f"{kind:<14} {concurrency:>3} ERROR {row['error'].strip().splitlines()[-1:]}")
                continue
            ratio = row["hosts_per_s"] / floor["hosts_per_s"] if "hosts_per_s" in floor else float("nan")
            scale = ""
            if concurrency == top and "hosts_per_s" in best.get((kind, low), {}):
                scale = f"{row['hosts_per_s'] / best[(kind, low)]['hosts_per_s']:.1f}x"
            lines.append(
                f"{kind:<14} {concurrency:>3} {row['hosts']:>6} {row['hosts_per_s']:>9.0f} "
                f"{row['cpu_ms_per_host']:>12.2f} {ratio:>8.2f}x {scale:>7}  "
                f"{row['counts']} stored={row['stored']} {row.get('first_failures') or ''}"
            )
    load = best[("load", 0)]
    lines.append(f"load average (1 min) during the run: {load['min']:.2f} .. {load['max']:.2f}")
    return "\n".join(lines)


def verdicts(best: dict[tuple[str, int], dict[str, Any]], top: int, low: int) -> list[str]:
    """The issue-17 targets, each with its measured ratio."""

    def ratio(kind: str, c: int, base: str, cb: int) -> float:
        a, b = best.get((kind, c), {}), best.get((base, cb), {})
        return (
            a["hosts_per_s"] / b["hosts_per_s"] if "hosts_per_s" in a and "hosts_per_s" in b else float("nan")
        )

    checks = [
        ("SDK async + aiohttp >= 0.8x floor", ratio("async-aiohttp", top, "floor", top), 0.8),
        ("SDK sync >= 0.6x floor", ratio("sync", top, "floor", top), 0.6),
        ("SDK sync (http.client) >= 1.5x sync-httpx", ratio("sync", top, "sync-httpx", top), 1.5),
        (f"aiohttp c={top} >= 20x c={low}", ratio("async-aiohttp", top, "async-aiohttp", low), 20.0),
    ]
    return [f"{'ok ' if value >= goal else 'NO '} {name}: {value:.2f}" for name, value, goal in checks]


def main() -> None:
    """Run the interleaved rows and print the table, the targets and JSON."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--hosts", type=int, default=2000)
    parser.add_argument("--hosts-c1", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--concurrency", default="32,1")
    args = parser.parse_args()
    kinds = tuple(args.kinds.split(","))
    concurrencies = tuple(int(c) for c in args.concurrency.split(","))
    best = measure(kinds, concurrencies, args.hosts, args.hosts_c1, args.latency, args.rounds)
    print(f"import into the fake (own process), {args.latency * 1000:.0f} ms injected latency per request")
    print(render(best, kinds, concurrencies))
    for line in verdicts(best, max(concurrencies), min(concurrencies)):
        print(line)
    print(json.dumps({f"{k}@{c}": v for (k, c), v in best.items()}))


if __name__ == "__main__":
    main()
