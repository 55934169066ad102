"""client.external_scans through both clients, with default and overridden ApiProfile routes and keys."""

from __future__ import annotations

import datetime as dt

import pytest

from futurevuls_ext import ResponseValidationError, ServerError
from futurevuls_ext._core.call import decode
from futurevuls_ext._serde import default_converter
from futurevuls_ext.models import ExternalScan
from futurevuls_ext.profile import ApiProfile, ExternalScanProfile
from futurevuls_ext.resources import InvalidArgumentError, calls

from ..models._fixtures import load
from ._harness import Api, body, page, params

pytestmark = pytest.mark.anyio

SCAN = load("external_scan")
CVES = ["CVE-2018-1234", "CVE-2023-44487"]


async def test_create_sends_the_default_keys(api: Api) -> None:
    api.recorder.add("POST", "/v1/externalScan", SCAN)
    scan = await api.one(
        lambda c: c.external_scans.create(server_id=12, name="nessus", cve_ids=CVES),
        lambda c: c.external_scans.create(server_id=12, name="nessus", cve_ids=CVES),
    )
    assert isinstance(scan, ExternalScan)
    assert scan.id == 31
    assert scan.cve_ids == tuple(CVES)
    assert scan.updated_at == dt.datetime(2022, 2, 20, 14, 11, 22, 152870, tzinfo=dt.UTC)
    assert body(api.recorder.last) == {
        "serverID": 12,
        "name": "nessus",
        "cveIDs": CVES,
        "isExternalScan": True,
    }


async def test_create_internal_result_with_one_cve_string(api: Api) -> None:
    api.recorder.add("POST", "/v1/externalScan", SCAN)
    await api.one(
        lambda c: c.external_scans.create(server_id=12, name="n", cve_ids="CVE-2024-1", is_external=False),
        lambda c: c.external_scans.create(server_id=12, name="n", cve_ids="CVE-2024-1", is_external=False),
    )
    assert body(api.recorder.last) == {
        "serverID": 12,
        "name": "n",
        "cveIDs": ["CVE-2024-1"],
        "isExternalScan": False,
    }


async def test_create_drops_blank_and_duplicate_cve_ids(api: Api) -> None:
    api.recorder.add("POST", "/v1/externalScan", SCAN)
    cves = ["CVE-2024-1", " ", "CVE-2024-1", "CVE-2024-2 "]
    await api.one(
        lambda c: c.external_scans.create(server_id=1, name="n", cve_ids=cves),
        lambda c: c.external_scans.create(server_id=1, name="n", cve_ids=cves),
    )
    assert body(api.recorder.last)["cveIDs"] == ["CVE-2024-1", "CVE-2024-2"]


async def test_create_is_not_retried(api: Api) -> None:
    api.recorder.add("POST", "/v1/externalScan", status=503)
    with pytest.raises(ServerError):
        await api.one(
            lambda c: c.external_scans.create(server_id=1, name="n", cve_ids=[]),
            lambda c: c.external_scans.create(server_id=1, name="n", cve_ids=[]),
        )
    assert len(api.recorder.requests) == 1


async def test_update_sends_only_given_keys(api: Api) -> None:
    api.recorder.add("PUT", "/v1/externalScan/31", SCAN)
    scan = await api.one(
        lambda c: c.external_scans.update(31, cve_ids=["CVE-2024-9"]),
        lambda c: c.external_scans.update(31, cve_ids=["CVE-2024-9"]),
    )
    assert scan.id == 31
    assert body(api.recorder.last) == {"cveIDs": ["CVE-2024-9"]}


async def test_update_name_and_flag(api: Api) -> None:
    api.recorder.add("PUT", "/v1/externalScan/31", SCAN)
    await api.one(
        lambda c: c.external_scans.update(31, name="renamed", is_external=False),
        lambda c: c.external_scans.update(31, name="renamed", is_external=False),
    )
    assert body(api.recorder.last) == {"name": "renamed", "isExternalScan": False}


async def test_get_and_delete(api: Api) -> None:
    api.recorder.add("GET", "/v1/externalScan/31", SCAN)
    api.recorder.add("DELETE", "/v1/externalScan/31")
    scan = await api.one(lambda c: c.external_scans.get(31), lambda c: c.external_scans.get(31))
    await api.one(lambda c: c.external_scans.delete(31), lambda c: c.external_scans.delete(31))
    assert scan.server_id == 12
    assert api.recorder.sent() == [("GET", "/v1/externalScan/31"), ("DELETE", "/v1/externalScan/31")]


async def test_list_filters_by_server(api: Api) -> None:
    api.recorder.add(
        "GET",
        "/v1/externalScans",
        page("externalScans", [SCAN], page=1, total_page=2),
        page("externalScans", [{**SCAN, "id": 32}], page=2, total_page=2),
    )
    scans = await api.many(
        lambda c: c.external_scans.list(server_id=12), lambda c: c.external_scans.list(server_id=12)
    )
    assert [s.id for s in scans] == [31, 32]
    assert params(api.recorder.requests[0]) == [("filterServerID", "12"), ("page", "1"), ("limit", "100")]


