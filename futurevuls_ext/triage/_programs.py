"""The triage workflows as programs (see :mod:`futurevuls_ext._core.program`): list, decide, send.

Server-side filters go to the API; the rest is decided by the pure modules (``_queues``, ``_drill``,
``_bulk``). ``client.triage`` and ``async_client.triage`` run these (:mod:`._namespace`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs

from .._batch import describe_error
from .._core.program import Program, each, list_all
from .._exceptions import FutureVulsError
from .._export import ToDict, dict_entry
from ..exposure import ExposurePlan
from ..models import Task, TaskDetail, TaskPriority
from ..profile import ApiProfile
from ..resources import calls
from ..resources.calls import StatusArg
from ._bulk import BulkUpdateResult, TaskUpdate, TaskUpdateOutcome, task_ids
from ._drill import CveDrillDown, drill_down_cve
from ._exposed import ExposureIndex
from ._queues import Queue, QueueItem, QueueSpec, select

__all__ = ["Exposed", "QueueResult", "bulk_update", "drill", "queue", "utc_today"]


def utc_today() -> dt.date:
    """Today in UTC (the API's dates are UTC)."""
    return dt.datetime.now(dt.UTC).date()


@attrs.frozen(kw_only=True)
class QueueResult(ToDict):
    """A triage queue: its items (task + why exposed), and the filters that made it."""

    queue: Queue
    items: tuple[QueueItem, ...] = attrs.field(metadata=dict_entry(key="tasks"))
    exposed_only: bool = False
    today: dt.date
    cve_id: str | None = None

    _dict_keys = ("queue", "exposed_only", "cve_id", "today", "count", "items")

    @property
    def count(self) -> int:
        """How many tasks the queue holds."""
        return len(self.items)

    @property
    def tasks(self) -> tuple[Task, ...]:
        """The tasks, for ``bulk_update``."""
        return tuple(i.task for i in self.items)


@attrs.frozen(kw_only=True)
class Exposed:
    """What counts as exposed beyond the external-scan flag and role Exposure ``open``."""

    role_names: tuple[str, ...]
    tags: tuple[str, ...]
    plan: ExposurePlan | None


def _index(profile: ApiProfile, exposed: Exposed) -> Program[ExposureIndex]:
    servers = yield from list_all(calls.servers.list_servers())
    roles = yield from list_all(calls.roles.list_roles())
    scans = yield from list_all(calls.external_scans.list_external_scans(profile))
    return ExposureIndex.build(
        servers,
        roles,
        scans,
        exposed_role_names=exposed.role_names,
        exposed_tags=exposed.tags,
        plan=exposed.plan,
    )


def queue(
    profile: ApiProfile,
    spec: QueueSpec,
    *,
    cve_id: str | None,
    role_id: int | None,
    server_id: int | None,
    priority: TaskPriority | str | None,
    today: dt.date | None,
    exposed: Exposed,
) -> Program[QueueResult]:
    """List what decides "exposed", then the queue's tasks (server-side filters), then select."""
    today = today or utc_today()  # once, so the selection and the result agree across midnight
    index = yield from _index(profile, exposed)
    listing = calls.tasks.list_tasks(
        status=spec.statuses, priority=priority, cve_id=cve_id, role_id=role_id, server_id=server_id
    )
    tasks = yield from list_all(listing)
    items = select(tasks, spec, index, today=today)
    return QueueResult(
        queue=spec.queue, items=tuple(items), exposed_only=spec.exposed_only, today=today, cve_id=cve_id
    )


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


def drill(
    profile: ApiProfile,
    cve_id: str | None,
    *,
    status: StatusArg | None,
    include_ignored: bool,
    concurrency: int,
    exposed: Exposed,
) -> Program[tuple[CveDrillDown, ...]]:
    """One task listing per CVE, then the task details with bounded concurrency."""
    index = yield from _index(profile, exposed)
    cves = [cve_id.strip().upper()] if cve_id is not None else sorted(index.exposed_cves)
    tasks: list[Task] = []
    for cve in cves:
        tasks += yield from list_all(
            calls.tasks.list_tasks(cve_id=cve, status=status, include_ignored=include_ignored)
        )
    answers = yield from each([calls.tasks.get(t.id) for t in tasks], concurrency=concurrency)
    return _assemble(cves, tasks, answers, index)


def bulk_update(
    tasks: Iterable[Task | TaskDetail | int], update: TaskUpdate, *, dry_run: bool, concurrency: int
) -> Program[BulkUpdateResult]:
    """Build (and so validate) every update first, then send them with bounded concurrency."""
    ids = task_ids(tasks)
    update_calls = update.calls(ids)
    if dry_run:
        outcomes = tuple(TaskUpdateOutcome(task_id=i, ok=True) for i in ids)
        return BulkUpdateResult(outcomes=outcomes, update=update, dry_run=True)
    answers = yield from each(update_calls, concurrency=concurrency)
    return BulkUpdateResult.from_answers(ids, answers, update)
