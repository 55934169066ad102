"""client.servers through both clients: method, path, query, body and decoded result."""

from __future__ import annotations

import pytest

from futurevuls_ext.models import Server, ServerTag
from futurevuls_ext.profile import ApiProfile, ServerTagProfile
from futurevuls_ext.resources import InvalidArgumentError

from ..models._fixtures import load
from ._harness import Api, body, page, params

pytestmark = pytest.mark.anyio

SERVER = load("server_detail")
ITEM = load("server_list_item")


def item(server_id: int) -> dict[str, object]:
    return {**ITEM, "id": server_id}


async def test_list_sends_filters_and_reads_every_page(api: Api) -> None:
    api.recorder.add(
        "GET",
        "/v1/servers",
        page("servers", [item(1), item(2)], page=1, total_page=2),
        page("servers", [item(3)], page=2, total_page=2),
    )
    servers = await api.many(
        lambda c: c.servers.list(role_id=2, tag="internet-facing", cve_id="CVE-2018-1234"),
        lambda c: c.servers.list(role_id=2, tag="internet-facing", cve_id="CVE-2018-1234"),
    )
    assert [s.id for s in servers] == [1, 2, 3]
    assert all(isinstance(s, Server) for s in servers)
    assert len(api.recorder.requests) == 2
    first, second = api.recorder.requests
    assert params(first) == [
        ("filterRoleID", "2"),
        ("filterTagName", "internet-facing"),
        ("filterCveID", "CVE-2018-1234"),
        ("page", "1"),
        ("limit", "100"),
    ]
    assert ("page", "2") in params(second)
    assert first.headers["Authorization"] == "test-token-not-a-secret"


async def test_list_without_filters_sends_only_paging(api: Api) -> None:
    api.recorder.add("GET", "/v1/servers", page("servers", [item(1)], page=1, total_page=1))
    servers = await api.many(lambda c: c.servers.list(), lambda c: c.servers.list())
    assert [s.server_name for s in servers] == ["web-01"]
    assert params(api.recorder.last) == [("page", "1"), ("limit", "100")]


async def test_list_stops_when_total_page_is_zero(api: Api) -> None:
    api.recorder.add("GET", "/v1/servers", page("servers", [item(1)], page=1, total_page=0))
    servers = await api.many(lambda c: c.servers.list(), lambda c: c.servers.list())
    assert len(servers) == 1
    assert len(api.recorder.requests) == 1


async def test_list_stops_on_an_empty_page(api: Api) -> None:
    api.recorder.add(
        "GET",
        "/v1/servers",
        page("servers", [item(1)], page=1, total_page=5),
        page("servers", [], page=2, total_page=5),
    )
    servers = await api.many(lambda c: c.servers.list(), lambda c: c.servers.list())
    assert [s.id for s in servers] == [1]
    assert len(api.recorder.requests) == 2


async def test_list_with_null_items_is_empty(api: Api) -> None:
    api.recorder.add("GET", "/v1/servers", {"paging": None, "servers": None})
    assert await api.many(lambda c: c.servers.list(), lambda c: c.servers.list()) == []


async def test_get(api: Api) -> None:
    api.recorder.add("GET", "/v1/server/12", SERVER)
    server = await api.one(lambda c: c.servers.get(12), lambda c: c.servers.get(12))
    assert server.id == 12
    assert server.tags == (ServerTag(id=7, name="internet-facing"),)
    assert server.tasks[0].cve_id == "CVE-2018-1234"
    assert api.recorder.last.method == "GET"


async def test_get_by_uuid_quotes_the_path(api: Api) -> None:
    uuid = "ce024b45-1c59-5b86-1a67-e78a40dfec01"
    api.recorder.add("GET", f"/v1/server/uuid/{uuid}", SERVER)
    server = await api.one(lambda c: c.servers.get_by_uuid(uuid), lambda c: c.servers.get_by_uuid(uuid))
    assert server.server_uuid == uuid


async def test_update_sends_only_given_keys(api: Api) -> None:
    api.recorder.add("PUT", "/v1/server/12", SERVER)
    server = await api.one(
        lambda c: c.servers.update(12, name="web-02", role_id=3),
        lambda c: c.servers.update(12, name="web-02", role_id=3),
    )
    assert isinstance(server, Server)
    assert body(api.recorder.last) == {"serverName": "web-02", "roleID": 3}


