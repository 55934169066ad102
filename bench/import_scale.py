"""Import throughput: 5,000 hosts into the fake FutureVuls server with 20 ms injected latency.

Runs the same import at concurrency 1 and 32 (AsyncClient; the sync client's thread pool at 32 too),
each against a fresh fake seeded with one server per host and running in its own process (so the
server does not share the client's GIL), and prints hosts/s side by side with the ratio. Only
127.0.0.1 is contacted. Usage: ``python -m bench.import_scale [--hosts N] [--latency S]``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any

import anyio

import futurevuls_ext as fv
from futurevuls_ext.parsers import HostResult, ScanReport
from futurevuls_ext.testing import FakeFutureVuls, FaultConfig


def _report(hosts: int) -> ScanReport:
    items = tuple(
        HostResult(
            address=f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}",
            hostnames=frozenset(),
            ip_addresses=frozenset(),
            cve_ids=frozenset({f"CVE-2024-{10000 + i % 97}", f"CVE-2023-{20000 + i % 13}"}),
            ports=frozenset(),
            findings=(),
        )
        for i in range(1, hosts + 1)
    )
    return ScanReport(format="nessus", source="<generated>", hosts=items)


def _serve(addresses: list[str], latency: float, conn: Connection) -> None:
    with FakeFutureVuls(faults=FaultConfig(latency=latency)) as fake:
        for address in addresses:
            fake.add_server(f"srv-{address}", ipv4=address)
        conn.send((fake.url, fake.token))
        conn.recv()  # the parent says when to stop
        conn.send(len(fake.state.external_scans))


@contextmanager
def _fake_process(report: ScanReport, latency: float) -> Iterator[tuple[str, str, Connection]]:
    parent, child = multiprocessing.Pipe()
    addresses = [host.address for host in report.hosts]
    process = multiprocessing.get_context("fork").Process(target=_serve, args=(addresses, latency, child))
    process.start()
    try:
        url, token = parent.recv()
        yield url, token, parent
    finally:
        process.join(timeout=30)
        if process.is_alive():
            process.kill()


def _run(kind: str, report: ScanReport, latency: float, concurrency: int) -> dict[str, Any]:
    with _fake_process(report, latency) as (url, token, conn):
        start = time.perf_counter()
        if kind == "sync":
            with fv.Client(token, base_url=url, timeout=60) as client:
                result = client.import_report(report, concurrency=concurrency)
        else:

            async def go() -> fv.ImportResult:
                async with fv.AsyncClient(token, base_url=url, timeout=60) as client:
                    return await client.import_report(report, concurrency=concurrency)

            result = anyio.run(go)
        elapsed = time.perf_counter() - start
        conn.send("stop")
        stored = conn.recv()
    failures = [f"{o.host}: {o.reason}" for o in result.failed[:3]]
    return {
        "counts": result.counts(),
        "results_stored": stored,
        "first_failures": failures,
        "client": kind,
        "concurrency": concurrency,
        "seconds": elapsed,
        "hosts_per_s": len(report.hosts) / elapsed,
    }


def main() -> None:
    """Run the comparison and print a table plus JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hosts", type=int, default=5000)
    parser.add_argument("--latency", type=float, default=0.02)
    args = parser.parse_args()
    report = _report(args.hosts)
    rows = [
        _run("async", report, args.latency, 1),
        _run("async", report, args.latency, 32),
        _run("sync", report, args.latency, 32),
    ]
    base = rows[0]["hosts_per_s"]
    print(f"import of {args.hosts} hosts, {args.latency * 1000:.0f} ms injected latency per request")
    print(f"{'client':<7} {'concurrency':>11} {'seconds':>9} {'hosts/s':>9} {'vs c=1':>7}  outcome")
    for row in rows:
        ratio = row["hosts_per_s"] / base
        cells = (
            f"{row['client']:<7} {row['concurrency']:>11} {row['seconds']:>9.1f} {row['hosts_per_s']:>9.1f}"
        )
        print(
            f"{cells} {ratio:>6.1f}x  {row['counts']} stored={row['results_stored']} {row['first_failures']}"
        )
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
