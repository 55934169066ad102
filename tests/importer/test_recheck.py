"""The re-check after an import's creates, batched (issue 17): one listing for all creates, the lowest id
of a name wins, and runs stopped between their creates and the re-check are healed by the next run."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import futurevuls_ext as fv
from futurevuls_ext.importer import ImportInterrupted, ImportResult, _program
from futurevuls_ext.importer._plan import plan_import
from futurevuls_ext.parsers import ScanReport
from futurevuls_ext.testing import FakeFutureVuls, FaultConfig

from .._transports import CLIENT_KINDS
from ..reliability._importing import run_import
from .factories import host

pytestmark = pytest.mark.integration


def _report(count: int) -> ScanReport:
    addresses = [f"10.5.0.{i}" for i in range(1, count + 1)]
    hosts = tuple(
        host(a, (f"CVE-2024-{1000 + i}", "CVE-2023-0001"), ips=(a,)) for i, a in enumerate(addresses, 1)
    )
    return ScanReport(format="nessus", source="<test>", hosts=hosts)


def _seed(fake: FakeFutureVuls, count: int, *, others: int = 0) -> dict[int, frozenset[str]]:
    """One server per host (server id -> the report's CVEs for it); ``others`` results elsewhere."""
    expected = {
        fake.add_server(f"web{i:02d}", ipv4=f"10.5.0.{i}"): frozenset(
            {f"CVE-2024-{1000 + i}", "CVE-2023-0001"}
        )
        for i in range(1, count + 1)
    }
    if others:
        elsewhere = fake.add_server("elsewhere", ipv4="10.9.9.9")
        for _ in range(others):
            fake.add_external_scan(elsewhere, "old", ["CVE-2020-0001"])
    return expected


def _results(fake: FakeFutureVuls, server_id: int) -> list[tuple[int, frozenset[str]]]:
    return sorted(
        (s.id, frozenset(s.cve_ids))
        for s in fake.state.external_scans.values()
        if s.server_id == server_id and s.name == "nessus"
    )


def _listings(fake: FakeFutureVuls, since: int = 0) -> list[dict[str, str]]:
    """The query of every listing of results since request ``since``."""
    return [
        {key: values[-1] for key, values in r.query.items()}
        for r in fake.requests[since:]
        if r.method == "GET" and r.path == "/v1/externalScans"
    ]


@pytest.mark.parametrize("kind", CLIENT_KINDS)
def test_creates_are_rechecked_by_one_listing(kind: str) -> None:
    """40 creates: 40 POSTs and one listing of the group's results after them (not one per create)."""
    with FakeFutureVuls() as fake:
        expected = _seed(fake, 40)
        result = run_import(kind, fake, _report(40), lock=False)
        assert result.ok and len(result.created) == 40
        posts = [r for r in fake.requests if r.method == "POST"]
        assert len(posts) == 40
        listings = _listings(fake)
        assert len(listings) == 2  # before planning, and the re-check
        assert all("filterServerID" not in q and q["limit"] == "1000" for q in listings)
        assert all(
            _results(fake, sid) == [(_results(fake, sid)[0][0], cves)] for sid, cves in expected.items()
        )


def test_a_few_creates_in_a_large_group_are_rechecked_per_server() -> None:
    """2 creates beside 1,100 results: two filtered listings rather than 2 pages of the whole group (on a
    tie the filtered listings win: their answers are smaller)."""
    with FakeFutureVuls() as fake:
        _seed(fake, 2, others=1100)
        since = len(fake.requests)
        result = run_import("sync", fake, _report(2), lock=False)
        assert result.ok and len(result.created) == 2
        after_creates = _listings(fake, since)[2:]  # the planning listing took 2 pages
        assert len(after_creates) == 2
        assert all("filterServerID" in q for q in after_creates)


def _in_step(monkeypatch: pytest.MonkeyPatch, parties: int) -> threading.Barrier:
    """Make ``parties`` concurrent imports all plan before any of them writes (so all of them create)."""
    barrier = threading.Barrier(parties, timeout=20)
    plan = plan_import

    def planned(*args: Any, **kwargs: Any) -> Any:
        value = plan(*args, **kwargs)
        barrier.wait()
        return value

    monkeypatch.setattr(_program, "plan_import", planned)
    return barrier


def _together(parties: int, run: Callable[[], ImportResult]) -> Iterator[ImportResult | BaseException]:
    answers: list[ImportResult | BaseException] = []

    def one() -> None:
        try:
            answers.append(run())
        except BaseException as exc:  # collected and checked by the test
            answers.append(exc)

    threads = [threading.Thread(target=one) for _ in range(parties)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    yield from answers


@pytest.mark.parametrize("others", [0, 1100], ids=["group-listing", "per-server"])
def test_concurrent_creates_keep_the_lowest_id(monkeypatch: pytest.MonkeyPatch, others: int) -> None:
    """Two runs that both create every result: each server keeps exactly one, the lowest id."""
    count = 3
    with FakeFutureVuls(faults=FaultConfig(latency=0.002, latency_jitter=0.004, seed=5)) as fake:
        expected = _seed(fake, count, others=others)
        _in_step(monkeypatch, 2)
        report = _report(count)

        def go() -> ImportResult:
            with fv.Client(fake.token, base_url=fake.url) as client:
                return client.import_report(report, lock=False)

        answers = list(_together(2, go))
        assert all(isinstance(a, ImportResult) and a.ok for a in answers), answers
        created = sorted(s.id for s in fake.state.external_scans.values() if s.name == "nessus")
        assert len(created) == count
        for sid, cves in expected.items():
            assert [c for _, c in _results(fake, sid)] == [cves]
        removed = [o for a in answers if isinstance(a, ImportResult) for o in a.unchanged + a.updated]
        assert len(removed) == count  # per host, one run found the other's lower id and removed its own
        assert all("removed this run's duplicate" in o.reason for o in removed)
        monkeypatch.undo()
        assert run_import("sync", fake, report).write_count == 0


@pytest.mark.parametrize("mode", ["empty", "delete"])
def test_runs_stopped_before_the_recheck_are_healed_by_the_next_run(
    monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    """Two runs create every result and stop (Ctrl-C, a crash) before their re-check: each server holds
    two results of the name. The next run keeps the lowest, heals the other; a further run writes
    nothing."""
    count = 4
    with FakeFutureVuls() as fake:
        expected = _seed(fake, count)
        _in_step(monkeypatch, 2)

        def stopped(run: Any, concurrency: int) -> Any:
            yield from ()  # a program, stopped where the re-check would start
            raise KeyboardInterrupt

        monkeypatch.setattr(_program, "_recheck_results", stopped)
        report = _report(count)

        def go() -> ImportResult:
            with fv.Client(fake.token, base_url=fake.url) as client:
                return client.import_report(report, lock=False)

        answers = list(_together(2, go))
        assert all(isinstance(a, ImportInterrupted) for a in answers), answers
        for answer in answers:
            assert isinstance(answer, ImportInterrupted)
            assert len(answer.partial.created) == count
            assert all("interrupted before its re-check" in o.reason for o in answer.partial.created)
        assert all(len(_results(fake, sid)) == 2 for sid in expected)
        monkeypatch.undo()

        healed = run_import("sync", fake, report, prune_mode=mode)
        assert healed.ok and len(healed.healed) == count
        for sid, cves in expected.items():
            results = _results(fake, sid)
            assert [c for _, c in results if c] == [cves]
            assert results[0][1] == cves  # the lowest id is the one kept
            assert len(results) == (1 if mode == "delete" else 2)
        assert run_import("sync", fake, report, prune_mode=mode).write_count == 0


def test_a_failed_recheck_listing_keeps_the_creates_and_says_so() -> None:
    """The listing after the creates fails: the results stand as created, with a warning to re-run."""
    faults = FaultConfig(script=("ok", "500"), paths=(r"^/v1/externalScans$",), methods=frozenset({"GET"}))
    with FakeFutureVuls(faults=faults) as fake:
        _seed(fake, 5)
        result = run_import("sync", fake, _report(5), lock=False, max_retries=0)
        assert result.ok and len(result.created) == 5
        assert any("not re-checked" in w for w in result.warnings)
        assert all("not re-checked" in o.reason for o in result.created)
        assert run_import("sync", fake, _report(5)).write_count == 0