async def test_update_other_keys(api: Api) -> None:
    api.recorder.add("PUT", "/v1/server/12", SERVER)
    await api.one(
        lambda c: c.servers.update(12, default_user_id=5, additional_info="expensive"),
        lambda c: c.servers.update(12, default_user_id=5, additional_info="expensive"),
    )
    assert body(api.recorder.last) == {"defaultUserID": 5, "additionalInfo": "expensive"}


async def test_delete(api: Api) -> None:
    api.recorder.add("DELETE", "/v1/server/12")
    await api.one(lambda c: c.servers.delete(12), lambda c: c.servers.delete(12))
    assert api.recorder.sent() == [("DELETE", "/v1/server/12")]


async def test_create_pseudo(api: Api) -> None:
    api.recorder.add("POST", "/v1/server/pseudo", {**SERVER, "serverName": "192.0.2.6", "osFamily": "pseudo"})
    server = await api.one(
        lambda c: c.servers.create_pseudo("192.0.2.6"), lambda c: c.servers.create_pseudo("192.0.2.6")
    )
    assert server.server_name == "192.0.2.6"
    assert body(api.recorder.last) == {"serverName": "192.0.2.6"}


async def test_create_pseudo_route_comes_from_the_profile(api: Api) -> None:
    await api.use_profile(ApiProfile(pseudo_server_create="POST /v2/pseudoServer"))
    api.recorder.add("POST", "/v2/pseudoServer", SERVER)
    await api.one(lambda c: c.servers.create_pseudo("h"), lambda c: c.servers.create_pseudo("h"))
    assert api.recorder.sent() == [("POST", "/v2/pseudoServer")]


async def test_create_paste(api: Api) -> None:
    api.recorder.add("POST", "/v1/server/paste", {**SERVER, "serverName": "testPasteServer"})
    kwargs = {
        "name": "testPasteServer",
        "os_family": "amazon",
        "os_version": "2",
        "kernel_release": "5.10.96-90.460.amzn2.x86_64",
        "pkg_paste_text": "openssl-1.0.2k-24.amzn2.x86_64",
    }
    server = await api.one(
        lambda c: c.servers.create_paste(**kwargs), lambda c: c.servers.create_paste(**kwargs)
    )
    assert server.server_name == "testPasteServer"
    assert body(api.recorder.last) == {
        "serverName": "testPasteServer",
        "osFamily": "amazon",
        "osVersion": "2",
        "kernelRelease": "5.10.96-90.460.amzn2.x86_64",
        "pkgPasteText": "openssl-1.0.2k-24.amzn2.x86_64",
    }


async def test_update_paste(api: Api) -> None:
    api.recorder.add("PUT", "/v1/server/paste/12")
    await api.one(
        lambda c: c.servers.update_paste(12, pkg_paste_text="bash-5.1", kernel_version="#1 SMP"),
        lambda c: c.servers.update_paste(12, pkg_paste_text="bash-5.1", kernel_version="#1 SMP"),
    )
    assert body(api.recorder.last) == {"pkgPasteText": "bash-5.1", "kernelVersion": "#1 SMP"}


async def test_scan(api: Api) -> None:
    api.recorder.add("POST", "/v1/server/scan/12")
    await api.one(lambda c: c.servers.scan(12), lambda c: c.servers.scan(12))
    assert api.recorder.sent() == [("POST", "/v1/server/scan/12")]
    assert api.recorder.last.content == b""


async def test_set_tags_uses_the_profile_defaults(api: Api) -> None:
    api.recorder.add("PUT", "/v1/server/12", SERVER)
    server = await api.one(
        lambda c: c.servers.set_tags(12, ["web", "dmz", "web"]),
        lambda c: c.servers.set_tags(12, ["web", "dmz", "web"]),
    )
    assert server is not None
    assert body(api.recorder.last) == {"tags": ["web", "dmz"]}


async def test_set_tags_route_and_key_from_the_profile(api: Api) -> None:
    profile = ApiProfile(
        server_tags=ServerTagProfile(update="POST /v1/server/{serverID}/tags", tags_key="tagNames")
    )
    await api.use_profile(profile)
    api.recorder.add("POST", "/v1/server/12/tags")
    result = await api.one(
        lambda c: c.servers.set_tags(12, ["web"]), lambda c: c.servers.set_tags(12, ["web"])
    )
    assert result is None
    assert body(api.recorder.last) == {"tagNames": ["web"]}


async def test_set_tags_refuses_a_bare_string(api: Api) -> None:
    with pytest.raises(InvalidArgumentError, match="list of tag names"):
        await api.one(lambda c: c.servers.set_tags(12, "web"), lambda c: c.servers.set_tags(12, "web"))
    assert api.recorder.requests == []
