"""CVEs, packages/CPEs (add/delete both forms), lockfiles and the read-only group-set routes."""

from __future__ import annotations

import httpx

from futurevuls_ext.testing import FakeFutureVuls

FORTI = "CVE-2022-40684"
FORTI_FS = "cpe:2.3:o:fortinet:fortios:7.0.0:*:*:*:*:*:*:*"


def test_cves_list_and_detail(demo: FakeFutureVuls, demo_client: httpx.Client) -> None:
    body = demo_client.get("/v1/cves", params={"limit": 100}).json()
    ids = [c["cveID"] for c in body["cves"]]
    assert "CVE-2021-44228" in ids
    assert body["paging"]["totalCount"] == len({t.cve_id for t in demo.state.tasks.values()})
    item = next(c for c in body["cves"] if c["cveID"] == "CVE-2021-44228")
    assert item["maxV3"] == 10.0
    assert item["allTaskCount"] == 1
    assert {"topicLastUpdatedAt", "isNotActive", "newTaskCount", "scoreV3s"} <= set(item)
    detail = demo_client.get("/v1/cve/CVE-2021-44228").json()
    assert detail["cvss"]["maxCvssV3"]["value"]["score"] == 10.0
    assert {"tmpMetricV2", "tmpMetricV3", "envMetricV2s", "references", "secMetrics"} <= set(detail)
    db01 = next(s.id for s in demo.state.servers.values() if s.name == "db-01")
    on_db = [c["cveID"] for c in demo_client.get("/v1/cves", params={"filterServerID": db01}).json()["cves"]]
    assert sorted(on_db) == ["CVE-2023-2454", "CVE-2023-38408", "CVE-2024-6387"]


def test_pkgcpes_list_and_details(demo: FakeFutureVuls, demo_client: httpx.Client) -> None:
    items = demo_client.get("/v1/pkgCpes", params={"filterCveID": FORTI}).json()["pkgCpes"]
    assert [(i.get("cpeFS"), i["serverName"]) for i in items] == [(FORTI_FS, "edge-fw-01")]
    cpe = demo_client.get(f"/v1/pkgCpe/cpe/{items[0]['cpeID']}").json()
    assert cpe["cpeURI"] == "cpe:/o:fortinet:fortios:7.0.0"
    assert [t["cveID"] for t in cpe["tasks"]] == [FORTI]
    nginx = next(p for p in demo.state.packages.values() if p.name == "nginx")
    pkg = demo_client.get(f"/v1/pkgCpe/pkg/{nginx.id}").json()
    assert pkg["affectedProcs"] == [{"name": "nginx", "pid": "811"}]
    assert {t["cveID"] for t in pkg["tasks"]} == set(nginx.cve_ids)


def test_add_cpe_both_forms_and_delete_both_forms(client: httpx.Client, fake: FakeFutureVuls) -> None:
    fake.add_cve(FORTI, exploitation="active", cpe_names=[FORTI_FS])
    server_id = fake.add_server("fw", pseudo=True)
    added = client.post("/v1/pkgCpe/cpe", json={"serverID": server_id, "cpeName": FORTI_FS, "isURI": False})
    assert added.status_code == 200
    body = added.json()
    assert (body["name"], body["version"], body["server"]["serverName"]) == (FORTI_FS, "7.0.0", "fw")
    assert [t["cveID"] for t in body["tasks"]] == [FORTI]
    uri = client.post("/v1/pkgCpe/cpe", json={"serverID": server_id, "cpeName": "cpe:/a:vendor:product:1.0"})
    assert uri.status_code == 200
    # isURI defaults to true: a 2.3 string without isURI=false is rejected.
    assert client.post("/v1/pkgCpe/cpe", json={"serverID": server_id, "cpeName": FORTI_FS}).status_code == 400
    assert client.post("/v1/pkgCpe/cpe", json={"cpeName": FORTI_FS}).status_code == 400
    gone = client.delete(f"/v1/pkgCpe/cpe/{body['id']}")
    assert (gone.status_code, gone.content) == (200, b"")
    assert fake.state.tasks == {}
    old = client.request("DELETE", "/v1/pkgCpe/cpe", json={"cpeID": uri.json()["id"]})
    assert (old.status_code, old.content) == (200, b"")
    assert fake.state.cpes == {}


def test_lockfiles_crud(client: httpx.Client, fake: FakeFutureVuls) -> None:
    server_id = fake.add_server("s")
    created = client.post(
        "/v1/lockfile", json={"serverID": server_id, "path": "/app/Gemfile.lock", "fileContent": "x"}
    )
    assert created.status_code == 200
    lock_id = created.json()["id"]
    assert (
        client.get("/v1/lockfiles", params={"filterPath": "/app/Gemfile.lock"}).json()["paging"]["totalCount"]
        == 1
    )
    updated = client.put(f"/v1/lockfile/{lock_id}", json={"fileContent": "y"}).json()
    assert (updated["fileContent"], updated["path"]) == ("y", "/app/Gemfile.lock")
    assert client.get(f"/v1/lockfile/{lock_id}").json()["server"]["serverName"] == "s"
    assert client.delete(f"/v1/lockfile/{lock_id}").content == b""
    assert client.get(f"/v1/lockfile/{lock_id}").status_code == 404
    assert client.post("/v1/lockfile", json={"serverID": server_id, "path": "p"}).status_code == 400


def test_group_set_routes_are_read_only_views(demo: FakeFutureVuls, demo_client: httpx.Client) -> None:
    server = next(iter(demo.state.servers.values()))
    task = next(iter(demo.state.tasks.values()))
    assert demo_client.get(f"/v1/groupSet/server/{server.id}").json()["group"]["ID"] == 1
    assert demo_client.get(f"/v1/groupSet/server/uuid/{server.uuid}").json()["id"] == server.id
    assert demo_client.get(f"/v1/groupSet/task/{task.id}").json()["id"] == task.id
    cves = demo_client.get("/v1/groupSet/cves").json()["cves"]
    assert cves[0]["groups"] == [{"ID": 1, "groupName": "demo-group"}]
    assert demo_client.get(f"/v1/groupSet/cve/{task.cve_id}").json()["group"]["groupName"] == "demo-group"
    items = demo_client.get("/v1/groupSet/pkgCpes").json()["pkgCpes"]
    assert all(i["group"]["ID"] == 1 for i in items)
    pkg = next(iter(demo.state.packages))
    assert demo_client.get(f"/v1/groupSet/pkgCpe/pkg/{pkg}").status_code == 200
    assert demo_client.put(f"/v1/groupSet/server/{server.id}", json={}).status_code == 405
