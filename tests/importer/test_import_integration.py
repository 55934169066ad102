"""import_report against the fake FutureVuls server over real loopback sockets, with both clients."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from futurevuls_ext.importer import ImportResult
from futurevuls_ext.importer._progress import ImportProgress
from futurevuls_ext.parsers import HostResult, ScanReport
from futurevuls_ext.testing import FakeFutureVuls, FaultConfig

from ..harness import Both
from .factories import host

pytestmark = [pytest.mark.anyio, pytest.mark.integration]

WRITES = {"POST", "PUT", "DELETE"}


def report(*hosts: HostResult, fmt: str = "nessus") -> ScanReport:
    return ScanReport(format=fmt, source="<test>", hosts=tuple(hosts))


BASE = report(
    host("10.0.0.1", ("CVE-2024-0001", "CVE-2024-0002")),
    host("192.0.2.50", ("CVE-2023-1111",), names=("web02.example.com",)),
    host("10.0.0.3", ("CVE-2022-0003",)),
)


def add_servers(fake: FakeFutureVuls) -> None:
    ids = [
        fake.add_server(name, ipv4=ip)
        for name, ip in (("web01", "10.0.0.1"), ("web02.example.com", "172.16.0.2"), ("db01", "10.0.0.3"))
    ]
    assert ids == [S1, S2, S3]


S1, S2, S3 = 100, 101, 102


@pytest.fixture
def fake() -> Iterator[FakeFutureVuls]:
    with FakeFutureVuls() as running:
        add_servers(running)
        yield running


async def run_import(both: Both, fake: FakeFutureVuls, source: Any, **kwargs: Any) -> ImportResult:
    """One import with a fresh client of this run's mode."""
    both.connect_fake(fake, max_retries=3)
    result: ImportResult = await both.run(lambda c: c.import_report(source, **kwargs))
    return result


def writes(fake: FakeFutureVuls) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in fake.requests if r.method in WRITES]


def scans_by_server(fake: FakeFutureVuls) -> dict[int, list[tuple[str, list[str], bool]]]:
    result: dict[int, list[tuple[str, list[str], bool]]] = {}
    for scan in fake.state.external_scans.values():
        result.setdefault(scan.server_id, []).append((scan.name, sorted(scan.cve_ids), scan.is_external))
    return result


async def test_first_import_then_reimport_writes_nothing(both: Both, fake: FakeFutureVuls) -> None:
    first = await run_import(both, fake, BASE)
    assert first.ok
    assert sorted(o.host for o in first.created) == ["10.0.0.1", "10.0.0.3", "192.0.2.50"]
    assert scans_by_server(fake) == {
        S1: [("nessus", ["CVE-2024-0001", "CVE-2024-0002"], True)],
        S2: [("nessus", ["CVE-2023-1111"], True)],
        S3: [("nessus", ["CVE-2022-0003"], True)],
    }
    assert all(o.external_scan_id for o in first.created)
    before = len(writes(fake))
    second = await run_import(both, fake, BASE)
    assert second.ok
    assert len(second.unchanged) == 3
    assert second.write_count == 0
    assert len(writes(fake)) == before  # zero writes the second time


async def test_changed_report_updates_only_what_changed(both: Both, fake: FakeFutureVuls) -> None:
    await run_import(both, fake, BASE)
    before = len(writes(fake))
    changed = report(
        host("10.0.0.1", ("CVE-2024-0001",)),  # one CVE fixed
        host("192.0.2.50", ("CVE-2023-1111",), names=("web02.example.com",)),
        host("10.0.0.3", ("CVE-2022-0003",)),
    )
    result = await run_import(both, fake, changed)
    assert [o.host for o in result.updated] == ["10.0.0.1"]
    assert len(result.unchanged) == 2
    new_writes = writes(fake)[before:]
    assert [m for m, _ in new_writes] == ["PUT"]
    assert scans_by_server(fake)[S1] == [("nessus", ["CVE-2024-0001"], True)]
    put = [r for r in fake.requests if r.method == "PUT"][-1]
    assert put.body == {"cveIDs": ["CVE-2024-0001"]}  # the unchanged flag is not re-sent


async def test_dry_run_writes_nothing_and_returns_the_plan(both: Both, fake: FakeFutureVuls) -> None:
    result = await run_import(both, fake, BASE, dry_run=True, create_pseudo_servers=True)
    assert result.dry_run
    assert len(result.created) == 3
    assert writes(fake) == []
    assert fake.state.external_scans == {}


