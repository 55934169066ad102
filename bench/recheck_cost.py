"""Cost of the import's re-check after its creates (issues 13, 17): the same import with and without it.

Run: ``python -m bench.recheck_cost [--hosts 300] [--rounds 3] [--latency 0.0]``. A fresh fake (in this
process) gets ``--hosts`` servers matched by IPv4; a report of one CVE set per host is imported with
``Client`` (concurrency 8), so every host is a create. "with" is the shipped code: after every create
of the run, one listing of the group's results (or one per created server when that is fewer
requests) settles them all. "without" skips that phase, the import as it was before the re-check
(not shipped; measured only here). Until issue 17 the re-check listed the server after each create:
2x the requests of "without". ``--latency`` adds seconds of
fake-server latency per request, to see the cost when round trips dominate (a real API). Best of
``--rounds``; prints wall seconds, requests, and the ratio with/without. A second run of the same
report (nothing to write) is timed too: the re-check costs nothing there.
Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import futurevuls_ext as fv
from futurevuls_ext.importer import _program
from futurevuls_ext.parsers import HostResult, ScanReport
from futurevuls_ext.testing import FakeFutureVuls, FaultConfig


def _report(hosts: int) -> ScanReport:
    return ScanReport(
        format="nessus",
        source="<bench>",
        hosts=tuple(
            HostResult(
                address=f"10.{i >> 8 & 255}.{i & 255}.1",
                hostnames=frozenset(),
                ip_addresses=frozenset({f"10.{i >> 8 & 255}.{i & 255}.1"}),
                cve_ids=frozenset({f"CVE-2024-{1000 + i % 500}", f"CVE-2023-{2000 + i % 97}"}),
                ports=frozenset(),
                findings=(),
            )
            for i in range(hosts)
        ),
    )


def _no_recheck(run: Any, concurrency: int) -> Any:
    """The re-check phase left out (the import before issue 13): every create stands as made."""
    yield from ()


@contextmanager
def _without_recheck() -> Iterator[None]:
    saved = _program._recheck_results
    _program._recheck_results = _no_recheck
    try:
        yield
    finally:
        _program._recheck_results = saved


def _once(hosts: int, latency: float) -> tuple[float, int, float]:
    report = _report(hosts)
    faults = FaultConfig(latency=latency) if latency else None
    with FakeFutureVuls(faults=faults) as fake:
        for host in report.hosts:
            fake.add_server(f"srv-{host.address}", ipv4=host.address)
        with fv.Client(fake.token, base_url=fake.url) as client:
            before = len(fake.requests)
            start = time.perf_counter()
            result = client.import_report(report, lock=False)
            first = time.perf_counter() - start
            if not result.ok or len(result.created) != hosts:
                raise SystemExit(f"unexpected import: {result.summary()}")
            requests = len(fake.requests) - before
            start = time.perf_counter()
            again = client.import_report(report, lock=False)
            second = time.perf_counter() - start
            if again.write_count:
                raise SystemExit("the re-run wrote")
    return first, requests, second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--latency", type=float, default=0.0)
    args = parser.parse_args()
    best: dict[str, tuple[float, int, float]] = {}
    for _ in range(args.rounds):  # interleaved, so a burst of load hits both variants
        for label in ("with", "without"):
            if label == "without":
                with _without_recheck():
                    got = _once(args.hosts, args.latency)
            else:
                got = _once(args.hosts, args.latency)
            if label not in best or got[0] < best[label][0]:
                best[label] = got
    print(f"hosts={args.hosts} latency={args.latency}s best of {args.rounds}")
    for label, (first, requests, second) in best.items():
        print(
            f"  {label:<8} re-check: first run {first:6.3f} s, {requests:5d} requests; re-run {second:6.3f} s"
        )
    ratio = best["with"][0] / best["without"][0]
    calls_ratio = best["with"][1] / best["without"][1]
    print(f"  ratio with/without (first run): {ratio:.2f}x; requests {calls_ratio:.2f}x")


if __name__ == "__main__":
    main()
