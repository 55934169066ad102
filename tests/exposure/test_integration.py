"""Exposure against the fake server over real loopback sockets, with Client and AsyncClient."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import futurevuls_ext as fv
from futurevuls_ext import exposure
from futurevuls_ext.models import Server, TaskStatus
from futurevuls_ext.testing import FakeFutureVuls, FaultConfig

DATA = Path(__file__).parent / "data"
FINDINGS = DATA / "inspector_reachability.json"
ALL_STATUSES = list(TaskStatus)


@pytest.fixture
def fake() -> Iterator[FakeFutureVuls]:
    with FakeFutureVuls(dataset="demo") as server:
        legacy = server.add_server("legacy-01", ipv4="10.0.7.7")
        server.add_package(legacy, "nghttp2", version="1.43.0", cve_ids=["CVE-2023-44487", "CVE-2021-44228"])
        yield server


def _priorities(client: fv.Client) -> dict[int, object]:
    tasks = client.tasks.list(status=ALL_STATUSES, include_ignored=True)
    return {t.id: t.ssvc.priority for t in tasks}


def _roles(client: fv.Client) -> dict[str | None, int | None]:
    return {s.server_name: s.serverrole_id for s in client.servers.list()}


def _by_name(servers: list[Server], name: str) -> Server:
    return next(s for s in servers if s.server_name == name)


def test_sync_plan_what_if_apply_revert(fake: FakeFutureVuls, tmp_path: Path) -> None:
    with fv.Client(fake.token, base_url=fake.url) as client:
        servers = list(client.servers.list())
        roles = {r.name: r.id for r in client.roles.list()}
        plan = exposure.plan_exposure(FINDINGS, servers)
        names = {d.server_name for d in plan.open}
        assert names == {"web-01", "api-01", "legacy-01"}
        assert {d.server_name for d in plan.controlled} == {"db-01"}

        roles_before = _roles(client)
        before = _priorities(client)
        preview = exposure.what_if(
            client, exposure.ExposureProposal.from_plan(plan), status=ALL_STATUSES, include_ignored=True
        )
        assert preview.changes, "the fixture is built so that moving api-01 / legacy-01 changes priorities"
        assert preview.mismatches == ()
        assert preview.failed == {}
        assert _priorities(client) == before  # the what-if wrote nothing

        dry = exposure.apply_exposure(client, plan, dry_run=True)
        assert {o.move.server_name for o in dry.planned} == {"api-01", "legacy-01"}
        assert _roles(client) == roles_before

        state = tmp_path / "revert.json"
        result = exposure.apply_exposure(client, plan, state_file=state)
        assert result.ok
        assert {o.move.server_name for o in result.moved} == {"api-01", "legacy-01"}
        assert {o.move.server_name for o in result.outcomes if o.status == "unchanged"} == {"web-01"}

        roles_after = _roles(client)
        internet = roles["Internet-Facing"]
        assert {n for n, r in roles_after.items() if r == internet} == {
            "web-01",
            "web-02",
            "api-01",
            "legacy-01",
        }
        assert {n for n, r in roles_after.items() if r != roles_before[n]} == {"api-01", "legacy-01"}

        after = _priorities(client)
        changed = {i: (before[i], after[i]) for i in before if before[i] != after[i]}
        assert changed == {c.task_id: (c.before, c.after) for c in preview.changes}

        reverted = exposure.revert_exposure(client, state)
        assert {o.move.server_name for o in reverted.moved} == {"api-01", "legacy-01"}
        assert _roles(client) == roles_before
        assert _priorities(client) == before
        again = exposure.revert_exposure(client, state)
        assert again.moved == () and {o.status for o in again.outcomes} == {"unchanged"}


def test_sync_controlled_role_and_external_scans(fake: FakeFutureVuls) -> None:
    with fv.Client(fake.token, base_url=fake.url) as client:
        servers = list(client.servers.list())
        scans = list(client.external_scans.list())
        plan = exposure.plan_exposure(FINDINGS, servers, external_scans=scans)
        fw = _by_name(servers, "edge-fw-01")
        decision = plan.decision(fw.id)
        assert decision is not None and decision.external_scans and decision.matched_by is None
        result = exposure.apply_exposure(client, plan, controlled_role_name="Internal-DB")
        moved = {o.move.server_name: o.move.to_role_name for o in result.moved}
        assert moved == {
            "api-01": "Internet-Facing",
            "legacy-01": "Internet-Facing",
            "edge-fw-01": "Internet-Facing",
        }
        assert {o.move.server_name for o in result.outcomes if o.status == "unchanged"} == {"web-01", "db-01"}
        assert any("Internal-DB" in w for w in result.warnings)  # its Exposure is small, not controlled


def test_sync_missing_role_fails_before_writing(fake: FakeFutureVuls) -> None:
    with fv.Client(fake.token, base_url=fake.url) as client:
        plan = exposure.plan_exposure(FINDINGS, list(client.servers.list()))
        before = _roles(client)
        with pytest.raises(fv.ConfigError, match="Public"):
            exposure.apply_exposure(client, plan, role_name="Public")
        assert _roles(client) == before


@pytest.mark.anyio
async def test_async_plan_what_if_apply_revert(fake: FakeFutureVuls, tmp_path: Path) -> None:
    async with fv.AsyncClient(fake.token, base_url=fake.url) as client:
        servers = [s async for s in client.servers.list()]
        plan = exposure.plan_exposure(FINDINGS, servers)

        async def priorities() -> dict[int, object]:
            listing = client.tasks.list(status=ALL_STATUSES, include_ignored=True)
            return {t.id: t.ssvc.priority async for t in listing}

        before = await priorities()
        preview = await exposure.what_if_async(
            client,
            exposure.ExposureProposal.from_plan(plan),
            status=ALL_STATUSES,
            include_ignored=True,
            concurrency=3,
        )
        assert preview.changes and preview.mismatches == ()
        state = tmp_path / "revert.json"
        result = await exposure.apply_exposure_async(client, plan, state_file=state, concurrency=2)
        assert {o.move.server_name for o in result.moved} == {"api-01", "legacy-01"}
        after = await priorities()
        changed = {i: (before[i], after[i]) for i in before if before[i] != after[i]}
        assert changed == {c.task_id: (c.before, c.after) for c in preview.changes}
        reverted = await exposure.revert_exposure_async(client, state)
        assert len(reverted.moved) == 2
        assert await priorities() == before


def test_deleted_server_is_skipped(fake: FakeFutureVuls, tmp_path: Path) -> None:
    with fv.Client(fake.token, base_url=fake.url) as client:
        servers = list(client.servers.list())
        plan = exposure.plan_exposure(FINDINGS, servers)
        api = _by_name(servers, "api-01")
        with fake.state.lock:  # deleted between plan and apply
            fake.state.delete_server(api.id)
        result = exposure.apply_exposure(client, plan, state_file=tmp_path / "r.json")
        assert result.ok
        skipped = {o.move.server_id: o.error for o in result.outcomes if o.status == "skipped"}
        assert skipped == {api.id: "the server no longer exists"}
        assert [m.server_name for m in exposure.read_state_file(tmp_path / "r.json")] == ["legacy-01"]


def test_moved_since_plan_records_the_current_role(fake: FakeFutureVuls, tmp_path: Path) -> None:
    with fv.Client(fake.token, base_url=fake.url) as client:
        servers = list(client.servers.list())
        plan = exposure.plan_exposure(FINDINGS, servers)
        db_role = next(r for r in client.roles.list() if r.name == "Internal-DB")
        legacy = _by_name(servers, "legacy-01")
        client.servers.update(legacy.id, role_id=db_role.id)  # someone moves it after the plan
        exposure.apply_exposure(client, plan, state_file=tmp_path / "r.json")
        (recorded,) = [m for m in exposure.read_state_file(tmp_path / "r.json") if m.server_id == legacy.id]
        assert recorded.from_role_id == db_role.id
        exposure.revert_exposure(client, tmp_path / "r.json")
        assert client.servers.get(legacy.id).serverrole_id == db_role.id


def test_failed_move_is_reported_per_server(tmp_path: Path) -> None:
    with FakeFutureVuls(dataset="demo") as probe:
        api_id = next(s.id for s in probe.state.servers.values() if s.name == "api-01")
    faults = FaultConfig(script=("500",) * 5, paths=(rf"^/v1/server/{api_id}$",), methods=frozenset({"PUT"}))
    with FakeFutureVuls(dataset="demo", faults=faults) as fake:
        legacy = fake.add_server("legacy-01", ipv4="10.0.7.7")
        with fv.Client(fake.token, base_url=fake.url) as client:
            plan = exposure.plan_exposure(FINDINGS, list(client.servers.list()))
            result = exposure.apply_exposure(client, plan, state_file=tmp_path / "r.json")
        assert not result.ok
        (failed,) = result.failed
        assert failed.move.server_id == api_id and failed.error and "500" in failed.error
        assert [o.move.server_id for o in result.moved] == [legacy]
        assert [m.server_id for m in exposure.read_state_file(tmp_path / "r.json")] == [legacy]
