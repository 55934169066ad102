"""``client.tasks``: list with every filter, get, update, ignore (hide) and comment."""

from __future__ import annotations

import datetime as dt
from typing import Unpack

from .._pagers import AsyncPager, SyncPager
from ..models import IgnoreUntil, Task, TaskDetail, TaskPriority, TaskStatus
from . import _tasks_ops as ops
from ._base import AsyncResource, SyncResource
from ._common import NOT_GIVEN, NotGiven
from ._tasks_ops import TaskFilters

__all__ = ["AsyncTasks", "Tasks"]


class Tasks(SyncResource):
    """Tasks (one CVE on one server, reference §2.4).

    ``status`` and ``priority`` filters take one value or a list, as enum members or any spelling
    (``"risk accepted"``); ``status=None`` means the API's default set new / investigating / ongoing,
    sent explicitly. ``include_ignored=False`` leaves hidden tasks out. In :meth:`update`, an argument
    you leave out is not sent.
    """

    def list(
        self, *, page_size: int | None = None, max_items: int | None = None, **filters: Unpack[TaskFilters]
    ) -> SyncPager[Task]:
        """Every matching task, page by page."""
        return self._list(ops.list_tasks(**filters), page_size=page_size, max_items=max_items)

    def get(self, task_id: int) -> TaskDetail:
        """One task with comments, packages, CVSS and its SSVC block."""
        return self._shell.call(ops.get(task_id))

    def update(
        self,
        task_id: int,
        *,
        status: TaskStatus | str | NotGiven = NOT_GIVEN,
        priority: TaskPriority | str | NotGiven = NOT_GIVEN,
        main_user_id: int | NotGiven = NOT_GIVEN,
        sub_user_id: int | NotGiven = NOT_GIVEN,
        applying_patch_on: dt.date | str | NotGiven = NOT_GIVEN,
    ) -> TaskDetail:
        """Change status, priority, assignees or the planned patch date; only given arguments are sent."""
        return self._shell.call(
            ops.update(
                task_id,
                status=status,
                priority=priority,
                main_user_id=main_user_id,
                sub_user_id=sub_user_id,
                applying_patch_on=applying_patch_on,
            )
        )

    def ignore(self, task_id: int, until: IgnoreUntil | str) -> None:
        """Hide a task until ``until`` happens (``IgnoreUntil.NOTHING`` shows it again)."""
        self._shell.call(ops.ignore(task_id, until))

    def comment(self, task_id: int, text: str) -> TaskDetail:
        """Add a comment; returns the task with its comments."""
        return self._shell.call(ops.comment(task_id, text))


class AsyncTasks(AsyncResource):
    """Async :class:`Tasks`: methods are awaited, ``list`` returns an ``AsyncPager``."""

    def list(
        self, *, page_size: int | None = None, max_items: int | None = None, **filters: Unpack[TaskFilters]
    ) -> AsyncPager[Task]:
        """Every matching task, page by page."""
        return self._list(ops.list_tasks(**filters), page_size=page_size, max_items=max_items)

    async def get(self, task_id: int) -> TaskDetail:
        """One task with comments, packages, CVSS and its SSVC block."""
        return await self._shell.call(ops.get(task_id))

    async def update(
        self,
        task_id: int,
        *,
        status: TaskStatus | str | NotGiven = NOT_GIVEN,
        priority: TaskPriority | str | NotGiven = NOT_GIVEN,
        main_user_id: int | NotGiven = NOT_GIVEN,
        sub_user_id: int | NotGiven = NOT_GIVEN,
        applying_patch_on: dt.date | str | NotGiven = NOT_GIVEN,
    ) -> TaskDetail:
        """Change status, priority, assignees or the planned patch date; only given arguments are sent."""
        return await self._shell.call(
            ops.update(
                task_id,
                status=status,
                priority=priority,
                main_user_id=main_user_id,
                sub_user_id=sub_user_id,
                applying_patch_on=applying_patch_on,
            )
        )

    async def ignore(self, task_id: int, until: IgnoreUntil | str) -> None:
        """Hide a task until ``until`` happens (``IgnoreUntil.NOTHING`` shows it again)."""
        await self._shell.call(ops.ignore(task_id, until))

    async def comment(self, task_id: int, text: str) -> TaskDetail:
        """Add a comment; returns the task with its comments."""
        return await self._shell.call(ops.comment(task_id, text))
