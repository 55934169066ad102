"""What-if for a role's exposure and for given tasks, checked against the fake's own recomputation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import futurevuls_ext as fv
from futurevuls_ext import exposure
from futurevuls_ext.models import TaskStatus
from futurevuls_ext.ssvc import RoleSsvcSettings
from futurevuls_ext.testing import FakeFutureVuls

ALL = list(TaskStatus)


@pytest.fixture
def fake() -> Iterator[FakeFutureVuls]:
    with FakeFutureVuls(dataset="demo") as server:
        yield server


def _priorities(client: fv.Client) -> dict[int, object]:
    return {t.id: t.ssvc.priority for t in client.tasks.list(status=ALL, include_ignored=True)}


@pytest.mark.parametrize(("role_name", "value"), [("default", "small"), ("Internal-DB", "open")])
def test_role_exposure_what_if_matches_the_fake(fake: FakeFutureVuls, role_name: str, value: str) -> None:
    with fv.Client(fake.token, base_url=fake.url) as client:
        role = next(r for r in client.roles.list() if r.name == role_name)
        before = _priorities(client)
        preview = exposure.what_if(
            client,
            exposure.ExposureProposal.set_role_exposure(role_name, value),
            status=ALL,
            include_ignored=True,
        )
        assert preview.changes and preview.mismatches == ()
        client.roles.update(
            role.id, ssvc=RoleSsvcSettings(exposure=value, human_impact=role.ssvc.human_impact)
        )
        after = _priorities(client)
        changed = {i: (before[i], after[i]) for i in before if before[i] != after[i]}
        assert changed == {c.task_id: (c.before, c.after) for c in preview.changes}


def test_given_tasks_limit_the_what_if(fake: FakeFutureVuls) -> None:
    with fv.Client(fake.token, base_url=fake.url) as client:
        api = next(s for s in client.servers.list() if s.server_name == "api-01")
        proposal = exposure.ExposureProposal.set_server_exposure([api.id], "small")
        full = exposure.what_if(client, proposal)
        assert full.changes
        tasks = list(client.tasks.list())
        given = exposure.what_if(client, proposal, tasks=tasks)
        assert given.changes == full.changes
        one = full.changes[0].task_id
        only = exposure.what_if(client, proposal, tasks=[one, 999_999])
        assert [c.task_id for c in only.changes] == [one]
        assert set(only.failed) == {999_999} and "404" in only.failed[999_999]
