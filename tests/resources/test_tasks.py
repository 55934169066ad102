"""client.tasks through both clients: repeated filter keys, default status set, update, ignore, comment."""

from __future__ import annotations

import datetime as dt

import pytest

from futurevuls_ext import ServerError
from futurevuls_ext.models import EnumValueError, IgnoreUntil, Task, TaskDetail, TaskPriority, TaskStatus
from futurevuls_ext.resources import InvalidArgumentError
from futurevuls_ext.ssvc import Exposure, Priority

from ..models._fixtures import load
from ._harness import Api, body, page, params

pytestmark = pytest.mark.anyio

DETAIL = load("task_detail")
ITEM = load("task_list_item")


def one_page() -> dict[str, object]:
    return page("tasks", [ITEM], page=1, total_page=1)


async def test_list_defaults_send_the_default_statuses_and_hide_ignored(api: Api) -> None:
    api.recorder.add("GET", "/v1/tasks", one_page())
    tasks = await api.many(lambda c: c.tasks.list(), lambda c: c.tasks.list())
    assert len(tasks) == 1
    assert isinstance(tasks[0], Task)
    assert tasks[0].ssvc.priority is Priority.OUT_OF_CYCLE
    assert tasks[0].server_tags == ("tag",)
    assert params(api.recorder.last) == [
        ("filterStatus", "new"),
        ("filterStatus", "investigating"),
        ("filterStatus", "ongoing"),
        ("filterIgnore", "true"),
        ("page", "1"),
        ("limit", "100"),
    ]


async def test_list_every_filter(api: Api) -> None:
    api.recorder.add("GET", "/v1/tasks", one_page())
    await api.many(
        lambda c: c.tasks.list(
            status=[TaskStatus.NEW, "Risk Accepted"],
            priority="HIGH",
            server_id=12,
            role_id=1,
            cve_id="CVE-2018-1234",
            main_user_ids=[1, 2],
            sub_user_ids=3,
            pkg_id=21,
            cpe_id=9,
            include_ignored=True,
        ),
        lambda c: c.tasks.list(
            status=[TaskStatus.NEW, "Risk Accepted"],
            priority="HIGH",
            server_id=12,
            role_id=1,
            cve_id="CVE-2018-1234",
            main_user_ids=[1, 2],
            sub_user_ids=3,
            pkg_id=21,
            cpe_id=9,
            include_ignored=True,
        ),
    )
    assert params(api.recorder.last) == [
        ("filterStatus", "new"),
        ("filterStatus", "risk_accepted"),
        ("filterPriority", "high"),
        ("filterIgnore", "false"),
        ("filterMainUserIDs", "1"),
        ("filterMainUserIDs", "2"),
        ("filterSubUserIDs", "3"),
        ("filterCveID", "CVE-2018-1234"),
        ("filterServerID", "12"),
        ("filterRoleID", "1"),
        ("filterPkgID", "21"),
        ("filterCpeID", "9"),
        ("page", "1"),
        ("limit", "100"),
    ]


async def test_list_one_status_and_several_priorities(api: Api) -> None:
    api.recorder.add("GET", "/v1/tasks", one_page())
    await api.many(
        lambda c: c.tasks.list(status="not-affected", priority=[TaskPriority.HIGH, "medium"]),
        lambda c: c.tasks.list(status="not-affected", priority=[TaskPriority.HIGH, "medium"]),
    )
    sent = params(api.recorder.last)
    assert [v for k, v in sent if k == "filterStatus"] == ["not_affected"]
    assert [v for k, v in sent if k == "filterPriority"] == ["high", "medium"]


async def test_list_rejects_an_unknown_status_before_sending(api: Api) -> None:
    with pytest.raises(EnumValueError, match="'triaged' is not a valid TaskStatus"):
        await api.many(lambda c: c.tasks.list(status="triaged"), lambda c: c.tasks.list(status="triaged"))
    assert api.recorder.requests == []


async def test_list_rejects_an_empty_status_list(api: Api) -> None:
    with pytest.raises(InvalidArgumentError, match="at least one"):
        await api.many(lambda c: c.tasks.list(status=[]), lambda c: c.tasks.list(status=[]))


