"""Pure builders of the task operations (reference §2.1 #15-#19, §2.4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TypedDict, Unpack

from .._core.call import Call, PagedCall, ignore_body, structure_as
from .._core.request import ApiRequest, expand_path, query
from ..models import DEFAULT_TASK_STATUSES, IgnoreUntil, Task, TaskDetail, TaskPriority, TaskStatus
from ._common import (
    NOT_GIVEN,
    InvalidArgumentError,
    NotGiven,
    as_date,
    body,
    check_filters,
    enum_values,
    get_list,
    get_one,
    id_filters,
    ids,
)

__all__ = ["PriorityArg", "StatusArg", "TaskFilters", "comment", "get", "ignore", "list_tasks", "update"]

V1 = "/v1"
StatusArg = TaskStatus | str | Iterable[TaskStatus | str]
PriorityArg = TaskPriority | str | Iterable[TaskPriority | str]


class TaskFilters(TypedDict, total=False):
    """The filters of ``tasks.list`` (reference §2.4); every one is optional.

    Attributes:
        status: one status or several (members or any spelling); None sends the API's default set
            (new, investigating, ongoing) explicitly.
        priority: one priority or several.
        server_id: tasks of one server.
        role_id: tasks of one role.
        cve_id: tasks of one CVE.
        main_user_ids: tasks whose main assignee is one of these users.
        sub_user_ids: tasks whose sub assignee is one of these users.
        pkg_id: tasks of one package.
        cpe_id: tasks of one CPE.
        include_ignored: include hidden ("ignored") tasks; default False.
    """

    status: StatusArg | None
    priority: PriorityArg | None
    server_id: int | None
    role_id: int | None
    cve_id: str | None
    main_user_ids: int | Iterable[int] | None
    sub_user_ids: int | Iterable[int] | None
    pkg_id: int | None
    cpe_id: int | None
    include_ignored: bool


def list_tasks(*, prefix: str = V1, **filters: Unpack[TaskFilters]) -> PagedCall[Task]:
    """``GET /v1/tasks`` with every filter of reference §2.4.

    ``status=None`` sends the API's default set (new, investigating, ongoing) explicitly;
    ``include_ignored=False`` sends ``filterIgnore=true`` (hidden tasks left out). Array filters repeat
    their key (``filterStatus=new&filterStatus=ongoing``).
    """
    check_filters(filters, TaskFilters, what="task")
    status, priority = filters.get("status"), filters.get("priority")
    statuses = (
        tuple(s.value for s in DEFAULT_TASK_STATUSES)
        if status is None
        else enum_values(TaskStatus, status, argument="status")
    )
    priorities = None if priority is None else enum_values(TaskPriority, priority, argument="priority")
    params = query(
        filterStatus=statuses,
        filterPriority=priorities,
        filterIgnore=not filters.get("include_ignored", False),
        filterMainUserIDs=ids(filters.get("main_user_ids"), argument="main_user_ids"),
        filterSubUserIDs=ids(filters.get("sub_user_ids"), argument="sub_user_ids"),
        **id_filters(filters),
    )
    return get_list(f"{prefix}/tasks", "tasks", Task, params)


def get(task_id: int, *, prefix: str = V1) -> Call[TaskDetail]:
    """``GET /v1/task/{taskID}``."""
    path = expand_path(prefix + "/task/{taskID}", {"taskID": task_id})
    return get_one(path, TaskDetail)


def update(
    task_id: int,
    *,
    status: TaskStatus | str | NotGiven = NOT_GIVEN,
    priority: TaskPriority | str | NotGiven = NOT_GIVEN,
    main_user_id: int | NotGiven = NOT_GIVEN,
    sub_user_id: int | NotGiven = NOT_GIVEN,
    applying_patch_on: dt.date | str | NotGiven = NOT_GIVEN,
) -> Call[TaskDetail]:
    """Change status, priority, assignees or the planned patch date; only given arguments are sent.

    ``PUT /v1/task/{taskID}`` with only the given keys (``status``, ``priority``, ``mainUserID``...).
    """
    for argument, value in (
        ("status", status),
        ("priority", priority),
        ("applying_patch_on", applying_patch_on),
    ):
        if value is None:
            raise InvalidArgumentError(
                f"tasks.update: None given for {argument}; leave the argument out to keep it"
            )
    payload = body(
        status=status if status is NOT_GIVEN else TaskStatus.parse(status).value,
        priority=priority if priority is NOT_GIVEN else TaskPriority.parse(priority).value,
        mainUserID=main_user_id,
        subUserID=sub_user_id,
        applyingPatchOn=(
            applying_patch_on
            if applying_patch_on is NOT_GIVEN
            else as_date(applying_patch_on, argument="applying_patch_on")
        ),
    )
    path = expand_path("/v1/task/{taskID}", {"taskID": task_id})
    return Call(request=ApiRequest(method="PUT", path=path, json=payload), decode=structure_as(TaskDetail))


def ignore(task_id: int, until: IgnoreUntil | str) -> Call[None]:
    """Hide a task until ``until`` happens (``IgnoreUntil.NOTHING`` shows it again).

    ``PUT /v1/task/{taskID}/ignore`` with ``ignoreUntil`` (``IgnoreUntil.NOTHING`` un-hides).
    """
    path = expand_path("/v1/task/{taskID}/ignore", {"taskID": task_id})
    payload = {"ignoreUntil": IgnoreUntil.parse(until).value}
    return Call(request=ApiRequest(method="PUT", path=path, json=payload), decode=ignore_body)


def comment(task_id: int, text: str) -> Call[TaskDetail]:
    """Add a comment; returns the task with its comments.

    ``POST /v1/task/{taskID}/comment`` with ``commentContent``; answers the task detail.
    """
    if not text.strip():
        raise InvalidArgumentError("tasks.comment: the comment text is empty")
    path = expand_path("/v1/task/{taskID}/comment", {"taskID": task_id})
    request = ApiRequest(method="POST", path=path, json={"commentContent": text})
    return Call(request=request, decode=structure_as(TaskDetail))