async def test_list_without_filter(api: Api) -> None:
    api.recorder.add("GET", "/v1/externalScans", page("externalScans", [], page=1, total_page=0))
    assert await api.many(lambda c: c.external_scans.list(), lambda c: c.external_scans.list()) == []
    assert params(api.recorder.last) == [("page", "1"), ("limit", "100")]


def custom_profile() -> ApiProfile:
    return ApiProfile(
        external_scans=ExternalScanProfile(
            create="POST /v1/server/{serverID}/externalScanResult",
            update="PATCH /v1/externalScanResult/{id}",
            list="GET /v1/externalScanResults",
            get="GET /v1/externalScanResult/{id}",
            delete="DELETE /v1/externalScanResult/{id}",
            list_key="results",
            filter_server_id="serverID",
            id_key="externalScanID",
            server_id_key="serverId",
            name_key="externalScanName",
            cve_ids_key="cveIdList",
            is_external_key="isExposed",
            created_at_key="created",
            updated_at_key="updated",
        )
    )


CUSTOM = {
    "externalScanID": 7,
    "serverId": 12,
    "externalScanName": "asm",
    "cveIdList": ["CVE-2024-3"],
    "isExposed": True,
    "created": "2024-11-18T00:00:00Z",
    "updated": "0001-01-01T00:00:00Z",
}


async def test_every_route_and_key_follows_the_profile(api: Api) -> None:
    await api.use_profile(custom_profile())
    api.recorder.add("POST", "/v1/server/12/externalScanResult", CUSTOM)
    api.recorder.add("PATCH", "/v1/externalScanResult/7", CUSTOM)
    api.recorder.add("GET", "/v1/externalScanResult/7", CUSTOM)
    api.recorder.add("DELETE", "/v1/externalScanResult/7")
    api.recorder.add("GET", "/v1/externalScanResults", page("results", [CUSTOM], page=1, total_page=1))

    created = await api.one(
        lambda c: c.external_scans.create(server_id=12, name="asm", cve_ids=["CVE-2024-3"]),
        lambda c: c.external_scans.create(server_id=12, name="asm", cve_ids=["CVE-2024-3"]),
    )
    assert body(api.recorder.last) == {
        "serverId": 12,
        "externalScanName": "asm",
        "cveIdList": ["CVE-2024-3"],
        "isExposed": True,
    }
    assert (created.id, created.name, created.updated_at) == (7, "asm", None)

    await api.one(
        lambda c: c.external_scans.update(7, is_external=False),
        lambda c: c.external_scans.update(7, is_external=False),
    )
    assert body(api.recorder.last) == {"isExposed": False}
    await api.one(lambda c: c.external_scans.get(7), lambda c: c.external_scans.get(7))
    await api.one(lambda c: c.external_scans.delete(7), lambda c: c.external_scans.delete(7))
    listed = await api.many(
        lambda c: c.external_scans.list(server_id=12), lambda c: c.external_scans.list(server_id=12)
    )
    assert listed == [created]
    assert ("serverID", "12") in params(api.recorder.last)
    assert api.recorder.sent() == [
        ("POST", "/v1/server/12/externalScanResult"),
        ("PATCH", "/v1/externalScanResult/7"),
        ("GET", "/v1/externalScanResult/7"),
        ("DELETE", "/v1/externalScanResult/7"),
        ("GET", "/v1/externalScanResults"),
    ]


async def test_cve_ids_must_be_strings(api: Api) -> None:
    bad: list[str] = [1]  # type: ignore[list-item]
    with pytest.raises(InvalidArgumentError, match="CVE ID strings"):
        await api.one(
            lambda c: c.external_scans.create(server_id=1, name="n", cve_ids=bad),
            lambda c: c.external_scans.create(server_id=1, name="n", cve_ids=bad),
        )


@pytest.mark.parametrize("strict", [False, True])
def test_id_only_checks_just_the_id_as_the_converter_reads_ints(strict: bool) -> None:
    profile = ApiProfile(external_scans=ExternalScanProfile(id_key="scanId"))
    converter = default_converter(profile, strict=strict)
    decoder = calls.external_scans.id_only(profile)

    def run(data: object) -> int:
        return decode(decoder, converter, data, method="POST", url="/v1/externalScan")

    assert run({"scanId": 31, "name": "anything", "unknown": [1]}) == 31
    bad: list[object] = [{"id": 31}, [31], {"scanId": True}, {"scanId": 2.5}]
    if strict:
        bad.append({"scanId": "31"})
    else:
        assert run({"scanId": "31"}) == 31
    for data in bad:
        with pytest.raises(ResponseValidationError, match="does not match the expected model"):
            run(data)
    with pytest.raises(ResponseValidationError) as info:
        run({"id": 31})
    assert info.value.errors == ["required field 'scanId' missing @ $"]
