"""``client.exposure`` and ``async_client.exposure``: the same four methods, run or awaited."""

from __future__ import annotations

from collections.abc import Iterable

from .._core.program import AsyncRunner, SyncRunner
from .._keywords import checked_keywords
from ..models import Task, TaskDetail
from ..resources.calls import StatusArg
from ..ssvc import GroupSsvcDefaults
from . import _programs as programs
from ._plan import ExposurePlan, FindingsSource
from ._programs import StatePath
from ._proposal import DEFAULT_ROLE_NAME, ExposureProposal
from ._result import ExposureApplyResult
from ._whatif import WhatIfResult

__all__ = ["AsyncExposure", "Exposure"]


class Exposure:
    """SSVC exposure from evidence: ``plan``, ``what_if``, ``apply``, ``revert`` (``client.exposure``)."""

    def __init__(self, runner: SyncRunner) -> None:
        self._runner = runner

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"

    @checked_keywords
    def plan(self, findings: FindingsSource, *, external_scans: bool = False) -> ExposurePlan:
        """Decide open / controlled / no change for every server the evidence covers; writes nothing.

        Args:
            findings: an Amazon Inspector findings file (path or binary stream), a parsed
                :class:`~futurevuls_ext.parsers.ScanReport`, or
                :class:`~futurevuls_ext.parsers.Reachability` records.
            external_scans: also list the external scan results: a server with an "exposed
                externally" result listing CVEs is open, whatever Inspector says.

        Returns:
            An :class:`ExposurePlan` in server-ID order (the pure core is :func:`plan_exposure`).
        """
        return self._runner.run(programs.plan(self._runner.profile, findings, external_scans=external_scans))

    @checked_keywords
    def what_if(
        self,
        proposal: ExposureProposal,
        *,
        tasks: Iterable[Task | TaskDetail | int] | None = None,
        status: StatusArg | None = None,
        include_ignored: bool = False,
        defaults: GroupSsvcDefaults | None = None,
        concurrency: int = 8,
    ) -> WhatIfResult:
        """Which tasks would change SSVC priority under ``proposal``; computed locally, nothing is written.

        Lists servers, roles and external scan results; then the tasks of the affected servers (or only
        ``tasks`` when given; ``status`` / ``include_ignored`` as in ``client.tasks.list``); then fetches
        those tasks' details (the list carries only ``ssvcPriority``) with at most ``concurrency``
        requests in flight.
        """
        program = programs.what_if(
            self._runner.profile,
            proposal,
            tasks=tasks,
            status=status,
            include_ignored=include_ignored,
            defaults=defaults,
            concurrency=concurrency,
        )
        return self._runner.run(program)

    @checked_keywords
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
    ) -> ExposureApplyResult:
        """Move the plan's open servers into ``role_name`` (controlled ones into ``controlled_role_name``).

        The servers are listed again first: each move starts from the server's current role, and a
        server deleted since the plan is ``skipped``. Each move is ``PUT /v1/server/{id}`` with
        ``roleID``. With ``state_file``, every move and the server's previous role are written there
        *before* the first move and again after with each status; :meth:`revert` undoes them.
        ``dry_run`` lists the moves and writes nothing.

        Raises:
            ConfigError: a named role does not exist, or the revert file exists / cannot be written.
        """
        program = programs.apply(
            plan,
            role_name=role_name,
            controlled_role_name=controlled_role_name,
            dry_run=dry_run,
            state_file=state_file,
            overwrite_state_file=overwrite_state_file,
            concurrency=concurrency,
        )
        return self._runner.run(program)

    @checked_keywords
    def revert(
        self, state_file: StatePath, *, force: bool = False, dry_run: bool = False, concurrency: int = 8
    ) -> ExposureApplyResult:
        """Put the servers a revert file records back into their previous roles.

        A server whose role changed since the apply is left alone (``skipped``) unless ``force``.

        Raises:
            ConfigError: the revert file is missing or not a revert file.
        """
        program = programs.revert(state_file, force=force, dry_run=dry_run, concurrency=concurrency)
        return self._runner.run(program)


class AsyncExposure:
    """``async_client.exposure``: the methods of :class:`Exposure`, awaited."""

    def __init__(self, runner: AsyncRunner) -> None:
        self._runner = runner

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"

    @checked_keywords
    async def plan(self, findings: FindingsSource, *, external_scans: bool = False) -> ExposurePlan:
        """Awaited :meth:`Exposure.plan` (the findings are parsed in a worker thread)."""
        return await self._runner.run(
            programs.plan(self._runner.profile, findings, external_scans=external_scans)
        )

    @checked_keywords
    async def what_if(
        self,
        proposal: ExposureProposal,
        *,
        tasks: Iterable[Task | TaskDetail | int] | None = None,
        status: StatusArg | None = None,
        include_ignored: bool = False,
        defaults: GroupSsvcDefaults | None = None,
        concurrency: int = 8,
    ) -> WhatIfResult:
        """Awaited :meth:`Exposure.what_if`."""
        program = programs.what_if(
            self._runner.profile,
            proposal,
            tasks=tasks,
            status=status,
            include_ignored=include_ignored,
            defaults=defaults,
            concurrency=concurrency,
        )
        return await self._runner.run(program)

    @checked_keywords
    async def apply(
        self,
        plan: ExposurePlan,
        *,
        role_name: str = DEFAULT_ROLE_NAME,
        controlled_role_name: str | None = None,
        dry_run: bool = False,
        state_file: StatePath | None = None,
        overwrite_state_file: bool = False,
        concurrency: int = 8,
    ) -> ExposureApplyResult:
        """Awaited :meth:`Exposure.apply`."""
        program = programs.apply(
            plan,
            role_name=role_name,
            controlled_role_name=controlled_role_name,
            dry_run=dry_run,
            state_file=state_file,
            overwrite_state_file=overwrite_state_file,
            concurrency=concurrency,
        )
        return await self._runner.run(program)

    @checked_keywords
    async def revert(
        self, state_file: StatePath, *, force: bool = False, dry_run: bool = False, concurrency: int = 8
    ) -> ExposureApplyResult:
        """Awaited :meth:`Exposure.revert`."""
        program = programs.revert(state_file, force=force, dry_run=dry_run, concurrency=concurrency)
        return await self._runner.run(program)
