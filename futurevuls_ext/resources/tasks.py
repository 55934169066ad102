"""``client.tasks``: list with every filter, get, update, ignore (hide) and comment."""

from __future__ import annotations

from typing import Unpack

from .._core.call import Call
from ..models import Task, TaskDetail
from . import _tasks_ops as ops
from ._base import AsyncResource, Listing, SyncResource, endpoint, listing, paged
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

    update = endpoint.of(ops.update)
    ignore = endpoint.of(ops.ignore)
    comment = endpoint.of(ops.comment)


class Tasks(SyncResource, TasksMethods):
    """Tasks (one CVE on one server, reference §2.4).

    ``status`` and ``priority`` filters take one value or a list, as enum members or any spelling
    (``"risk accepted"``); ``status=None`` means the API's default set new / investigating / ongoing,
    sent explicitly. ``include_ignored=False`` leaves hidden tasks out. In :meth:`update`, an argument
    you leave out is not sent.
    """


class AsyncTasks(AsyncResource, TasksMethods):
    """Async :class:`Tasks`: methods are awaited, ``list`` returns an ``AsyncPager``."""
