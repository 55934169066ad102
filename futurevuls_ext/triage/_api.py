"""Thin sync and async shells of the triage: list (server-side filters), decide (pure), send.

Each public function has an ``_async`` twin taking an :class:`~futurevuls_ext.AsyncClient`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from .._exceptions import FutureVulsError
from ..exposure import ExposurePlan
from ..exposure._drive import call_many_async, call_many_sync, describe_error
from ..models import Task, TaskDetail, TaskPriority, TaskStatus
from ..resources import _external_scans_ops as scans_ops
from ..resources import _roles_ops as roles_ops
from ..resources import _servers_ops as servers_ops
from ..resources import _tasks_ops as tasks_ops
from ..resources._common import NOT_GIVEN, NotGiven
from ..resources._tasks_ops import StatusArg
from ._bulk import BulkUpdateResult, TaskUpdate, TaskUpdateOutcome, task_ids
from ._drill import CveDrillDown, drill_down_cve
from ._exposed import DEFAULT_EXPOSED_ROLE_NAMES, ExposureIndex
from ._queues import Queue, QueueItem, QueueSpec, select

if TYPE_CHECKING:
    from .._async_client import AsyncClient
    from .._client import Client

__all__ = [
    "QueueResult",
    "bulk_update",
    "bulk_update_async",
    "drill_down",
    "drill_down_async",
    "triage_queue",
    "triage_queue_async",
]


def utc_today() -> dt.date:
    """Today in UTC (the API's dates are UTC)."""
    return dt.datetime.now(dt.UTC).date()


@attrs.frozen(kw_only=True)
class QueueResult:
    """A triage queue: its items (task + why exposed), and the filters that made it."""

    queue: Queue
    items: tuple[QueueItem, ...]
    exposed_only: bool = False
    today: dt.date
    cve_id: str | None = None

    @property
    def tasks(self) -> tuple[Task, ...]:
        """The tasks, for ``bulk_update``."""
        return tuple(i.task for i in self.items)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "queue": self.queue.value,
            "exposed_only": self.exposed_only,
            "cve_id": self.cve_id,
            "today": self.today.isoformat(),
            "count": len(self.items),
            "tasks": [i.as_dict() for i in self.items],
        }


def _index(
    client: Client, names: Iterable[str], tags: Iterable[str], plan: ExposurePlan | None
) -> ExposureIndex:
    shell = client._shell
    return ExposureIndex.build(
        shell.paginate(servers_ops.list_servers()),
        shell.paginate(roles_ops.list_roles()),
        shell.paginate(scans_ops.list_external_scans(client.profile)),
        exposed_role_names=names,
        exposed_tags=tags,
        plan=plan,
    )


async def _index_async(
    client: AsyncClient, names: Iterable[str], tags: Iterable[str], plan: ExposurePlan | None
) -> ExposureIndex:
    shell = client._shell
    servers = [s async for s in shell.paginate(servers_ops.list_servers())]
    roles = [r async for r in shell.paginate(roles_ops.list_roles())]
    scans = [s async for s in shell.paginate(scans_ops.list_external_scans(client.profile))]
    return ExposureIndex.build(servers, roles, scans, exposed_role_names=names, exposed_tags=tags, plan=plan)


