"""``client.exposure`` and ``async_client.exposure``: four methods written once, run or awaited."""

from __future__ import annotations

from collections.abc import Iterable

from .._core.program import Program
from .._workflow import AsyncNamespace, SyncNamespace, workflow
from ..models import Task, TaskDetail
from ..profile import ApiProfile
from ..resources.calls import StatusArg
from ..ssvc import GroupSsvcDefaults
from . import _programs as programs
from ._plan import ExposurePlan, FindingsSource
from ._programs import StatePath
from ._proposal import DEFAULT_ROLE_NAME, ExposureProposal
from ._result import ExposureApplyResult
from ._whatif import WhatIfResult

__all__ = ["AsyncExposure", "Exposure", "ExposureMethods"]


class ExposureMethods:
    """The methods of ``client.exposure`` (see :class:`Exposure`); each builds its workflow's program."""

    _profile: ApiProfile

    @workflow
    def plan(self, findings: FindingsSource, *, external_scans: bool = False) -> Program[ExposurePlan]:
        """Decide open / controlled / no change for every server the evidence covers; writes nothing.

        Args:
            findings: an Amazon Inspector findings file (path or binary stream, parsed in a worker
                thread under ``AsyncClient``), a parsed :class:`~futurevuls_ext.parsers.ScanReport`, or
                :class:`~futurevuls_ext.parsers.Reachability` records.
            external_scans: also list the external scan results: a server with an "exposed
                externally" result listing CVEs is open, whatever Inspector says.

        Returns:
            An :class:`ExposurePlan` in server-ID order (the pure core is :func:`plan_exposure`).
        """
        return programs.plan(self._profile, findings, external_scans=external_scans)

    @workflow
    def what_if(
        self,
        proposal: ExposureProposal,
        *,
        tasks: Iterable[Task | TaskDetail | int] | None = None,
        status: StatusArg | None = None,
        include_ignored: bool = False,
        defaults: GroupSsvcDefaults | None = None,
        concurrency: int = 8,
    ) -> Program[WhatIfResult]:
        """Which tasks would change SSVC priority under ``proposal``; computed locally, nothing is written.

        Lists servers, roles and external scan results; then the tasks of the affected servers (or only
        ``tasks`` when given; ``status`` / ``include_ignored`` as in ``client.tasks.list``); then fetches
        those tasks' details (the list carries only ``ssvcPriority``) with at most ``concurrency``
        requests in flight.
        """
        return programs.what_if(
            self._profile,
            proposal,
            tasks=tasks,
            status=status,
            include_ignored=include_ignored,
            defaults=defaults,
            concurrency=concurrency,
        )

    @workflow
    def apply(
        self,
        plan: ExposurePlan,
        *,
        role_name: str = DEFAULT_ROLE_NAME,
        controlled_role_name: str | None = None,
        dry_run: bool = False,
        state_file: StatePath | None = None,
        overwrite_state_file: bool = False,
        concurrency: int = 8,
    ) -> Program[ExposureApplyResult]:
        """Move the plan's open servers into ``role_name`` (controlled ones into ``controlled_role_name``).

        The servers are listed again first: each move starts from the server's current role, and a
        server deleted since the plan is ``skipped``. Each move is ``PUT /v1/server/{id}`` with
        ``roleID``. With ``state_file``, every move and the server's previous role are written there
        *before* the first move and again after with each status; :meth:`revert` undoes them.
        ``dry_run`` lists the moves and writes nothing.

        Raises:
            ConfigError: a named role does not exist, or the revert file exists / cannot be written.
        """
        return programs.apply(
            plan,
            role_name=role_name,
            controlled_role_name=controlled_role_name,
            dry_run=dry_run,
            state_file=state_file,
            overwrite_state_file=overwrite_state_file,
            concurrency=concurrency,
        )

    @workflow
    def revert(
        self, state_file: StatePath, *, force: bool = False, dry_run: bool = False, concurrency: int = 8
    ) -> Program[ExposureApplyResult]:
        """Put the servers a revert file records back into their previous roles.

        A server whose role changed since the apply is left alone (``skipped``) unless ``force``.

        Raises:
            ConfigError: the revert file is missing or not a revert file.
        """
        return programs.revert(state_file, force=force, dry_run=dry_run, concurrency=concurrency)


class Exposure(SyncNamespace, ExposureMethods):
    """SSVC exposure from evidence: ``plan``, ``what_if``, ``apply``, ``revert`` (``client.exposure``)."""


class AsyncExposure(AsyncNamespace, ExposureMethods):
    """``async_client.exposure``: the methods of :class:`Exposure`, awaited."""
