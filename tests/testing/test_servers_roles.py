"""Servers and roles: key spellings, filters, update/delete, paste, pseudo, scan, role SSVC keys."""

from __future__ import annotations

import httpx

from futurevuls_ext.testing import FakeFutureVuls

SERVER_REQUIRED = {
    "id",
    "serverUuid",
    "hostUuid",
    "serverName",
    "serverroleId",
    "serverroleName",
    "osFamily",
    "osVersion",
    "serverIpv4",
    "platformName",
    "platformInstanceId",
    "needKernelRestart",
    "createdAt",
    "updatedAt",
}


def test_server_detail_key_spellings(client: httpx.Client, fake: FakeFutureVuls) -> None:
    user = fake.add_user("alice")
    server_id = fake.add_server(
        "web-01",
        tags=["prod", "web"],
        ipv4="203.0.113.5",
        platform_name="aws",
        platform_instance_id="i-0123456789abcdef0",
        default_user_id=user,
    )
    body = client.get(f"/v1/server/{server_id}").json()
    assert set(body) >= SERVER_REQUIRED
    assert body["defaultUserId"] == user
    assert body["defaultUserName"] == "alice"
    assert body["platformInstanceId"] == "i-0123456789abcdef0"
    assert body["serverIpv4"] == "203.0.113.5"
    assert [t["name"] for t in body["tags"]] == ["prod", "web"]
    assert set(body["tags"][0]) == {"id", "name"}
    assert body["group"] == {"ID": fake.state.group.id, "groupName": fake.state.group.name}
    assert body["serverroleName"] == "default"
    assert "tasks" not in body  # an empty optional list is left out (goa omitempty)
    assert "serverRoleId" not in body
    assert "defaultUserID" not in body


def test_server_by_uuid(client: httpx.Client, fake: FakeFutureVuls) -> None:
    server_id = fake.add_server("a")
    uuid = fake.state.servers[server_id].uuid
    assert client.get(f"/v1/server/uuid/{uuid}").json()["id"] == server_id
    assert client.get("/v1/server/uuid/not-a-uuid").status_code == 404


def test_server_list_filters(client: httpx.Client, fake: FakeFutureVuls) -> None:
    role = fake.add_role("Internet-Facing")
    a = fake.add_server("a", role_id=role, tags=["web"])
    b = fake.add_server("b", tags=["db"])
    fake.add_task(b, "CVE-2024-1111")

    def ids(**params: str | int) -> list[int]:
        return [s["id"] for s in client.get("/v1/servers", params=params).json().get("servers", [])]

    assert ids(filterRoleID=role) == [a]
    assert ids(filterTagName="db") == [b]
    assert ids(filterCveID="CVE-2024-1111") == [b]
    assert ids(filterTagName="nope") == []
    item = client.get("/v1/servers").json()["servers"][0]
    assert "successScanCount" in item
    assert "tasks" not in item


def test_update_server_moves_role_and_renames(client: httpx.Client, fake: FakeFutureVuls) -> None:
    role = fake.add_role("Internet-Facing")
    server_id = fake.add_server("a")
    fake.add_user("dana", user_id=7)  # the API refuses a defaultUserID that names no member
    response = client.put(
        f"/v1/server/{server_id}",
        json={"serverName": "b", "roleID": role, "defaultUserID": 7, "additionalInfo": "note"},
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["serverName"], body["serverroleId"], body["defaultUserId"]) == ("b", role, 7)
    assert fake.state.servers[server_id].additional_info == "note"
    assert client.put(f"/v1/server/{server_id}", json={"roleID": 9999}).status_code == 400
    assert client.put(f"/v1/server/{server_id}", json={"roleID": "1"}).status_code == 400


def test_update_server_tags_via_profile_key(client: httpx.Client, fake: FakeFutureVuls) -> None:
    server_id = fake.add_server("a", tags=["old"])
    body = client.put(f"/v1/server/{server_id}", json={"tags": ["new", "prod"]}).json()
    assert [t["name"] for t in body["tags"]] == ["new", "prod"]


def test_delete_server_is_200_empty_and_removes_tasks(client: httpx.Client, fake: FakeFutureVuls) -> None:
    server_id = fake.add_server("a")
    fake.add_task(server_id, "CVE-2024-0001")
    response = client.delete(f"/v1/server/{server_id}")
    assert response.status_code == 200
    assert response.content == b""
    assert fake.state.servers == {}
    assert fake.state.tasks == {}
    assert client.delete(f"/v1/server/{server_id}").status_code == 404


