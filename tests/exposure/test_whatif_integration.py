"""What-if for a role's exposure and for given tasks, checked against the fake's own recomputation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from futurevuls_ext import exposure
from futurevuls_ext.models import TaskStatus
from futurevuls_ext.ssvc import RoleSsvcSettings
from futurevuls_ext.testing import FakeFutureVuls

from ..harness import Both

pytestmark = [pytest.mark.anyio, pytest.mark.integration]

ALL = list(TaskStatus)


@pytest.fixture
def fake() -> Iterator[FakeFutureVuls]:
    with FakeFutureVuls(dataset="demo") as server:
        yield server


async def _priorities(both: Both) -> dict[int, object]:
    tasks = await both.items(lambda c: c.tasks.list(status=ALL, include_ignored=True))
    return {t.id: t.ssvc.priority for t in tasks}


@pytest.mark.parametrize(("role_name", "value"), [("default", "small"), ("Internal-DB", "open")])
async def test_role_exposure_what_if_matches_the_fake(
    both: Both, fake: FakeFutureVuls, role_name: str, value: str
) -> None:
    both.connect_fake(fake)
    role = next(r for r in await both.items(lambda c: c.roles.list()) if r.name == role_name)
    before = await _priorities(both)
    proposal = exposure.ExposureProposal.set_role_exposure(role_name, value)
    preview = await both.run(lambda c: c.exposure.what_if(proposal, status=ALL, include_ignored=True))
    assert preview.changes and preview.mismatches == ()
    settings = RoleSsvcSettings(exposure=value, human_impact=role.ssvc.human_impact)
    await both.run(lambda c: c.roles.update(role.id, ssvc=settings))
    after = await _priorities(both)
    changed = {i: (before[i], after[i]) for i in before if before[i] != after[i]}
    assert changed == {c.task_id: (c.before, c.after) for c in preview.changes}


async def test_given_tasks_limit_the_what_if(both: Both, fake: FakeFutureVuls) -> None:
    both.connect_fake(fake)
    api = next(s for s in await both.items(lambda c: c.servers.list()) if s.server_name == "api-01")
    proposal = exposure.ExposureProposal.set_server_exposure([api.id], "small")
    full = await both.run(lambda c: c.exposure.what_if(proposal))
    assert full.changes
    tasks = await both.items(lambda c: c.tasks.list())
    given = await both.run(lambda c: c.exposure.what_if(proposal, tasks=tasks))
    assert given.changes == full.changes
    one = full.changes[0].task_id
    only = await both.run(lambda c: c.exposure.what_if(proposal, tasks=[one, 999_999]))
    assert [c.task_id for c in only.changes] == [one]
    assert set(only.failed) == {999_999} and "404" in only.failed[999_999]
