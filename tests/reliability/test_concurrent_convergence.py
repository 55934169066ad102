"""Property: 2-3 imports of one report run at the same time (threads or processes, sync and async
clients, with or without the local lock) against seeded faults (lost answers, 5xx, dropped connections,
latency) over random prior states (duplicate results, duplicate pseudo servers, pseudo servers missing
their role and tags). One more run then leaves exactly the report: one result per host and name with
exactly its CVE ids, one pseudo server per target with the requested role and tags, no duplicates; and
a further run writes nothing."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from futurevuls_ext import FutureVulsError
from futurevuls_ext._core.retry import RetryPolicy
from futurevuls_ext._identity import canonical_host
from futurevuls_ext.importer import ImportResult
from futurevuls_ext.testing import FakeFutureVuls, FaultConfig

from ._converge_child import report_of
from ._importing import run_import
from ._measure import HANG_GUARD_SECONDS, child_env

pytestmark = [
    pytest.mark.integration,
    pytest.mark.filterwarnings("ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning"),
]

NAME = "nessus"
CVES = [f"CVE-2024-{1000 + i}" for i in range(6)]
CHILD = Path(__file__).with_name("_converge_child.py")
WRITES = ("POST", "PUT", "DELETE")


@st.composite
def worlds(draw: st.DrawFn) -> dict[str, Any]:
    """Hosts, the prior state of FutureVuls, the faults and how the concurrent runs are made."""
    cve_set = st.frozensets(st.sampled_from(CVES), min_size=1, max_size=3)
    known = draw(st.integers(1, 3))
    pseudo = draw(st.integers(1, 3))
    hosts = [(f"10.9.0.{i}", sorted(draw(cve_set))) for i in range(1, known + 1)]
    hosts += [(f"203.0.113.{i}", sorted(draw(cve_set))) for i in range(1, pseudo + 1)]
    prior_results = [draw(st.lists(cve_set, max_size=2)) for _ in range(known)]  # 2 = duplicates
    prior_pseudo = [
        draw(st.none() | st.tuples(st.integers(1, 2), st.booleans(), st.lists(cve_set, max_size=2)))
        for _ in range(pseudo)
    ]  # (copies of the pseudo server, role and tags right?, results on the first copy)
    return {
        "hosts": hosts,
        "prior_results": prior_results,
        "prior_pseudo": prior_pseudo,
        "runs": draw(st.integers(2, 3)),
        "lock": draw(st.booleans()),
        "mode": draw(st.sampled_from(["empty", "delete"])),
        "seed": draw(st.integers(0, 2**16)),
        "faults": draw(st.booleans()),
    }


def faults(seed: int, *, on: bool = True) -> FaultConfig:
    """Lost answers, 5xx, dropped connections, 429s and latency (only jitter when ``on`` is False)."""
    if not on:
        return FaultConfig(seed=seed, latency_jitter=0.004)
    return FaultConfig(
        seed=seed,
        latency=0.001,
        latency_jitter=0.004,
        error_rate=0.04,
        error_statuses=(502, 503),
        drop_rate=0.03,
        drop_after_apply_rate=0.06,
        rate_limit_rate=0.03,
        retry_after=0,
    )


@pytest.fixture(autouse=True)
def short_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RetryPolicy, "backoff", lambda self, attempt, rand=None: 0.005)


def _seed(fake: FakeFutureVuls, world: dict[str, Any], role: int) -> None:
    hosts = world["hosts"]
    for (address, _cves), prior in zip(hosts, world["prior_results"], strict=False):
        sid = fake.add_server(f"srv-{address}", ipv4=address)
        for cves in prior:
            fake.add_external_scan(sid, NAME, sorted(cves))
    pseudo_hosts = hosts[len(world["prior_results"]) :]
    for (address, _cves), prior in zip(pseudo_hosts, world["prior_pseudo"], strict=True):
        if prior is None:
            continue
        copies, right, results = prior
        ids = [
            fake.add_server(
                address.upper() if n else address,  # a second copy spelled differently
                pseudo=True,
                role_id=role if right else None,
                tags=("external", "nessus") if right else (),
            )
            for n in range(copies)
        ]
        for cves in results:
            fake.add_external_scan(ids[0], NAME, sorted(cves))


def _options(world: dict[str, Any], role: int) -> dict[str, Any]:
    return {
        "create_pseudo_servers": True,
        "pseudo_server_role_id": role,
        "pseudo_server_tags": ["external", "nessus"],
        "prune": world["mode"] == "delete",
        "prune_mode": world["mode"],
        "lock": world["lock"],
    }


def _threads(fake: FakeFutureVuls, world: dict[str, Any], options: dict[str, Any]) -> list[ImportResult]:
    report = report_of(world["hosts"])
    barrier = threading.Barrier(world["runs"])
    results: list[ImportResult] = []

    def one(index: int) -> None:
        barrier.wait()
        with contextlib.suppress(FutureVulsError):  # a run may die of a fault; the next run repairs
            results.append(run_import("sync" if index % 2 == 0 else "async", fake, report, **options))

    threads = [threading.Thread(target=one, args=(i,)) for i in range(world["runs"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(HANG_GUARD_SECONDS)
    return results


def _processes(fake: FakeFutureVuls, world: dict[str, Any], options: dict[str, Any], tmp: Path) -> None:
    children = []
    for index in range(world["runs"]):
        spec = tmp / f"spec-{index}.json"
        kind = "sync" if index % 2 == 0 else "async"
        spec.write_text(
            json.dumps(
                {
                    "url": fake.url,
                    "token": fake.token,
                    "kind": kind,
                    "hosts": world["hosts"],
                    "options": options,
                }
            ),
            encoding="utf-8",
        )
        children.append(
            subprocess.Popen(
                [sys.executable, str(CHILD), str(spec)], env=child_env(), stdout=subprocess.PIPE, text=True
            )
        )
    for child in children:
        child.communicate(timeout=HANG_GUARD_SECONDS)
        assert child.returncode in (0, 3)


def _check(fake: FakeFutureVuls, world: dict[str, Any], role: int) -> None:
    """The state is exactly the report (pseudo servers with role and tags; duplicates healed)."""
    state = fake.state
    servers = state.servers
    by_server: dict[int, list[Any]] = {}
    for scan in state.external_scans.values():
        assert scan.name == NAME
        by_server.setdefault(scan.server_id, []).append(scan)
    pseudo: dict[str, list[Any]] = {}
    for s in servers.values():
        if s.os_family == "pseudo":
            pseudo.setdefault(canonical_host(s.name), []).append(s)
    for address, cves in world["hosts"]:
        if address.startswith("10."):
            (target,) = [s for s in servers.values() if s.ipv4 == address]
        else:
            copies = sorted(pseudo[canonical_host(address)], key=lambda s: s.id)
            target = copies[0]
            assert target.role_id == role
            assert {state.tags[t].name for t in target.tag_ids} >= {"external", "nessus"}
            if world["mode"] == "delete":
                assert len(copies) == 1, "duplicate pseudo servers left"
            for extra in copies[1:]:  # kept only when pruning does not delete: emptied
                assert all(not scan.cve_ids for scan in by_server.get(extra.id, []))
        results = sorted(by_server.get(target.id, []), key=lambda s: s.id)
        assert [frozenset(r.cve_ids) for r in results[:1]] == [frozenset(cves)]
        if world["mode"] == "delete":
            assert len(results) == 1, "duplicate results left"
        assert all(not r.cve_ids for r in results[1:]), "a duplicate still holds CVEs"


def _converge(fake: FakeFutureVuls, world: dict[str, Any], options: dict[str, Any], role: int) -> None:
    injector = fake._injector
    assert injector is not None
    injector.config = FaultConfig()  # the one more run sees no faults
    report = report_of(world["hosts"])
    final = run_import("sync", fake, report, **options)
    assert final.ok, [o.reason for o in final.failed]
    _check(fake, world, role)
    before = len(fake.requests)
    again = run_import("async", fake, report, **options)
    assert again.ok and again.write_count == 0
    assert [r for r in fake.requests[before:] if r.method in WRITES] == []


@settings(
    max_examples=8, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
@given(world=worlds())
def test_concurrent_threads_converge(world: dict[str, Any]) -> None:
    with FakeFutureVuls(faults=faults(world["seed"], on=world["faults"])) as fake:
        role = fake.add_role("Internet-Facing", exposure="open")
        _seed(fake, world, role)
        options = _options(world, role)
        results = _threads(fake, world, options)
        if not world["faults"]:  # without faults the concurrent runs alone already converge
            assert len(results) == world["runs"] and all(r.ok for r in results)
            _check(fake, world, role)
        _converge(fake, world, options, role)


@pytest.mark.parametrize("seed", [1, 2])
def test_concurrent_processes_converge(seed: int, tmp_path: Path) -> None:
    world = {
        "hosts": [(f"10.9.0.{i}", CVES[i : i + 2]) for i in range(1, 4)]
        + [(f"203.0.113.{i}", CVES[i - 1 : i + 1]) for i in range(1, 4)],
        "prior_results": [[frozenset(CVES[:1]), frozenset(CVES[1:2])], [], [frozenset(CVES[2:3])]],
        "prior_pseudo": [None, (2, False, [frozenset(CVES[:2])]), (1, False, [])],
        "runs": 3 if seed == 1 else 2,
        "lock": seed == 1,  # two processes on one machine: the lock, then the re-check alone
        "mode": "empty" if seed == 1 else "delete",
    }
    with FakeFutureVuls(faults=faults(seed)) as fake:
        role = fake.add_role("Internet-Facing", exposure="open")
        _seed(fake, world, role)
        options = _options(world, role)
        _processes(fake, world, options, tmp_path)
        _converge(fake, world, options, role)
