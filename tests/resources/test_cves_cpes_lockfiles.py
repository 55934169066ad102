"""client.cves, client.cpes and client.lockfiles through both clients."""

from __future__ import annotations

import pytest

from futurevuls_ext.models import Cpe, CveDetail, Lockfile, PackageDetail
from futurevuls_ext.resources import InvalidArgumentError

from ..models._fixtures import load
from ._harness import Api, body, page, params

pytestmark = pytest.mark.anyio


async def test_cves_list_filters(api: Api) -> None:
    api.recorder.add("GET", "/v1/cves", page("cves", [load("cve_list_item")], page=1, total_page=1))
    cves = await api.many(
        lambda c: c.cves.list(server_id=12, role_id=1, pkg_id=21, cpe_id=9),
        lambda c: c.cves.list(server_id=12, role_id=1, pkg_id=21, cpe_id=9),
    )
    assert cves[0].score_v3s == {"nvd": 7.5}
    assert params(api.recorder.last) == [
        ("filterServerID", "12"),
        ("filterRoleID", "1"),
        ("filterPkgID", "21"),
        ("filterCpeID", "9"),
        ("page", "1"),
        ("limit", "100"),
    ]


async def test_cves_get(api: Api) -> None:
    api.recorder.add("GET", "/v1/cve/CVE-2018-1234", load("cve_detail"))
    cve = await api.one(lambda c: c.cves.get("CVE-2018-1234"), lambda c: c.cves.get("CVE-2018-1234"))
    assert isinstance(cve, CveDetail)
    assert cve.tmp_metric_v3 is not None
    assert cve.tmp_metric_v3.rl == "OF"


async def test_cpes_list_filters(api: Api) -> None:
    api.recorder.add("GET", "/v1/pkgCpes", page("pkgCpes", [load("pkg_cpe_list_item")], page=1, total_page=1))
    items = await api.many(
        lambda c: c.cpes.list(cve_id="CVE-2018-1234", task_id=1, server_id=12, role_id=1),
        lambda c: c.cpes.list(cve_id="CVE-2018-1234", task_id=1, server_id=12, role_id=1),
    )
    assert items[0].cpe_fs == "cpe:2.3:a:apache:http_server:2.4.6:*:*:*:*:*:*:*"
    assert params(api.recorder.last)[:4] == [
        ("filterCveID", "CVE-2018-1234"),
        ("filterTaskID", "1"),
        ("filterServerID", "12"),
        ("filterRoleID", "1"),
    ]


async def test_cpes_details(api: Api) -> None:
    api.recorder.add("GET", "/v1/pkgCpe/pkg/21", load("package_detail"))
    api.recorder.add("GET", "/v1/pkgCpe/cpe/9", load("cpe_detail"))
    package = await api.one(lambda c: c.cpes.get_package(21), lambda c: c.cpes.get_package(21))
    cpe = await api.one(lambda c: c.cpes.get_cpe(9), lambda c: c.cpes.get_cpe(9))
    assert isinstance(package, PackageDetail)
    assert package.affected_procs[0].name == "httpd"
    assert isinstance(cpe, Cpe)
    assert cpe.server is not None
    assert cpe.server.id == 12


@pytest.mark.parametrize(
    ("name", "is_uri"),
    [
        ("cpe:/o:fortinet:fortios:5.4.6", True),
        ("cpe:2.3:o:fortinet:fortios:5.4.6:*:*:*:*:*:*:*", False),
        ("CPE:2.3:a:apache:http_server:2.4.6:*:*:*:*:*:*:*", False),
    ],
)
async def test_cpes_add_chooses_is_uri_from_the_form(api: Api, name: str, is_uri: bool) -> None:
    api.recorder.add("POST", "/v1/pkgCpe/cpe", load("cpe_detail"))
    cpe = await api.one(lambda c: c.cpes.add(12, name), lambda c: c.cpes.add(12, name))
    assert cpe.id == 9
    assert body(api.recorder.last) == {"serverID": 12, "cpeName": name, "isURI": is_uri}


async def test_cpes_add_rejects_other_strings(api: Api) -> None:
    with pytest.raises(InvalidArgumentError, match="neither a CPE URI"):
        await api.one(lambda c: c.cpes.add(12, "fortios 5.4.6"), lambda c: c.cpes.add(12, "fortios 5.4.6"))
    assert api.recorder.requests == []


async def test_cpes_delete(api: Api) -> None:
    api.recorder.add("DELETE", "/v1/pkgCpe/cpe/9")
    await api.one(lambda c: c.cpes.delete(9), lambda c: c.cpes.delete(9))
    assert api.recorder.sent() == [("DELETE", "/v1/pkgCpe/cpe/9")]
    assert api.recorder.last.content == b""


async def test_cpes_delete_deprecated_route(api: Api) -> None:
    api.recorder.add("DELETE", "/v1/pkgCpe/cpe")
    await api.one(
        lambda c: c.cpes.delete(9, deprecated_route=True), lambda c: c.cpes.delete(9, deprecated_route=True)
    )
    assert body(api.recorder.last) == {"cpeID": 9}


async def test_lockfiles_crud(api: Api) -> None:
    lockfile = load("lockfile")
    api.recorder.add("GET", "/v1/lockfiles", page("lockfiles", [lockfile], page=1, total_page=1))
    api.recorder.add("POST", "/v1/lockfile", lockfile)
    api.recorder.add("GET", "/v1/lockfile/5", lockfile)
    api.recorder.add("PUT", "/v1/lockfile/5", lockfile)
    api.recorder.add("DELETE", "/v1/lockfile/5")
    listed = await api.many(
        lambda c: c.lockfiles.list(server_id=12, path="/srv/app/package-lock.json"),
        lambda c: c.lockfiles.list(server_id=12, path="/srv/app/package-lock.json"),
    )
    assert params(api.recorder.last)[:2] == [
        ("filterServerID", "12"),
        ("filterPath", "/srv/app/package-lock.json"),
    ]
    created = await api.one(
        lambda c: c.lockfiles.create(server_id=12, path="/srv/app/package-lock.json", file_content="{}"),
        lambda c: c.lockfiles.create(server_id=12, path="/srv/app/package-lock.json", file_content="{}"),
    )
    assert body(api.recorder.last) == {
        "serverID": 12,
        "path": "/srv/app/package-lock.json",
        "fileContent": "{}",
    }
    got = await api.one(lambda c: c.lockfiles.get(5), lambda c: c.lockfiles.get(5))
    await api.one(
        lambda c: c.lockfiles.update(5, file_content="[]"), lambda c: c.lockfiles.update(5, file_content="[]")
    )
    assert body(api.recorder.last) == {"fileContent": "[]"}
    await api.one(lambda c: c.lockfiles.delete(5), lambda c: c.lockfiles.delete(5))
    assert listed == [created] == [got]
    assert isinstance(got, Lockfile)
    assert got.library_pkgs[0].name == "lodash"
    assert [m for m, _ in api.recorder.sent()] == ["GET", "POST", "GET", "PUT", "DELETE"]
