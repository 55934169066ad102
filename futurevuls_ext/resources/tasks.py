"""``client.tasks``: list with every filter, get, update, ignore (hide) and comment."""

from __future__ import annotations

import datetime as dt
from typing import Unpack

from .._core.call import Call
from ..models import IgnoreUntil, Task, TaskDetail, TaskPriority, TaskStatus
from . import _tasks_ops as ops
from ._base import AsyncResource, Listing, SyncResource, endpoint, listing, paged
from ._common import NOT_GIVEN, NotGiven
from ._tasks_ops import TaskFilters

__all__ = ["AsyncTasks", "Tasks", "TasksMethods"]


class TasksMethods:
    """The methods of ``client.tasks`` (see :class:`Tasks`); each builds its request."""

    @paged
    def list(
        self, *, page_size: int | None = None, max_items: int | None = None, **filters: Unpack[TaskFilters]
    ) -> Listing[Task]:
        """Every matching task, page by page."""
        return listing(ops.list_tasks(**filters), page_size=page_size, max_items=max_items)

    @endpoint
    def get(self, task_id: int) -> Call[TaskDetail]:
        """One task with comments, packages, CVSS and its SSVC block."""
        return ops.get(task_id)

    @endpoint
    def update(
        self,
        task_id: int,
        *,
        status: TaskStatus | str | NotGiven = NOT_GIVEN,
        priority: TaskPriority | str | NotGiven = NOT_GIVEN,
        main_user_id: int | NotGiven = NOT_GIVEN,
        sub_user_id: int | NotGiven = NOT_GIVEN,
        applying_patch_on: dt.date | str | NotGiven = NOT_GIVEN,
    ) -> Call[TaskDetail]:
        """Change status, priority, assignees or the planned patch date; only given arguments are sent."""
        return ops.update(
            task_id,
            status=status,
            priority=priority,
            main_user_id=main_user_id,
            sub_user_id=sub_user_id,
            applying_patch_on=applying_patch_on,
        )

    @endpoint
    def ignore(self, task_id: int, until: IgnoreUntil | str) -> Call[None]:
        """Hide a task until ``until`` happens (``IgnoreUntil.NOTHING`` shows it again)."""
        return ops.ignore(task_id, until)

    @endpoint
    def comment(self, task_id: int, text: str) -> Call[TaskDetail]:
        """Add a comment; returns the task with its comments."""
        return ops.comment(task_id, text)


class Tasks(SyncResource, TasksMethods):
    """Tasks (one CVE on one server, reference §2.4).

    ``status`` and ``priority`` filters take one value or a list, as enum members or any spelling
    (``"risk accepted"``); ``status=None`` means the API's default set new / investigating / ongoing,
    sent explicitly. ``include_ignored=False`` leaves hidden tasks out. In :meth:`update`, an argument
    you leave out is not sent.
    """


class AsyncTasks(AsyncResource, TasksMethods):
    """Async :class:`Tasks`: methods are awaited, ``list`` returns an ``AsyncPager``."""
