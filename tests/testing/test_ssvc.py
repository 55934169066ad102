"""Every task's SSVC priority follows the effective-input rule through the CERT v2.0 deployer table."""

from __future__ import annotations

import httpx
import pytest

from futurevuls_ext.testing import FakeFutureVuls

CVE = "CVE-2024-5555"


def _priority(http: httpx.Client, task_id: int) -> tuple[str, str, str]:
    body = http.get(f"/v1/task/{task_id}").json()
    return body["ssvcPriority"], body["ssvcDecisionPointExposure"], body["ssvcDecisionHumanImpact"]


# Rows of CERT SSVC v2.0 deployer table (reference §5.4).
@pytest.mark.parametrize(
    ("exploitation", "automatable", "density", "exposure", "impact", "expected"),
    [
        ("none", "no", "diffuse", None, None, "scheduled"),  # defaults: controlled, medium
        ("none", "no", "diffuse", "small", "low", "defer"),
        ("active", "yes", "concentrated", "open", "high", "immediate"),
        ("active", "yes", "concentrated", "controlled", "low", "scheduled"),
        ("PoC", "no", "concentrated", "open", "very high", "out-of-cycle"),
        ("public poc", "no", "diffuse", "open", "low", "defer"),
        ("none", "yes", "concentrated", "open", "very high", "out-of-cycle"),
    ],
)
def test_priority_follows_the_v2_table(
    client: httpx.Client,
    fake: FakeFutureVuls,
    exploitation: str,
    automatable: str,
    density: str,
    exposure: str | None,
    impact: str | None,
    expected: str,
) -> None:
    fake.add_cve(CVE, exploitation=exploitation, automatable=automatable)
    role = fake.add_role("r", exposure=exposure, human_impact=impact, value_density=density)
    task_id = fake.add_task(fake.add_server("s", role_id=role), CVE)
    assert _priority(client, task_id)[0] == expected
    listed = client.get("/v1/tasks").json()["tasks"][0]
    assert listed["ssvcPriority"] == expected


def test_role_exposure_change_recomputes(client: httpx.Client, fake: FakeFutureVuls) -> None:
    fake.add_cve(CVE, exploitation="active", automatable="yes", value_density="concentrated")
    role = fake.add_role("r", human_impact="high")
    task_id = fake.add_task(fake.add_server("s", role_id=role), CVE)
    assert _priority(client, task_id) == ("out-of-cycle", "controlled", "high")
    client.put(f"/v1/role/{role}", json={"ssvcExposure": "open"})
    assert _priority(client, task_id) == ("immediate", "open", "high")
    client.put(
        f"/v1/role/{role}",
        json={"ssvcHumanImpact": None, "ssvcSafetyImpact": "catastrophic", "ssvcMissionImpact": "none"},
    )
    assert _priority(client, task_id) == ("immediate", "open", "very high")


def test_moving_a_server_between_roles_recomputes(client: httpx.Client, fake: FakeFutureVuls) -> None:
    fake.add_cve(CVE, exploitation="active", automatable="yes")
    fake.add_role("default", value_density="concentrated")
    exposed = fake.add_role(
        "Internet-Facing", exposure="open", human_impact="high", value_density="concentrated"
    )
    server_id = fake.add_server("s")
    task_id = fake.add_task(server_id, CVE)
    assert _priority(client, task_id)[:2] == ("out-of-cycle", "controlled")
    client.put(f"/v1/server/{server_id}", json={"roleID": exposed})
    assert _priority(client, task_id)[:2] == ("immediate", "open")


def test_ignore_until_ssvc_priority_lifts_when_priority_changes(
    client: httpx.Client, fake: FakeFutureVuls
) -> None:
    fake.add_cve(CVE, exploitation="active", automatable="yes", value_density="concentrated")
    role = fake.add_role("r", human_impact="high")
    task_id = fake.add_task(fake.add_server("s", role_id=role), CVE)
    client.put(f"/v1/task/{task_id}/ignore", json={"ignoreUntil": "ssvc_priority"})
    assert fake.state.tasks[task_id].ignore is True
    client.put(f"/v1/role/{role}", json={"ssvcExposure": "controlled"})  # same priority: still hidden
    assert fake.state.tasks[task_id].ignore is True
    client.put(f"/v1/role/{role}", json={"ssvcExposure": "open"})
    assert fake.state.tasks[task_id].ignore is False
