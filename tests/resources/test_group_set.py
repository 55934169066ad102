"""client.group_set (read-only /v1/groupSet/*) through both clients."""

from __future__ import annotations

import pytest

from futurevuls_ext.models import GroupSetCve, GroupSetCveDetail, PkgCpe, Server, TaskDetail

from ..models._fixtures import load
from ._harness import Api, page, params

pytestmark = pytest.mark.anyio


async def test_servers(api: Api) -> None:
    api.recorder.add(
        "GET", "/v1/groupSet/servers", page("servers", [load("server_list_item")], page=1, total_page=1)
    )
    api.recorder.add("GET", "/v1/groupSet/server/12", load("server_detail"))
    api.recorder.add("GET", "/v1/groupSet/server/uuid/abc", load("server_detail"))
    listed = await api.many(
        lambda c: c.group_set.servers.list(tag="web"), lambda c: c.group_set.servers.list(tag="web")
    )
    assert params(api.recorder.last)[0] == ("filterTagName", "web")
    one = await api.one(lambda c: c.group_set.servers.get(12), lambda c: c.group_set.servers.get(12))
    by_uuid = await api.one(
        lambda c: c.group_set.servers.get_by_uuid("abc"), lambda c: c.group_set.servers.get_by_uuid("abc")
    )
    assert isinstance(one, Server)
    assert listed[0].group is not None
    assert one == by_uuid


async def test_tasks_use_the_same_filter_rules(api: Api) -> None:
    api.recorder.add(
        "GET", "/v1/groupSet/tasks", page("tasks", [load("task_list_item")], page=1, total_page=1)
    )
    api.recorder.add("GET", "/v1/groupSet/task/1", load("task_detail"))
    await api.many(
        lambda c: c.group_set.tasks.list(priority="high"), lambda c: c.group_set.tasks.list(priority="high")
    )
    assert params(api.recorder.last)[:5] == [
        ("filterStatus", "new"),
        ("filterStatus", "investigating"),
        ("filterStatus", "ongoing"),
        ("filterPriority", "high"),
        ("filterIgnore", "true"),
    ]
    task = await api.one(lambda c: c.group_set.tasks.get(1), lambda c: c.group_set.tasks.get(1))
    assert isinstance(task, TaskDetail)


async def test_cves(api: Api) -> None:
    api.recorder.add(
        "GET", "/v1/groupSet/cves", page("cves", [load("group_set_cve_list_item")], page=1, total_page=1)
    )
    api.recorder.add("GET", "/v1/groupSet/cve/CVE-2018-1234", load("group_set_cve_detail"))
    cves = await api.many(
        lambda c: c.group_set.cves.list(role_id=1), lambda c: c.group_set.cves.list(role_id=1)
    )
    assert isinstance(cves[0], GroupSetCve)
    assert cves[0].groups[0].group_name == "production"
    detail = await api.one(
        lambda c: c.group_set.cves.get("CVE-2018-1234"), lambda c: c.group_set.cves.get("CVE-2018-1234")
    )
    assert isinstance(detail, GroupSetCveDetail)


async def test_pkg_cpes(api: Api) -> None:
    api.recorder.add(
        "GET",
        "/v1/groupSet/pkgCpes",
        page("pkgCpes", [load("group_set_pkg_cpe_list_item")], page=1, total_page=1),
    )
    api.recorder.add("GET", "/v1/groupSet/pkgCpe/pkg/21", load("package_detail"))
    api.recorder.add("GET", "/v1/groupSet/pkgCpe/cpe/9", load("cpe_detail"))
    items = await api.many(lambda c: c.group_set.cpes.list(), lambda c: c.group_set.cpes.list())
    assert isinstance(items[0], PkgCpe)
    assert items[0].group is not None
    await api.one(lambda c: c.group_set.cpes.get_package(21), lambda c: c.group_set.cpes.get_package(21))
    await api.one(lambda c: c.group_set.cpes.get_cpe(9), lambda c: c.group_set.cpes.get_cpe(9))
    assert [p for _, p in api.recorder.sent()] == [
        "/v1/groupSet/pkgCpes",
        "/v1/groupSet/pkgCpe/pkg/21",
        "/v1/groupSet/pkgCpe/cpe/9",
    ]
