"""client.exposure against the fake server over real loopback sockets, through the one harness."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import futurevuls_ext as fv
from futurevuls_ext import exposure
from futurevuls_ext.models import Server, TaskStatus
from futurevuls_ext.testing import FakeFutureVuls, FaultConfig

from ..harness import Both

pytestmark = [pytest.mark.anyio, pytest.mark.integration]

DATA = Path(__file__).parent / "data"
FINDINGS = DATA / "inspector_reachability.json"
ALL_STATUSES = list(TaskStatus)


@pytest.fixture
def fake() -> Iterator[FakeFutureVuls]:
    with FakeFutureVuls(dataset="demo") as server:
        legacy = server.add_server("legacy-01", ipv4="10.0.7.7")
        server.add_package(legacy, "nghttp2", version="1.43.0", cve_ids=["CVE-2023-44487", "CVE-2021-44228"])
        yield server


async def _priorities(both: Both) -> dict[int, object]:
    tasks = await both.items(lambda c: c.tasks.list(status=ALL_STATUSES, include_ignored=True))
    return {t.id: t.ssvc.priority for t in tasks}


async def _roles(both: Both) -> dict[str | None, int | None]:
    return {s.server_name: s.serverrole_id for s in await both.items(lambda c: c.servers.list())}


def _by_name(servers: list[Server], name: str) -> Server:
    return next(s for s in servers if s.server_name == name)


async def test_plan_what_if_apply_revert(both: Both, fake: FakeFutureVuls, tmp_path: Path) -> None:
    both.connect_fake(fake)
    roles = {r.name: r.id for r in await both.items(lambda c: c.roles.list())}
    plan = await both.run(lambda c: c.exposure.plan(FINDINGS))
    assert {d.server_name for d in plan.open} == {"web-01", "api-01", "legacy-01"}
    assert {d.server_name for d in plan.controlled} == {"db-01"}

    roles_before = await _roles(both)
    before = await _priorities(both)
    proposal = exposure.ExposureProposal.from_plan(plan)
    preview = await both.run(
        lambda c: c.exposure.what_if(proposal, status=ALL_STATUSES, include_ignored=True, concurrency=3)
    )
    assert preview.changes, "the fixture is built so that moving api-01 / legacy-01 changes priorities"
    assert preview.mismatches == ()
    assert preview.failed == {}
    assert await _priorities(both) == before  # the what-if wrote nothing

    dry = await both.run(lambda c: c.exposure.apply(plan, dry_run=True))
    assert {o.move.server_name for o in dry.planned} == {"api-01", "legacy-01"}
    assert await _roles(both) == roles_before

    state = tmp_path / "revert.json"
    result = await both.run(lambda c: c.exposure.apply(plan, state_file=state, concurrency=2))
    assert result.ok
    assert {o.move.server_name for o in result.moved} == {"api-01", "legacy-01"}
    assert {o.move.server_name for o in result.outcomes if o.status == "unchanged"} == {"web-01"}

    roles_after = await _roles(both)
    internet = roles["Internet-Facing"]
    assert {n for n, r in roles_after.items() if r == internet} == {"web-01", "web-02", "api-01", "legacy-01"}
    assert {n for n, r in roles_after.items() if r != roles_before[n]} == {"api-01", "legacy-01"}

    after = await _priorities(both)
    changed = {i: (before[i], after[i]) for i in before if before[i] != after[i]}
    assert changed == {c.task_id: (c.before, c.after) for c in preview.changes}

    reverted = await both.run(lambda c: c.exposure.revert(state))
    assert {o.move.server_name for o in reverted.moved} == {"api-01", "legacy-01"}
    assert await _roles(both) == roles_before
    assert await _priorities(both) == before
    again = await both.run(lambda c: c.exposure.revert(state))
    assert again.moved == () and {o.status for o in again.outcomes} == {"unchanged"}


async def test_plan_matches_the_pure_core(both: Both, fake: FakeFutureVuls) -> None:
    both.connect_fake(fake)
    servers = await both.items(lambda c: c.servers.list())
    scans = await both.items(lambda c: c.external_scans.list())
    assert await both.run(lambda c: c.exposure.plan(FINDINGS)) == exposure.plan_exposure(FINDINGS, servers)
    with FINDINGS.open("rb") as stream:  # a binary stream is parsed as well
        from_stream = await both.run(lambda c: c.exposure.plan(stream, external_scans=True))
    assert from_stream == exposure.plan_exposure(FINDINGS, servers, external_scans=scans)


async def test_controlled_role_and_external_scans(both: Both, fake: FakeFutureVuls) -> None:
    both.connect_fake(fake)
    servers = await both.items(lambda c: c.servers.list())
    plan = await both.run(lambda c: c.exposure.plan(FINDINGS, external_scans=True))
    fw = _by_name(servers, "edge-fw-01")
    decision = plan.decision(fw.id)
    assert decision is not None and decision.external_scans and decision.matched_by is None
    result = await both.run(lambda c: c.exposure.apply(plan, controlled_role_name="Internal-DB"))
    moved = {o.move.server_name: o.move.to_role_name for o in result.moved}
    assert moved == {
        "api-01": "Internet-Facing",
        "legacy-01": "Internet-Facing",
        "edge-fw-01": "Internet-Facing",
    }
    assert {o.move.server_name for o in result.outcomes if o.status == "unchanged"} == {"web-01", "db-01"}
    assert any("Internal-DB" in w for w in result.warnings)  # its Exposure is small, not controlled


async def test_missing_role_fails_before_writing(both: Both, fake: FakeFutureVuls) -> None:
    both.connect_fake(fake)
    plan = await both.run(lambda c: c.exposure.plan(FINDINGS))
    before = await _roles(both)
    with pytest.raises(fv.ConfigError, match="Public"):
        await both.run(lambda c: c.exposure.apply(plan, role_name="Public"))
    assert await _roles(both) == before


async def test_deleted_server_is_skipped(both: Both, fake: FakeFutureVuls, tmp_path: Path) -> None:
    both.connect_fake(fake)
    servers = await both.items(lambda c: c.servers.list())
    plan = await both.run(lambda c: c.exposure.plan(FINDINGS))
    api = _by_name(servers, "api-01")
    with fake.state.lock:  # deleted between plan and apply
        fake.state.delete_server(api.id)
    result = await both.run(lambda c: c.exposure.apply(plan, state_file=tmp_path / "r.json"))
    assert result.ok
    skipped = {o.move.server_id: o.error for o in result.outcomes if o.status == "skipped"}
    assert skipped == {api.id: "the server no longer exists"}
    assert [m.server_name for m in exposure.read_state_file(tmp_path / "r.json")] == ["legacy-01"]


async def test_moved_since_plan_records_the_current_role(
    both: Both, fake: FakeFutureVuls, tmp_path: Path
) -> None:
    both.connect_fake(fake)
    servers = await both.items(lambda c: c.servers.list())
    plan = await both.run(lambda c: c.exposure.plan(FINDINGS))
    db_role = next(r for r in await both.items(lambda c: c.roles.list()) if r.name == "Internal-DB")
    legacy = _by_name(servers, "legacy-01")
    await both.run(lambda c: c.servers.update(legacy.id, role_id=db_role.id))  # moved after the plan
    await both.run(lambda c: c.exposure.apply(plan, state_file=tmp_path / "r.json"))
    (recorded,) = [m for m in exposure.read_state_file(tmp_path / "r.json") if m.server_id == legacy.id]
    assert recorded.from_role_id == db_role.id
    await both.run(lambda c: c.exposure.revert(tmp_path / "r.json"))
    assert (await both.run(lambda c: c.servers.get(legacy.id))).serverrole_id == db_role.id


async def test_failed_move_is_reported_per_server(both: Both, tmp_path: Path) -> None:
    with FakeFutureVuls(dataset="demo") as probe:
        api_id = next(s.id for s in probe.state.servers.values() if s.name == "api-01")
    faults = FaultConfig(script=("500",) * 5, paths=(rf"^/v1/server/{api_id}$",), methods=frozenset({"PUT"}))
    with FakeFutureVuls(dataset="demo", faults=faults) as fake:
        legacy = fake.add_server("legacy-01", ipv4="10.0.7.7")
        both.connect_fake(fake)
        plan = await both.run(lambda c: c.exposure.plan(FINDINGS))
        result = await both.run(lambda c: c.exposure.apply(plan, state_file=tmp_path / "r.json"))
        await both.aclose()
    assert not result.ok
    (failed,) = result.failed
    assert failed.move.server_id == api_id and failed.error and "500" in failed.error
    assert [o.move.server_id for o in result.moved] == [legacy]
    assert [m.server_id for m in exposure.read_state_file(tmp_path / "r.json")] == [legacy]
