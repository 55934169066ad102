"""Value density: on a role (else the group's diffuse) it changes utility; the what-if and the fake agree."""

from __future__ import annotations

import attrs
import pytest

import futurevuls_ext as fv
from futurevuls_ext.exposure import predict_changes
from futurevuls_ext.models import TaskStatus
from futurevuls_ext.ssvc import RoleSsvcSettings, ValueDensity
from futurevuls_ext.testing import FakeFutureVuls

pytestmark = pytest.mark.integration
ALL = list(TaskStatus)


@pytest.mark.parametrize("value", ["diffuse", "concentrated"])
def test_a_role_value_density_change_is_predicted_task_for_task(value: str) -> None:
    with FakeFutureVuls(dataset="demo") as fake, fv.Client(fake.token, base_url=fake.url) as client:
        roles = list(client.roles.list())
        role = next(r for r in roles if r.name == "default")
        detail = client.roles.get(role.id)
        start = "diffuse" if value == "concentrated" else "concentrated"
        client.roles.update(role.id, ssvc=attrs.evolve(detail.ssvc, value_density=start))
        servers = list(client.servers.list())
        members = [s.id for s in servers if s.serverrole_id == role.id]
        assert members
        roles = [client.roles.get(r.id) for r in client.roles.list()]
        tasks = list(client.tasks.list(status=ALL, include_ignored=True))
        details = [client.tasks.get(t.id) for t in tasks]
        before = {t.id: t.ssvc.priority for t in tasks}
        current = next(r for r in roles if r.id == role.id).ssvc
        assert current.value_density is ValueDensity.parse(start)
        after_settings = {sid: attrs.evolve(current, value_density=value) for sid in members}
        predicted = predict_changes(
            details,
            servers=servers,
            roles=roles,
            external_scans=list(client.external_scans.list()),
            after=after_settings,
        )
        assert predicted.mismatches == ()
        client.roles.update(role.id, ssvc=attrs.evolve(current, value_density=value))
        after = {t.id: t.ssvc.priority for t in client.tasks.list(status=ALL, include_ignored=True)}
        changed = {i: (before[i], after[i]) for i in before if before[i] != after[i]}
        assert changed == {c.task_id: (c.before, c.after) for c in predicted.changes}
        assert changed, "the demo has CVEs whose priority depends on the role's value density"
        reported = client.tasks.get(next(iter(changed)))
        assert reported.ssvc.value_density is ValueDensity.parse(value)


def test_the_role_answer_and_the_profile_carry_value_density() -> None:
    profile = fv.ApiProfile.from_mapping({"role_ssvc": {"value_density_key": "ssvcUtilityDensity"}})
    with (
        FakeFutureVuls(profile=profile) as fake,
        fv.Client(fake.token, base_url=fake.url, profile=profile) as client,
    ):
        role_id = fake.add_role("r")
        updated = client.roles.update(role_id, ssvc=RoleSsvcSettings(value_density="Concentrated"))
        assert updated.ssvc.value_density is ValueDensity.CONCENTRATED
        assert fake.state.roles[role_id].value_density == "concentrated"
        body = fake.requests[-1]
        assert body.method == "PUT"
        assert client.roles.get(role_id).ssvc_value_density is ValueDensity.CONCENTRATED
