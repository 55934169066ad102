"""Task routes (reference §2.1 #15-#19, §2.4): list with every filter, detail, update, ignore, comment."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from ._errors import found
from ._http import Request, Response, json_response
from ._records import IGNORE_UNTIL, TASK_PRIORITIES, TASK_STATUSES, Comment, Task
from ._render_tasks import task_detail, task_list_item
from ._routes import get_route, list_route
from ._state import FakeState
from ._validate import (
    PAGING_PARAMS,
    body_date,
    body_enum,
    body_object,
    body_str,
    body_user,
    check_query,
    path_int,
    query_bool,
    query_enum_list,
    query_int,
    query_int_list,
    query_str,
)

__all__ = ["DEFAULT_STATUSES", "ROUTES", "filter_tasks", "find_task", "tasks_where"]

SETTABLE_STATUSES: Final = tuple(s for s in TASK_STATUSES if s != "patch_applied")
DEFAULT_STATUSES: Final = ("new", "investigating", "ongoing")
TASK_FILTERS: Final = frozenset(
    {
        "filterStatus",
        "filterPriority",
        "filterIgnore",
        "filterMainUserIDs",
        "filterSubUserIDs",
        "filterCveID",
        "filterServerID",
        "filterRoleID",
        "filterPkgID",
        "filterCpeID",
    }
)


def find_task(state: FakeState, task_id: int) -> Task:
    """The task, or a 404."""
    return found(state.tasks, task_id, "task")


def filter_tasks(state: FakeState, req: Request) -> list[Task]:
    """Tasks matching the list filters; ``filterStatus`` defaults to new, investigating, ongoing."""
    check_query(req, PAGING_PARAMS | TASK_FILTERS)
    statuses = set(query_enum_list(req, "filterStatus", TASK_STATUSES) or DEFAULT_STATUSES)
    priorities = query_enum_list(req, "filterPriority", TASK_PRIORITIES)
    hide_ignored = query_bool(req, "filterIgnore") or False
    main_users = query_int_list(req, "filterMainUserIDs")
    sub_users = query_int_list(req, "filterSubUserIDs")
    cve_id = query_str(req, "filterCveID")
    tasks = tasks_where(state, req, (t for t in state.tasks.values() if t.status in statuses))
    if priorities is not None:
        tasks = [t for t in tasks if t.priority in priorities]
    if hide_ignored:
        tasks = [t for t in tasks if not t.ignore]
    if main_users is not None:
        tasks = [t for t in tasks if t.main_user_id in main_users]
    if sub_users is not None:
        tasks = [t for t in tasks if t.sub_user_id in sub_users]
    if cve_id is not None:
        tasks = [t for t in tasks if t.cve_id == cve_id]
    return tasks


def tasks_where(state: FakeState, req: Request, tasks: Iterable[Task]) -> list[Task]:
    """``tasks`` on ``filterServerID``, in ``filterRoleID``, from ``filterPkgID`` / ``filterCpeID``.

    The task and CVE lists share these filters (the CVE list shows the CVEs of the tasks kept).
    """
    server_id = query_int(req, "filterServerID")
    role_id = query_int(req, "filterRoleID")
    pkg_id = query_int(req, "filterPkgID")
    cpe_id = query_int(req, "filterCpeID")
    kept = list(tasks)
    if server_id is not None:
        kept = [t for t in kept if t.server_id == server_id]
    if role_id is not None:
        kept = [t for t in kept if state.servers[t.server_id].role_id == role_id]
    if pkg_id is not None:
        kept = [t for t in kept if f"pkg:{pkg_id}" in t.sources]
    if cpe_id is not None:
        kept = [t for t in kept if f"cpe:{cpe_id}" in t.sources]
    return kept


def update_task(state: FakeState, req: Request) -> Response:
    """PUT /v1/task/{taskID}: status, priority, assignees, planned patch date (all optional)."""
    task = find_task(state, path_int(req, "taskID"))
    body = body_object(req, {"status", "priority", "mainUserID", "subUserID", "applyingPatchOn"})
    status = body_enum(body, "status", SETTABLE_STATUSES)
    priority = body_enum(body, "priority", TASK_PRIORITIES)
    main_user = body_user(body, "mainUserID", state.users)
    sub_user = body_user(body, "subUserID", state.users)
    patch_on = body_date(body, "applyingPatchOn")
    reopened = status == "new" and task.status != "new"
    now = state.amend(
        task,
        status=status,
        priority=priority,
        main_user_id=main_user,
        sub_user_id=sub_user,
        applying_patch_on=patch_on,
    )
    if reopened:
        task.newed_at = now
    return json_response(task_detail(state, task))


def ignore_task(state: FakeState, req: Request) -> Response:
    """PUT /v1/task/{taskID}/ignore: hide (or, with ``nothing``, un-hide) a task (empty body)."""
    task = find_task(state, path_int(req, "taskID"))
    body = body_object(req, {"ignoreUntil"}, required=["ignoreUntil"])
    until = body_enum(body, "ignoreUntil", IGNORE_UNTIL)
    task.ignore = until != "nothing"
    task.ignore_until = None if until == "nothing" else until
    task.updated_at = state.now()
    return Response()


def comment_task(state: FakeState, req: Request) -> Response:
    """POST /v1/task/{taskID}/comment: add a comment; answers the task detail."""
    task = find_task(state, path_int(req, "taskID"))
    body = body_object(req, {"commentContent"}, required=["commentContent"])
    text = body_str(body, "commentContent", non_empty=True) or ""
    now = state.now()
    task.comments.append(
        Comment(
            id=state.next_id("comment"),
            comment=text,
            user_id=0,
            user_name="api",
            created_at=now,
            updated_at=now,
        )
    )
    task.updated_at = now
    return json_response(task_detail(state, task))


ROUTES: Final = [
    ("GET", "/v1/tasks", list_route("tasks", filter_tasks, task_list_item)),
    ("GET", "/v1/task/{taskID}", get_route("taskID", find_task, task_detail)),
    ("PUT", "/v1/task/{taskID}", update_task),
    ("PUT", "/v1/task/{taskID}/ignore", ignore_task),
    ("POST", "/v1/task/{taskID}/comment", comment_task),
]