def test_pseudo_server(client: httpx.Client, fake: FakeFutureVuls) -> None:
    response = client.post("/v1/server/pseudo", json={"serverName": "192.168.0.6"})
    assert response.status_code == 200
    body = response.json()
    assert (body["serverName"], body["osFamily"], body["osVersion"]) == ("192.168.0.6", "pseudo", "unknown")
    assert len(body["serverUuid"]) == 36
    assert body["id"] in fake.state.servers
    assert client.post("/v1/server/pseudo", json={}).json()["name"] == "missing_field"


def test_paste_server_create_and_update(client: httpx.Client, fake: FakeFutureVuls) -> None:
    body = {
        "serverName": "paste",
        "osFamily": "amazon",
        "osVersion": "2",
        "kernelRelease": "5.10.96-90.460.amzn2.x86_64",
        "pkgPasteText": "openssl-1.0.2k-19.el7.x86_64\nbash 4.2 46",
    }
    created = client.post("/v1/server/paste", json=body)
    assert created.status_code == 200
    server_id = created.json()["id"]
    assert created.json()["serverName"] == "paste"
    assert sorted(p.name for p in fake.state.packages.values()) == ["bash", "openssl"]
    missing = client.post("/v1/server/paste", json={"serverName": "x"})
    assert missing.status_code == 400
    updated = client.put(f"/v1/server/paste/{server_id}", json={"pkgPasteText": "zlib 1.2 3"})
    assert (updated.status_code, updated.content) == (200, b"")
    assert [p.name for p in fake.state.packages.values()] == ["zlib"]


def test_scan_request(client: httpx.Client, fake: FakeFutureVuls) -> None:
    server_id = fake.add_server("a")
    response = client.post(f"/v1/server/scan/{server_id}")
    assert (response.status_code, response.content) == (200, b"")
    assert fake.state.servers[server_id].scan_count == 1


def test_roles_list_detail_and_default(client: httpx.Client, fake: FakeFutureVuls) -> None:
    role = fake.add_role("Internet-Facing", exposure="open")
    fake.add_server("a", role_id=role)
    roles = client.get("/v1/roles").json()["roles"]
    assert [(r["name"], r["isDefault"]) for r in roles] == [("default", True), ("Internet-Facing", False)]
    assert roles[1]["serverCount"] == 1
    assert roles[1]["ssvcExposure"] == "open"
    assert "ssvcExposure" not in roles[0]  # not set: left out
    detail = client.get(f"/v1/role/{role}").json()
    assert [s["serverName"] for s in detail["servers"]] == ["a"]
    assert "secMetric" in detail
    assert not {"envMetricV2s", "envMetricV3s"} & set(detail)  # empty optional lists: left out


def test_role_update_name_and_ssvc(client: httpx.Client, fake: FakeFutureVuls) -> None:
    role = fake.add_role("r")
    body = client.put(
        f"/v1/role/{role}",
        json={"roleName": "Internet-Facing", "ssvcExposure": "Open", "ssvcHumanImpact": "very_high"},
    ).json()
    assert (body["name"], body["ssvcExposure"], body["ssvcHumanImpact"]) == (
        "Internet-Facing",
        "open",
        "very high",
    )
    cleared = client.put(f"/v1/role/{role}", json={"ssvcExposure": None}).json()
    assert "ssvcExposure" not in cleared
    bad = client.put(f"/v1/role/{role}", json={"ssvcExposure": "internet"})
    assert bad.status_code == 400
    assert bad.json()["name"] == "invalid_enum_value"


def test_delete_role_moves_servers_to_default(client: httpx.Client, fake: FakeFutureVuls) -> None:
    role = fake.add_role("r")
    server_id = fake.add_server("a", role_id=role)
    assert client.delete(f"/v1/role/{role}").status_code == 200
    assert fake.state.servers[server_id].role_id == fake.state.default_role().id
    assert client.delete(f"/v1/role/{fake.state.default_role().id}").status_code == 400


def test_server_tags_on_another_route_via_profile() -> None:
    from futurevuls_ext.profile import ApiProfile

    from .conftest import make_client

    profile = ApiProfile.from_mapping(
        {"server_tags": {"update": "PUT /v1/server/{serverID}/tags", "tags_key": "tagNames"}}
    )
    with FakeFutureVuls(profile=profile) as fake, make_client(fake) as http:
        server_id = fake.add_server("a")
        assert http.put(f"/v1/server/{server_id}", json={"tagNames": ["x"]}).status_code == 400
        assert http.put(f"/v1/server/{server_id}", json={"tags": ["x"]}).status_code == 400
        body = http.put(f"/v1/server/{server_id}/tags", json={"tagNames": ["x", "y", "x"]}).json()
        assert [t["name"] for t in body["tags"]] == ["x", "y"]
        assert http.put(f"/v1/server/{server_id}/tags", json={}).json()["name"] == "missing_field"