def triage_queue(
    client: Client,
    queue: Queue | str = Queue.EXPOSED_OVERDUE,
    *,
    cve_id: str | None = None,
    role_id: int | None = None,
    server_id: int | None = None,
    priority: TaskPriority | str | None = None,
    exposed_only: bool = False,
    today: dt.date | None = None,
    exposed_role_names: Iterable[str] = DEFAULT_EXPOSED_ROLE_NAMES,
    exposed_tags: Iterable[str] = (),
    plan: ExposurePlan | None = None,
) -> QueueResult:
    """One of the article's queues (see :class:`Queue`); server-side filters first, then client-side.

    ``today`` (UTC by default) decides "overdue"; ``exposed_role_names`` / ``exposed_tags`` / ``plan`` (an
    :class:`~futurevuls_ext.exposure.ExposurePlan` from Inspector findings) widen what counts as exposed
    beyond the external-scan flag and role Exposure ``open``.
    """
    spec = QueueSpec(queue=Queue.parse(queue), exposed_only=exposed_only)
    today = today or utc_today()  # once, so the selection and the result agree across midnight
    index = _index(client, exposed_role_names, exposed_tags, plan)
    listing = tasks_ops.list_tasks(
        status=spec.statuses, priority=priority, cve_id=cve_id, role_id=role_id, server_id=server_id
    )
    items = select(client._shell.paginate(listing), spec, index, today=today)
    return QueueResult(
        queue=spec.queue,
        items=tuple(items),
        exposed_only=exposed_only,
        today=today,
        cve_id=cve_id,
    )


async def triage_queue_async(
    client: AsyncClient,
    queue: Queue | str = Queue.EXPOSED_OVERDUE,
    *,
    cve_id: str | None = None,
    role_id: int | None = None,
    server_id: int | None = None,
    priority: TaskPriority | str | None = None,
    exposed_only: bool = False,
    today: dt.date | None = None,
    exposed_role_names: Iterable[str] = DEFAULT_EXPOSED_ROLE_NAMES,
    exposed_tags: Iterable[str] = (),
    plan: ExposurePlan | None = None,
) -> QueueResult:
    """Async :func:`triage_queue`."""
    spec = QueueSpec(queue=Queue.parse(queue), exposed_only=exposed_only)
    today = today or utc_today()  # once, so the selection and the result agree across midnight
    index = await _index_async(client, exposed_role_names, exposed_tags, plan)
    listing = tasks_ops.list_tasks(
        status=spec.statuses, priority=priority, cve_id=cve_id, role_id=role_id, server_id=server_id
    )
    tasks = [t async for t in client._shell.paginate(listing)]
    items = select(tasks, spec, index, today=today)
    return QueueResult(
        queue=spec.queue,
        items=tuple(items),
        exposed_only=exposed_only,
        today=today,
        cve_id=cve_id,
    )


def _targets(cve_id: str | None, index: ExposureIndex) -> list[str]:
    return [cve_id.strip().upper()] if cve_id is not None else sorted(index.exposed_cves)


def _assemble(
    cves: Sequence[str],
    tasks: Sequence[Task],
    answers: Sequence[TaskDetail | FutureVulsError],
    index: ExposureIndex,
) -> tuple[CveDrillDown, ...]:
    details: dict[int, TaskDetail] = {}
    errors: dict[int, str] = {}
    for task, answer in zip(tasks, answers, strict=True):
        if isinstance(answer, FutureVulsError):
            errors[task.id] = describe_error(answer)
        else:
            details[task.id] = answer
    return tuple(drill_down_cve(c, tasks, details, index, errors=errors) for c in cves)


def drill_down(
    client: Client,
    cve_id: str | None = None,
    *,
    status: StatusArg | None = None,
    include_ignored: bool = False,
    concurrency: int = 8,
    exposed_role_names: Iterable[str] = DEFAULT_EXPOSED_ROLE_NAMES,
    exposed_tags: Iterable[str] = (),
    plan: ExposurePlan | None = None,
) -> tuple[CveDrillDown, ...]:
    """The drill-down of one CVE, or (``cve_id=None``) of every CVE an "exposed externally" result lists.

    One task listing per CVE (``filterCveID``), then the task details (packages, processes) with at most
    ``concurrency`` requests in flight. With ``plan`` (Inspector evidence), each server also shows the
    ports reachable from the internet and which of its listening ports are among them.
    """
    shell = client._shell
    index = _index(client, exposed_role_names, exposed_tags, plan)
    cves = _targets(cve_id, index)
    tasks = [
        t
        for c in cves
        for t in shell.paginate(
            tasks_ops.list_tasks(cve_id=c, status=status, include_ignored=include_ignored)
        )
    ]
    answers = call_many_sync(shell, [tasks_ops.get(t.id) for t in tasks], concurrency=concurrency)
    return _assemble(cves, tasks, answers, index)


