"""Tasks: default status filter, repeated filters, ignore filter, update, ignore, comment."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from futurevuls_ext.testing import FakeFutureVuls

from .conftest import make_client

STATUSES = [
    "new",
    "investigating",
    "ongoing",
    "defer",
    "not_affected",
    "risk_accepted",
    "workaround",
    "patch_applied",
]


@pytest.fixture
def seeded() -> Iterator[tuple[FakeFutureVuls, httpx.Client, dict[str, int]]]:
    """One task per status on one server; users 1 and 2 assigned to some."""
    with FakeFutureVuls() as fake, make_client(fake) as http:
        alice, bob = fake.add_user("alice", user_id=1), fake.add_user("bob", user_id=2)
        server_id = fake.add_server("s")
        ids = {}
        for n, status in enumerate(STATUSES):
            ids[status] = fake.add_task(
                server_id,
                f"CVE-2024-{1000 + n}",
                status=status,
                priority=("high" if n % 2 else "low"),
                main_user_id=(alice if n < 2 else bob if n < 4 else None),
            )
        yield fake, http, ids


def _ids(http: httpx.Client, params: list[tuple[str, str]] | None = None) -> set[int]:
    response = http.get("/v1/tasks", params=tuple(params or ()))
    assert response.status_code == 200, response.text
    return {t["id"] for t in response.json().get("tasks", [])}


def test_default_status_filter_is_new_investigating_ongoing(
    seeded: tuple[FakeFutureVuls, httpx.Client, dict[str, int]],
) -> None:
    _, http, ids = seeded
    assert _ids(http) == {ids["new"], ids["investigating"], ids["ongoing"]}


def test_repeated_status_filter(seeded: tuple[FakeFutureVuls, httpx.Client, dict[str, int]]) -> None:
    _, http, ids = seeded
    got = _ids(http, [("filterStatus", "defer"), ("filterStatus", "patch_applied")])
    assert got == {ids["defer"], ids["patch_applied"]}
    assert len(_ids(http, [("filterStatus", s) for s in STATUSES])) == len(STATUSES)


def test_repeated_priority_and_user_filters(
    seeded: tuple[FakeFutureVuls, httpx.Client, dict[str, int]],
) -> None:
    _, http, ids = seeded
    every = [("filterStatus", s) for s in STATUSES]
    assert _ids(http, [*every, ("filterPriority", "high")]) == {ids[s] for s in STATUSES[1::2]}
    assert _ids(http, [*every, ("filterPriority", "high"), ("filterPriority", "low")]) == set(ids.values())
    assert _ids(http, [*every, ("filterMainUserIDs", "1")]) == {ids["new"], ids["investigating"]}
    both = _ids(http, [*every, ("filterMainUserIDs", "1"), ("filterMainUserIDs", "2")])
    assert both == {ids[s] for s in STATUSES[:4]}


def test_bad_filter_values_are_400(seeded: tuple[FakeFutureVuls, httpx.Client, dict[str, int]]) -> None:
    _, http, _ = seeded
    assert http.get("/v1/tasks", params={"filterStatus": "open"}).json()["name"] == "invalid_enum_value"
    assert http.get("/v1/tasks", params={"filterMainUserIDs": "alice"}).status_code == 400
    assert http.get("/v1/tasks", params={"filterIgnore": "yes"}).status_code == 400


def test_filter_ignore_hides_ignored_tasks(
    seeded: tuple[FakeFutureVuls, httpx.Client, dict[str, int]],
) -> None:
    _, http, ids = seeded
    response = http.put(f"/v1/task/{ids['new']}/ignore", json={"ignoreUntil": "forever"})
    assert (response.status_code, response.content) == (200, b"")
    assert ids["new"] in _ids(http)
    assert ids["new"] not in _ids(http, [("filterIgnore", "true")])
    assert ids["new"] in _ids(http, [("filterIgnore", "false")])
    http.put(f"/v1/task/{ids['new']}/ignore", json={"ignoreUntil": "nothing"})
    assert ids["new"] in _ids(http, [("filterIgnore", "true")])
    assert http.put(f"/v1/task/{ids['new']}/ignore", json={"ignoreUntil": "later"}).status_code == 400


def test_other_filters(demo: FakeFutureVuls, demo_client: httpx.Client) -> None:
    every = [("filterStatus", s) for s in STATUSES]
    web01 = next(s.id for s in demo.state.servers.values() if s.name == "web-01")
    got = demo_client.get(
        "/v1/tasks", params=[*every, ("filterServerID", str(web01)), ("limit", "100")]
    ).json()
    assert got["tasks"]
    assert {t["serverID"] for t in got["tasks"]} == {web01}
    log4j = demo_client.get("/v1/tasks", params=[*every, ("filterCveID", "CVE-2021-44228")]).json()["tasks"]
    assert [t["cveID"] for t in log4j] == ["CVE-2021-44228"]
    pkg = next(p.id for p in demo.state.packages.values() if p.name == "log4j-core")
    by_pkg = demo_client.get("/v1/tasks", params=[*every, ("filterPkgID", str(pkg))]).json()["tasks"]
    assert [t["id"] for t in by_pkg] == [t["id"] for t in log4j]


def test_task_list_item_spellings(demo_client: httpx.Client) -> None:
    item = demo_client.get("/v1/tasks", params={"filterCveID": "CVE-2021-44228"}).json()["tasks"][0]
    for key in (
        "IsRunningProcess",
        "cveID",
        "serverID",
        "serverUuid",
        "serverTags",
        "listeningPorts",
        "detectionMethods",
        "detectionTools",
        "ssvcPriority",
        "osFamily",
        "hasDanger",
        "mainUserID",
    ):
        assert key in item, key
    assert "isRunningProcess" not in item
    assert "cveId" not in item
    assert item["IsRunningProcess"] is True
    assert item["listeningPorts"] == ["0.0.0.0:8080"]
    assert item["serverTags"] == ["prod", "api"]
    assert item["mainUserName"] == "bob"


def test_update_task(seeded: tuple[FakeFutureVuls, httpx.Client, dict[str, int]]) -> None:
    fake, http, ids = seeded
    task_id = ids["new"]
    body = http.put(
        f"/v1/task/{task_id}",
        json={
            "status": "ongoing",
            "priority": "medium",
            "mainUserID": 2,
            "subUserID": 1,
            "applyingPatchOn": "2026-12-24",
        },
    ).json()
    assert (body["status"], body["priority"], body["mainUserID"], body["subUserID"]) == (
        "ongoing",
        "medium",
        2,
        1,
    )
    assert body["applyingPatchOn"] == "2026-12-24"
    assert body["mainUserName"] == "bob"
    # Leaving a key out changes nothing.
    assert http.put(f"/v1/task/{task_id}", json={}).json()["priority"] == "medium"
    for bad in (
        {"status": "patch_applied"},
        {"priority": "urgent"},
        {"applyingPatchOn": "24/12/2026"},
        {"mainUserID": "2"},
    ):
        assert http.put(f"/v1/task/{task_id}", json=bad).status_code == 400, bad
    assert fake.state.tasks[task_id].status == "ongoing"


def test_task_detail_and_comment(seeded: tuple[FakeFutureVuls, httpx.Client, dict[str, int]]) -> None:
    _, http, ids = seeded
    response = http.post(f"/v1/task/{ids['new']}/comment", json={"commentContent": "looking"})
    assert response.status_code == 200
    comments = response.json()["comments"]
    assert [c["comment"] for c in comments] == ["looking"]
    assert {"id", "comment", "type", "userID", "userName", "createdAt", "updatedAt"} == set(comments[0])
    detail = http.get(f"/v1/task/{ids['new']}").json()
    for key in (
        "ssvcPriority",
        "ssvcDecisionPointExploitation",
        "ssvcDecisionPointExposure",
        "ssvcDecisionPointUtility",
        "ssvcDecisionPointUtilityAutomatable",
        "ssvcDecisionPointUtilityDensity",
        "ssvcDecisionHumanImpact",
        "server",
        "cvss",
    ):
        assert key in detail, key
    assert detail.get("pkgCpes", None) != []  # present with items, or left out (goa omitempty)
    assert http.post(f"/v1/task/{ids['new']}/comment", json={"commentContent": " "}).status_code == 400


def test_applying_patch_on_is_a_date_in_detail_and_a_timestamp_in_lists(
    demo: FakeFutureVuls, demo_client: httpx.Client
) -> None:
    task = next(t for t in demo.state.tasks.values() if t.applying_patch_on)
    detail = demo_client.get(f"/v1/task/{task.id}").json()
    assert detail["applyingPatchOn"] == "2026-12-01"
    listed = demo_client.get(
        "/v1/tasks", params={"filterCveID": task.cve_id, "filterServerID": task.server_id}
    )
    assert listed.json()["tasks"][0]["applyingPatchOn"] == "2026-12-01T00:00:00Z"
    child = demo_client.get(f"/v1/server/{task.server_id}").json()["tasks"]
    assert next(c for c in child if c["id"] == task.id)["applyingPatchOn"] == "2026-12-01T00:00:00Z"