async def test_pseudo_servers_are_created_once(both: Both, fake: FakeFutureVuls) -> None:
    extra = report(*BASE.hosts, host("203.0.113.9", ("CVE-2021-4444",)))
    unresolved = await run_import(both, fake, extra)
    assert [o.host for o in unresolved.unresolved] == ["203.0.113.9"]
    assert "create_pseudo_servers" in unresolved.unresolved[0].reason
    result = await run_import(both, fake, extra, create_pseudo_servers=True)
    assert result.ok
    assert len(result.pseudo_servers_created) == 1
    (pseudo_id,) = result.pseudo_servers_created
    assert fake.state.servers[pseudo_id].name == "203.0.113.9"
    again = await run_import(both, fake, extra, create_pseudo_servers=True)
    assert again.pseudo_servers_created == ()
    assert again.write_count == 0
    assert len(fake.state.servers) == 4


async def test_prune_empties_hosts_no_longer_reported(both: Both, fake: FakeFutureVuls) -> None:
    await run_import(both, fake, BASE)
    smaller = report(BASE.hosts[0], BASE.hosts[1])
    result = await run_import(both, fake, smaller, prune=True)
    assert [o.server_id for o in result.pruned] == [S3]
    assert scans_by_server(fake)[S3] == [("nessus", [], True)]
    assert (await run_import(both, fake, smaller, prune=True)).write_count == 0
    deleted = await run_import(both, fake, smaller, prune=True, prune_mode="delete")
    assert [o.server_id for o in deleted.pruned] == [S3]
    assert S3 not in scans_by_server(fake)


async def test_internal_flag_and_names_are_separate_results(both: Both, fake: FakeFutureVuls) -> None:
    await run_import(both, fake, BASE)
    await run_import(both, fake, BASE, name="nmap-weekly", is_external=False)
    assert sorted(scans_by_server(fake)[S1]) == [
        ("nessus", ["CVE-2024-0001", "CVE-2024-0002"], True),
        ("nmap-weekly", ["CVE-2024-0001", "CVE-2024-0002"], False),
    ]


async def test_partial_failure_is_recorded_and_others_continue(both: Both) -> None:
    faults = FaultConfig(script=("ok", "500"), methods=frozenset({"POST"}))
    with FakeFutureVuls(faults=faults) as fake:
        add_servers(fake)
        result = await run_import(both, fake, BASE, concurrency=1)
        assert len(result.failed) == 1
        assert "HTTP 500" in result.failed[0].reason
        assert len(result.created) == 2
        assert not result.ok
        posts = [r for r in fake.requests if r.method == "POST"]
        assert len(posts) == 3  # the failed POST was not resent
        retry = await run_import(both, fake, BASE)
        assert len(retry.created) == 1
        assert len(retry.unchanged) == 2
        assert all(len(v) == 1 for v in scans_by_server(fake).values())


async def test_retries_429_and_5xx_then_succeeds(both: Both) -> None:
    faults = FaultConfig(script=("429", "503", "502"), retry_after=0, methods=frozenset({"GET"}))
    with FakeFutureVuls(faults=faults) as fake:
        fake.add_server("web01", ipv4="10.0.0.1")
        result = await run_import(both, fake, report(BASE.hosts[0]))
        assert result.ok
        assert fake.fault_counts
        assert len(fake.state.external_scans) == 1


class Crash(Exception):
    pass


async def test_resume_after_a_crash_finishes_without_duplicates(both: Both, fake: FakeFutureVuls) -> None:
    def crash_after_first(progress: ImportProgress) -> None:
        if progress.done == 1:
            raise Crash

    many = report(
        *BASE.hosts, host("203.0.113.9", ("CVE-2021-4444",)), host("203.0.113.10", ("CVE-2021-55555",))
    )
    with pytest.raises(Crash):
        await run_import(
            both, fake, many, create_pseudo_servers=True, concurrency=1, progress=crash_after_first
        )
    assert len(fake.state.external_scans) == 1
    result = await run_import(both, fake, many, create_pseudo_servers=True)
    assert result.ok
    assert len(result.created) == 4
    assert len(result.unchanged) == 1
    assert len(fake.state.external_scans) == 5
    assert len(fake.state.servers) == 5
    assert all(len(v) == 1 for v in scans_by_server(fake).values())


async def test_external_results_raise_task_exposure(both: Both, fake: FakeFutureVuls) -> None:
    fake.add_cve("CVE-2024-0001", exploitation="active", automatable="yes", value_density="concentrated")
    await run_import(both, fake, report(host("10.0.0.1", ("CVE-2024-0001",))))
    tasks = [t for t in await both.items(lambda c: c.tasks.list(server_id=S1)) if t.cve_id == "CVE-2024-0001"]
    assert len(tasks) == 1