async def test_list_pages(api: Api) -> None:
    api.recorder.add(
        "GET",
        "/v1/tasks",
        page("tasks", [ITEM, {**ITEM, "id": 2}], page=1, total_page=3),
        page("tasks", [{**ITEM, "id": 3}], page=2, total_page=3),
        page("tasks", [{**ITEM, "id": 4}], page=3, total_page=3),
    )
    tasks = await api.many(lambda c: c.tasks.list(), lambda c: c.tasks.list())
    assert [t.id for t in tasks] == [1, 2, 3, 4]
    assert [dict(params(r))["page"] for r in api.recorder.requests] == ["1", "2", "3"]


async def test_get(api: Api) -> None:
    api.recorder.add("GET", "/v1/task/1", DETAIL)
    task = await api.one(lambda c: c.tasks.get(1), lambda c: c.tasks.get(1))
    assert isinstance(task, TaskDetail)
    assert task.ssvc.exposure is Exposure.OPEN
    assert task.ignore_until is IgnoreUntil.PKG_FIX
    assert task.applying_patch_on == dt.date(2018, 7, 13)
    assert task.comments[0].user_name == "alice"


async def test_update_sends_only_given_keys(api: Api) -> None:
    api.recorder.add("PUT", "/v1/task/1", DETAIL)
    task = await api.one(
        lambda c: c.tasks.update(1, status="Not Affected", applying_patch_on=dt.date(2024, 12, 1)),
        lambda c: c.tasks.update(1, status="Not Affected", applying_patch_on=dt.date(2024, 12, 1)),
    )
    assert task.id == 1
    assert body(api.recorder.last) == {"status": "not_affected", "applyingPatchOn": "2024-12-01"}


async def test_update_assignees_and_priority(api: Api) -> None:
    api.recorder.add("PUT", "/v1/task/1", DETAIL)
    await api.one(
        lambda c: c.tasks.update(1, priority=TaskPriority.LOW, main_user_id=4, sub_user_id=5),
        lambda c: c.tasks.update(1, priority=TaskPriority.LOW, main_user_id=4, sub_user_id=5),
    )
    assert body(api.recorder.last) == {"priority": "low", "mainUserID": 4, "subUserID": 5}


@pytest.mark.parametrize("value", ["2024-13-01", "next week"])
async def test_update_rejects_a_bad_date(api: Api, value: str) -> None:
    with pytest.raises(InvalidArgumentError, match="applying_patch_on"):
        await api.one(
            lambda c: c.tasks.update(1, applying_patch_on=value),
            lambda c: c.tasks.update(1, applying_patch_on=value),
        )
    assert api.recorder.requests == []


async def test_ignore(api: Api) -> None:
    api.recorder.add("PUT", "/v1/task/1/ignore")
    await api.one(lambda c: c.tasks.ignore(1, "pkg-fix"), lambda c: c.tasks.ignore(1, "pkg-fix"))
    assert body(api.recorder.last) == {"ignoreUntil": "pkg_fix"}


async def test_unignore(api: Api) -> None:
    api.recorder.add("PUT", "/v1/task/1/ignore")
    await api.one(
        lambda c: c.tasks.ignore(1, IgnoreUntil.NOTHING), lambda c: c.tasks.ignore(1, IgnoreUntil.NOTHING)
    )
    assert body(api.recorder.last) == {"ignoreUntil": "nothing"}


async def test_comment(api: Api) -> None:
    api.recorder.add("POST", "/v1/task/1/comment", DETAIL)
    task = await api.one(lambda c: c.tasks.comment(1, "patched"), lambda c: c.tasks.comment(1, "patched"))
    assert task.comments
    assert body(api.recorder.last) == {"commentContent": "patched"}


async def test_comment_is_not_resent_after_a_503(api: Api) -> None:
    api.recorder.add("POST", "/v1/task/1/comment", status=503)
    with pytest.raises(ServerError) as info:
        await api.one(lambda c: c.tasks.comment(1, "x"), lambda c: c.tasks.comment(1, "x"))
    assert info.value.status_code == 503
    assert len(api.recorder.requests) == 1
