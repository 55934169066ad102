"""External scans at the profile's routes: tasks follow results, exposure open, removal rule, SSVC."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from attrs import evolve

from futurevuls_ext.profile import ApiProfile
from futurevuls_ext.testing import FakeFutureVuls

from .conftest import make_client

LOG4J = "CVE-2021-44228"
OTHER = "CVE-2024-0002"


@pytest.fixture
def world() -> Iterator[tuple[FakeFutureVuls, httpx.Client, int]]:
    """A server in a role with human impact high, one package reporting LOG4J (active, super effective)."""
    with FakeFutureVuls() as fake, make_client(fake) as http:
        fake.add_cve(LOG4J, exploitation="active", automatable="yes", value_density="concentrated")
        role = fake.add_role("apps", human_impact="high")
        server_id = fake.add_server("api-01", role_id=role)
        fake.add_package(server_id, "log4j-core", version="2.14.1", cve_ids=[LOG4J])
        yield fake, http, server_id


def _task(http: httpx.Client, server_id: int, cve_id: str) -> dict[str, object] | None:
    params: dict[str, str | int] = {"filterServerID": server_id, "filterCveID": cve_id}
    tasks = http.get("/v1/tasks", params=params).json().get("tasks", [])
    if not tasks:
        return None
    detail: dict[str, object] = http.get(f"/v1/task/{tasks[0]['id']}").json()
    return detail


def _create(
    http: httpx.Client, server_id: int, cves: list[str], *, external: bool | None = True
) -> httpx.Response:
    body: dict[str, object] = {"serverID": server_id, "name": "nmap", "cveIDs": cves}
    if external is not None:
        body["isExternalScan"] = external
    return http.post("/v1/externalScan", json=body)


def test_create_answers_the_result_with_profile_keys(world: tuple[FakeFutureVuls, httpx.Client, int]) -> None:
    fake, http, server_id = world
    response = _create(http, server_id, [LOG4J, OTHER, LOG4J], external=None)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"id", "serverID", "name", "cveIDs", "isExternalScan", "createdAt", "updatedAt"}
    assert body["cveIDs"] == [LOG4J, OTHER]
    assert body["isExternalScan"] is True  # checked by default
    assert body["id"] in fake.state.external_scans


def test_result_creates_tasks_marked_external_with_open_exposure(
    world: tuple[FakeFutureVuls, httpx.Client, int],
) -> None:
    _, http, server_id = world
    before = _task(http, server_id, LOG4J)
    assert before is not None
    assert (before["ssvcDecisionPointExposure"], before["ssvcPriority"]) == ("controlled", "out-of-cycle")
    _create(http, server_id, [LOG4J, OTHER])
    after = _task(http, server_id, LOG4J)
    assert after is not None
    assert (after["ssvcDecisionPointExposure"], after["ssvcPriority"]) == ("open", "immediate")
    assert {"name": "externalScan", "reliabilityScore": 100} in after["detectionMethods"]  # type: ignore[operator]
    new = _task(http, server_id, OTHER)
    assert new is not None
    assert new["detectionMethods"] == [{"name": "externalScan", "reliabilityScore": 100}]
    assert new["status"] == "new"


def test_internal_result_does_not_open_exposure(world: tuple[FakeFutureVuls, httpx.Client, int]) -> None:
    _, http, server_id = world
    _create(http, server_id, [LOG4J], external=False)
    task = _task(http, server_id, LOG4J)
    assert task is not None
    assert task["ssvcDecisionPointExposure"] == "controlled"


def test_removed_cve_takes_its_task_unless_another_source_reports_it(
    world: tuple[FakeFutureVuls, httpx.Client, int],
) -> None:
    fake, http, server_id = world
    first = _create(http, server_id, [LOG4J, OTHER]).json()["id"]
    second = _create(http, server_id, [OTHER]).json()["id"]
    # OTHER is still listed by the second result; LOG4J by the package.
    assert http.put(f"/v1/externalScan/{first}", json={"cveIDs": []}).status_code == 200
    assert _task(http, server_id, OTHER) is not None
    log4j = _task(http, server_id, LOG4J)
    assert log4j is not None
    assert log4j["ssvcDecisionPointExposure"] == "controlled"
    assert log4j["detectionMethods"] == [{"name": "vuls", "reliabilityScore": 100}]
    # Nobody reports OTHER any more.
    assert http.delete(f"/v1/externalScan/{second}").content == b""
    assert _task(http, server_id, OTHER) is None
    assert {t.cve_id for t in fake.state.tasks.values()} == {LOG4J}


def test_update_flag_and_name(world: tuple[FakeFutureVuls, httpx.Client, int]) -> None:
    _, http, server_id = world
    scan = _create(http, server_id, [LOG4J]).json()["id"]
    body = http.put(f"/v1/externalScan/{scan}", json={"isExternalScan": False, "name": "nessus"}).json()
    assert (body["isExternalScan"], body["name"], body["cveIDs"]) == (False, "nessus", [LOG4J])
    task = _task(http, server_id, LOG4J)
    assert task is not None
    assert task["ssvcPriority"] == "out-of-cycle"


@pytest.mark.parametrize(
    "body",
    [
        {"serverID": "{server}", "name": "n", "cveIDs": ["CVE-2024-1"]},
        {"serverID": "{server}", "name": "n", "cveIDs": ["cve-2024-12345"]},
        {"serverID": "{server}", "name": "n", "cveIDs": ["CVE-2024-12345 "]},
        {"serverID": "{server}", "name": "n", "cveIDs": "CVE-2024-12345"},
        {"serverID": "{server}", "name": "n"},
        {"serverID": "{server}", "name": "", "cveIDs": []},
        {"serverID": 99999, "name": "n", "cveIDs": []},
        {"serverID": "{server}", "name": "n", "cveIDs": [], "isExternalScan": "yes"},
    ],
)
def test_invalid_create_is_400_and_changes_nothing(
    world: tuple[FakeFutureVuls, httpx.Client, int], body: dict[str, object]
) -> None:
    fake, http, server_id = world
    sent = {k: (server_id if v == "{server}" else v) for k, v in body.items()}
    tasks_before = set(fake.state.tasks)
    response = http.post("/v1/externalScan", json=sent)
    assert response.status_code == 400
    assert fake.state.external_scans == {}
    assert set(fake.state.tasks) == tasks_before


def test_list_get_delete(world: tuple[FakeFutureVuls, httpx.Client, int]) -> None:
    fake, http, server_id = world
    other_server = fake.add_server("other")
    mine = _create(http, server_id, [LOG4J]).json()["id"]
    _create(http, other_server, [OTHER])
    listed = http.get("/v1/externalScans", params={"filterServerID": server_id}).json()
    assert [s["id"] for s in listed["externalScans"]] == [mine]
    assert listed["paging"]["totalCount"] == 1
    assert http.get(f"/v1/externalScan/{mine}").json()["serverID"] == server_id
    assert http.delete(f"/v1/externalScan/{mine}").status_code == 200
    assert http.get(f"/v1/externalScan/{mine}").status_code == 404


def test_profile_override_changes_the_served_routes_and_keys() -> None:
    profile = ApiProfile.from_mapping(
        {
            "external_scans": {
                "create": "POST /v1/server/{serverID}/externalScan",
                "list": "GET /v1/externalScanResults",
                "cve_ids_key": "cveIdList",
                "list_key": "results",
            }
        }
    )
    profile = evolve(profile, pseudo_server_create="POST /v1/pseudoServer")
    with FakeFutureVuls(profile=profile) as fake, make_client(fake) as http:
        server_id = fake.add_server("s")
        default = http.post("/v1/externalScan", json={"serverID": server_id, "name": "n", "cveIDs": [LOG4J]})
        assert default.status_code == 404
        wrong_key = http.post(
            f"/v1/server/{server_id}/externalScan",
            json={"serverID": server_id, "name": "n", "cveIDs": [LOG4J]},
        )
        assert wrong_key.status_code == 400
        created = http.post(
            f"/v1/server/{server_id}/externalScan",
            json={"serverID": server_id, "name": "n", "cveIdList": [LOG4J]},
        )
        assert created.status_code == 200
        assert created.json()["cveIdList"] == [LOG4J]
        assert http.get("/v1/externalScanResults").json()["paging"]["totalCount"] == 1
        assert http.post("/v1/server/pseudo", json={"serverName": "x"}).status_code in (404, 405)
        assert http.post("/v1/pseudoServer", json={"serverName": "x"}).status_code == 200


def test_role_ssvc_on_another_route_via_profile() -> None:
    profile = ApiProfile.from_mapping(
        {"role_ssvc": {"update": "PUT /v1/role/{roleID}/ssvc", "exposure_key": "exposure"}}
    )
    with FakeFutureVuls(profile=profile) as fake, make_client(fake) as http:
        role = fake.add_role("r")
        assert http.put(f"/v1/role/{role}", json={"exposure": "open"}).status_code == 400
        assert http.put(f"/v1/role/{role}/ssvc", json={"exposure": "open"}).json()["exposure"] == "open"
        assert http.put(f"/v1/role/{role}", json={"roleName": "x"}).status_code == 200
        assert http.put(f"/v1/role/{role}/ssvc", json={"roleName": "x"}).status_code == 400
