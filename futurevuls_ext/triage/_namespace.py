"""``client.triage`` and ``async_client.triage``: three methods written once, run or awaited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .._core.program import Program
from .._workflow import AsyncNamespace, SyncNamespace, workflow
from ..exposure import ExposurePlan
from ..models import Task, TaskDetail, TaskPriority, TaskStatus
from ..profile import ApiProfile
from ..resources.calls import NOT_GIVEN, NotGiven, StatusArg
from . import _programs as programs
from ._bulk import BulkUpdateResult, TaskUpdate
from ._drill import CveDrillDown
from ._exposed import DEFAULT_EXPOSED_ROLE_NAMES
from ._programs import Exposed, QueueResult
from ._queues import Queue, QueueSpec

__all__ = ["AsyncTriage", "Triage", "TriageMethods"]


def _exposed(names: Iterable[str], tags: Iterable[str], plan: ExposurePlan | None) -> Exposed:
    return Exposed(role_names=tuple(names), tags=tuple(tags), plan=plan)


class TriageMethods:
    """The methods of ``client.triage`` (see :class:`Triage`); each builds its workflow's program."""

    _profile: ApiProfile

    @workflow
    def drill(
        self,
        cve_id: str | None = None,
        *,
        status: StatusArg | None = None,
        include_ignored: bool = False,
        concurrency: int = 8,
        exposed_role_names: Iterable[str] = DEFAULT_EXPOSED_ROLE_NAMES,
        exposed_tags: Iterable[str] = (),
        plan: ExposurePlan | None = None,
    ) -> Program[tuple[CveDrillDown, ...]]:
        """The drill-down of one CVE, or (``cve_id=None``) of every CVE an "exposed externally" result lists.

        One task listing per CVE (``filterCveID``), then the task details (packages, processes) with at
        most ``concurrency`` requests in flight. With ``plan`` (Inspector evidence), each server also
        shows the ports reachable from the internet and which of its listening ports are among them.
        """
        exposed = _exposed(exposed_role_names, exposed_tags, plan)
        return programs.drill(
            self._profile,
            cve_id,
            status=status,
            include_ignored=include_ignored,
            concurrency=concurrency,
            exposed=exposed,
        )

    @workflow
    def queue(
        self,
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
    ) -> Program[QueueResult]:
        """One of the article's queues (see :class:`Queue`); server-side filters first, then client-side.

        ``today`` (UTC by default) decides "overdue"; ``exposed_role_names`` / ``exposed_tags`` / ``plan``
        (an :class:`~futurevuls_ext.exposure.ExposurePlan` from Inspector findings) widen what counts as
        exposed beyond the external-scan flag and role Exposure ``open``.
        """
        return programs.queue(
            self._profile,
            QueueSpec(queue=Queue.parse(queue), exposed_only=exposed_only),
            cve_id=cve_id,
            role_id=role_id,
            server_id=server_id,
            priority=priority,
            today=today,
            exposed=_exposed(exposed_role_names, exposed_tags, plan),
        )

    @workflow
    def bulk_update(
        self,
        tasks: Iterable[Task | TaskDetail | int],
        *,
        status: TaskStatus | str | NotGiven = NOT_GIVEN,
        priority: TaskPriority | str | NotGiven = NOT_GIVEN,
        main_user_id: int | NotGiven = NOT_GIVEN,
        sub_user_id: int | NotGiven = NOT_GIVEN,
        applying_patch_on: dt.date | str | NotGiven = NOT_GIVEN,
        dry_run: bool = False,
        concurrency: int = 8,
    ) -> Program[BulkUpdateResult]:
        """Set the same fields on many tasks (status, priority, assignees, planned patch date).

        Arguments left out are not sent. Every request is validated before the first is sent; failures
        do not stop the others and are reported per task.

        Raises:
            InvalidArgumentError: nothing to set, or an invalid value.
        """
        update = TaskUpdate(
            status=status,
            priority=priority,
            main_user_id=main_user_id,
            sub_user_id=sub_user_id,
            applying_patch_on=applying_patch_on,
        )
        return programs.bulk_update(tasks, update, dry_run=dry_run, concurrency=concurrency)


class Triage(SyncNamespace, TriageMethods):
    """From "this CVE is exposed" down to server, package and port; the queues; bulk updates."""


class AsyncTriage(AsyncNamespace, TriageMethods):
    """``async_client.triage``: the methods of :class:`Triage`, awaited."""