async def drill_down_async(
    client: AsyncClient,
    cve_id: str | None = None,
    *,
    status: StatusArg | None = None,
    include_ignored: bool = False,
    concurrency: int = 8,
    exposed_role_names: Iterable[str] = DEFAULT_EXPOSED_ROLE_NAMES,
    exposed_tags: Iterable[str] = (),
    plan: ExposurePlan | None = None,
) -> tuple[CveDrillDown, ...]:
    """Async :func:`drill_down`."""
    shell = client._shell
    index = await _index_async(client, exposed_role_names, exposed_tags, plan)
    cves = _targets(cve_id, index)
    tasks: list[Task] = []
    for c in cves:
        listing = tasks_ops.list_tasks(cve_id=c, status=status, include_ignored=include_ignored)
        tasks += [t async for t in shell.paginate(listing)]
    answers = await call_many_async(shell, [tasks_ops.get(t.id) for t in tasks], concurrency=concurrency)
    return _assemble(cves, tasks, answers, index)


def _update(
    status: TaskStatus | str | NotGiven,
    priority: TaskPriority | str | NotGiven,
    main_user_id: int | NotGiven,
    sub_user_id: int | NotGiven,
    applying_patch_on: dt.date | str | NotGiven,
) -> TaskUpdate:
    return TaskUpdate(
        status=status,
        priority=priority,
        main_user_id=main_user_id,
        sub_user_id=sub_user_id,
        applying_patch_on=applying_patch_on,
    )


def _dry(ids: Sequence[int], update: TaskUpdate) -> BulkUpdateResult:
    return BulkUpdateResult(
        outcomes=tuple(TaskUpdateOutcome(task_id=i, ok=True) for i in ids), update=update, dry_run=True
    )


def bulk_update(
    client: Client,
    tasks: Iterable[Task | TaskDetail | int],
    *,
    status: TaskStatus | str | NotGiven = NOT_GIVEN,
    priority: TaskPriority | str | NotGiven = NOT_GIVEN,
    main_user_id: int | NotGiven = NOT_GIVEN,
    sub_user_id: int | NotGiven = NOT_GIVEN,
    applying_patch_on: dt.date | str | NotGiven = NOT_GIVEN,
    dry_run: bool = False,
    concurrency: int = 8,
) -> BulkUpdateResult:
    """Set the same fields on many tasks (status, priority, assignees, planned patch date).

    Arguments left out are not sent. Every request is validated before the first is sent; failures
    do not stop the others and are reported per task.

    Raises:
        InvalidArgumentError: nothing to set, or an invalid value.
    """
    update = _update(status, priority, main_user_id, sub_user_id, applying_patch_on)
    ids = task_ids(tasks)
    calls = update.calls(ids)
    if dry_run:
        return _dry(ids, update)
    answers = call_many_sync(client._shell, calls, concurrency=concurrency)
    return BulkUpdateResult.from_answers(ids, answers, update)


async def bulk_update_async(
    client: AsyncClient,
    tasks: Iterable[Task | TaskDetail | int],
    *,
    status: TaskStatus | str | NotGiven = NOT_GIVEN,
    priority: TaskPriority | str | NotGiven = NOT_GIVEN,
    main_user_id: int | NotGiven = NOT_GIVEN,
    sub_user_id: int | NotGiven = NOT_GIVEN,
    applying_patch_on: dt.date | str | NotGiven = NOT_GIVEN,
    dry_run: bool = False,
    concurrency: int = 8,
) -> BulkUpdateResult:
    """Async :func:`bulk_update`."""
    update = _update(status, priority, main_user_id, sub_user_id, applying_patch_on)
    ids = task_ids(tasks)
    calls = update.calls(ids)
    if dry_run:
        return _dry(ids, update)
    answers = await call_many_async(client._shell, calls, concurrency=concurrency)
    return BulkUpdateResult.from_answers(ids, answers, update)
