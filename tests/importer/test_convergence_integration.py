"""Convergence against the fake: duplicates healed, pseudo servers repaired, rescans, the re-check after a
create, the local lock, and a paging error aborting before any write."""

from __future__ import annotations

import threading
from typing import Any

import pytest

import futurevuls_ext as fv
from futurevuls_ext.importer import ImportResult
from futurevuls_ext.parsers import HostResult, ScanReport
from futurevuls_ext.testing import FakeFutureVuls, FaultConfig

from ..harness import Both
from ..reliability._importing import import_with, run_import

pytestmark = pytest.mark.integration

WRITES = ("POST", "PUT", "DELETE")


def _report(*hosts: tuple[str, tuple[str, ...]]) -> ScanReport:
    return ScanReport(
        format="nessus",
        source="<test>",
        hosts=tuple(
            HostResult(
                address=address,
                hostnames=frozenset(),
                ip_addresses=frozenset({address}) if address[0].isdigit() else frozenset(),
                cve_ids=frozenset(cves),
                ports=frozenset(),
                findings=(),
            )
            for address, cves in hosts
        ),
    )


def _writes(fake: FakeFutureVuls, since: int = 0) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in fake.requests[since:] if r.method in WRITES]


def _scans(fake: FakeFutureVuls) -> dict[int, list[tuple[int, frozenset[str]]]]:
    out: dict[int, list[tuple[int, frozenset[str]]]] = {}
    for scan in sorted(fake.state.external_scans.values(), key=lambda s: s.id):
        out.setdefault(scan.server_id, []).append((scan.id, frozenset(scan.cve_ids)))
    return out


@pytest.mark.parametrize("mode", ["empty", "delete"])
@pytest.mark.anyio
async def test_duplicate_results_are_healed(both: Both, mode: str) -> None:
    with FakeFutureVuls() as fake:
        sid = fake.add_server("web", ipv4="10.0.0.1")
        low = fake.add_external_scan(sid, "nessus", ["CVE-2020-0001"])
        high = fake.add_external_scan(sid, "nessus", ["CVE-2020-0002"])
        report = _report(("10.0.0.1", ("CVE-2024-0001",)))
        result = await import_with(both, fake, report, prune_mode=mode)
        assert result.ok and result.counts()["healed"] == 1
        assert [row.external_scan_id for row in result.healed] == [high]
        assert "healed 1" in result.summary()
        left = _scans(fake)[sid]
        want = [(low, frozenset({"CVE-2024-0001"}))] + ([] if mode == "delete" else [(high, frozenset())])
        assert left == want
        again = await import_with(both, fake, report, prune_mode=mode)
        assert again.write_count == 0 and again.ok


@pytest.mark.anyio
async def test_pseudo_server_role_and_tags_are_repaired_on_a_later_run(both: Both) -> None:
    with FakeFutureVuls() as fake:
        role = fake.add_role("Internet-Facing", exposure="open")
        sid = fake.add_server("203.0.113.9", pseudo=True)  # an earlier run lost the role/tag writes
        fake.add_external_scan(sid, "nessus", ["CVE-2024-0001"])
        report = _report(("203.0.113.9", ("CVE-2024-0001",)))
        options: dict[str, Any] = {
            "create_pseudo_servers": True,
            "pseudo_server_role_id": role,
            "pseudo_server_tags": ["external", "nessus"],
        }
        result = await import_with(both, fake, report, **options)
        assert result.ok and [o.server_id for o in result.updated] == [sid]
        server = fake.state.servers[sid]
        assert server.role_id == role
        assert {fake.state.tags[t].name for t in server.tag_ids} == {"external", "nessus"}
        assert len(fake.state.servers) == 1
        again = await import_with(both, fake, report, **options)
        assert again.write_count == 0 and not again.updated


@pytest.mark.anyio
async def test_rescan_asks_exactly_for_the_changed_servers(both: Both) -> None:
    with FakeFutureVuls() as fake:
        a = fake.add_server("a", ipv4="10.0.0.1")
        b = fake.add_server("b", ipv4="10.0.0.2")
        fake.add_external_scan(b, "nessus", ["CVE-2024-0002"])
        report = _report(("10.0.0.1", ("CVE-2024-0001",)), ("10.0.0.2", ("CVE-2024-0002",)))
        result = await import_with(both, fake, report, rescan=True)
        assert result.rescanned == (a,)
        assert [p for m, p in _writes(fake) if p.startswith("/v1/server/scan/")] == [f"/v1/server/scan/{a}"]
        assert "rescan requested for 1 server(s)" in result.summary()
        before = len(fake.requests)
        assert (await import_with(both, fake, report, rescan=True)).rescanned == ()
        assert _writes(fake, before) == []


def test_a_paging_error_aborts_before_any_write() -> None:
    faults = FaultConfig(script=("ok", "500"), paths=(r"^/v1/externalScans$",), methods=frozenset({"GET"}))
    with FakeFutureVuls(faults=faults) as fake:
        sid = fake.add_server("web", ipv4="10.0.0.1")
        other = fake.add_server("other", ipv4="10.0.0.2")
        for index in range(1100):  # two pages of results (the import lists 1000 a page)
            fake.add_external_scan(other, f"old-{index}", ["CVE-2020-0001"])
        with pytest.raises(fv.APIError):
            run_import("sync", fake, _report(("10.0.0.1", ("CVE-2024-0001",))), max_retries=0)
        assert _writes(fake) == []
        assert sid not in _scans(fake)


@pytest.mark.parametrize("lock", [True, False])
def test_concurrent_threads_leave_no_duplicates(lock: bool) -> None:
    """Two threads, one report, 13 hosts with pseudo servers: with the lock they take turns; without
    it, the re-check after each create removes the later run's duplicates."""
    hosts = [(f"10.3.0.{i}", (f"CVE-2024-{1000 + i}",)) for i in range(1, 11)]
    hosts += [(f"203.0.113.{i}", (f"CVE-2024-{2000 + i}",)) for i in range(1, 4)]
    report = _report(*hosts)
    with FakeFutureVuls(faults=FaultConfig(latency=0.002, latency_jitter=0.004, seed=3)) as fake:
        for i in range(1, 11):
            fake.add_server(f"web{i:02d}", ipv4=f"10.3.0.{i}")
        barrier = threading.Barrier(2)
        results: list[ImportResult] = []

        def one() -> None:
            with fv.Client(fake.token, base_url=fake.url) as client:
                barrier.wait()
                results.append(client.import_report(report, create_pseudo_servers=True, lock=lock))

        threads = [threading.Thread(target=one) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert all(r.ok for r in results), [o.reason for r in results for o in r.failed]
        assert len(fake.state.servers) == 13
        per_server = _scans(fake)
        assert sorted(len(v) for v in per_server.values()) == [1] * 13
        if lock:  # the second run planned from what the first wrote
            assert sorted(r.write_count for r in results) == [0, 13]
        again = run_import("sync", fake, report, create_pseudo_servers=True)
        assert again.write_count == 0 and again.ok
