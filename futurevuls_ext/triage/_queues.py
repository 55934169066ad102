"""The article's triage queues: server-side filters first, then the ones the API lacks (pure).

=================  ==========================  ===============================================
queue              sent to ``GET /v1/tasks``   filtered here
=================  ==========================  ===============================================
``exposed``        open statuses               exposed (see :mod:`._exposed`)
``exposed-overdue`` open statuses              exposed and ``deadlineOn`` before today
``overdue``        open statuses               ``deadlineOn`` before today
``no-plan``        open statuses               no ``applyingPatchOn``
``new``            ``filterStatus=new``        -
``unassigned``     open statuses               no main assignee
=================  ==========================  ===============================================

"Open statuses" is the API's default set (new, investigating, ongoing). ``exposed_only`` adds the
exposed filter to any queue. The CVE, role, server and priority filters always go to the server.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from .._exceptions import ConfigError
from ..models import Task, TaskStatus
from ._exposed import ExposureIndex

__all__ = ["Queue", "QueueItem", "QueueSpec", "select"]


class Queue(enum.StrEnum):
    """A triage queue (the CLI's ``--queue``)."""

    EXPOSED = "exposed"
    EXPOSED_OVERDUE = "exposed-overdue"
    OVERDUE = "overdue"
    NO_PLAN = "no-plan"
    NEW = "new"
    UNASSIGNED = "unassigned"

    @classmethod
    def parse(cls, value: Queue | str) -> Queue:
        """The queue for a name (``_`` and ``-`` alike, any case).

        Raises:
            ConfigError: naming the allowed queues.
        """
        if isinstance(value, Queue):
            return value
        key = value.strip().lower().replace("_", "-")
        for member in cls:
            if member.value == key:
                return member
        raise ConfigError(
            f"unknown triage queue {value!r}; expected one of {', '.join(m.value for m in cls)}"
        )


@attrs.frozen(kw_only=True)
class QueueSpec:
    """What to ask the API for, and what to filter afterwards."""

    queue: Queue
    exposed_only: bool = False

    @property
    def statuses(self) -> tuple[TaskStatus, ...] | None:
        """``filterStatus`` to send (None: the API's open set)."""
        return (TaskStatus.NEW,) if self.queue is Queue.NEW else None

    @property
    def needs_exposure(self) -> bool:
        """True when the exposed filter applies."""
        return self.exposed_only or self.queue in {Queue.EXPOSED, Queue.EXPOSED_OVERDUE}

    def keep(self, task: Task, exposed_via: tuple[str, ...], today: dt.date) -> bool:
        """The client-side part of the queue."""
        if self.needs_exposure and not exposed_via:
            return False
        if self.queue in {Queue.EXPOSED_OVERDUE, Queue.OVERDUE}:
            return task.deadline_on is not None and task.deadline_on < today
        if self.queue is Queue.NO_PLAN:
            return task.applying_patch_on is None
        if self.queue is Queue.UNASSIGNED:
            return task.main_user_id is None
        return True


@attrs.frozen(kw_only=True)
class QueueItem:
    """A task in a queue, with why it counts as exposed (empty when it does not)."""

    task: Task
    exposed_via: tuple[str, ...] = ()
    external_scan: bool = False
    role_name: str | None = None

    def to_dict(self) -> dict[str, object]:
        """JSON-ready summary row."""
        task = self.task
        return {
            "task_id": task.id,
            "cve_id": task.cve_id,
            "server_id": task.server_id,
            "server_name": task.server_name,
            "role_name": self.role_name,
            "server_tags": list(task.server_tags),
            "status": str(task.status),
            "priority": str(task.priority),
            "ssvc_priority": None if task.ssvc.priority is None else str(task.ssvc.priority),
            "deadline_on": None if task.deadline_on is None else task.deadline_on.isoformat(),
            "applying_patch_on": None
            if task.applying_patch_on is None
            else task.applying_patch_on.isoformat(),
            "main_user_id": task.main_user_id,
            "main_user_name": task.main_user_name,
            "external_scan": self.external_scan,
            "exposed_via": list(self.exposed_via),
            "listening_ports": list(task.listening_ports),
        }


def select(
    tasks: Iterable[Task], spec: QueueSpec, index: ExposureIndex, *, today: dt.date
) -> list[QueueItem]:
    """The tasks of the queue, in task-ID order."""
    out: list[QueueItem] = []
    for task in sorted(tasks, key=lambda t: t.id):
        via = index.exposed_via(task.server_id, task.cve_id, task.server_tags)
        if spec.keep(task, via, today):
            role = index.role_of(task.server_id)
            out.append(
                QueueItem(
                    task=task,
                    exposed_via=via,
                    external_scan=index.external(task.server_id, task.cve_id),
                    role_name=None if role is None else role.name,
                )
            )
    return out
