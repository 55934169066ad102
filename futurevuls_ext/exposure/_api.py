"""Thin sync and async shells: list, call the pure core, send the writes with bounded concurrency.

Each public function has a ``_async`` twin taking an :class:`~futurevuls_ext.AsyncClient`; they share
every decision (``_plan``, ``_proposal``, ``_whatif``, ``_moves``, ``_result``) and differ only in how
they send.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .._core.call import Call
from .._exceptions import FutureVulsError
from ..models import Role, Server, Task, TaskDetail
from ..resources import _external_scans_ops as scans_ops
from ..resources import _roles_ops as roles_ops
from ..resources import _servers_ops as servers_ops
from ..resources import _tasks_ops as tasks_ops
from ..resources._tasks_ops import StatusArg
from ..ssvc import GroupSsvcDefaults, RoleSsvcSettings
from ._drive import call_many_async, call_many_sync, describe_error
from ._moves import MoveOutcome, RoleMove, revert_moves
from ._plan import ExposurePlan
from ._proposal import DEFAULT_ROLE_NAME, ExposureProposal
from ._result import ExposureApplyResult, PreparedMoves, prepare_apply
from ._state_file import read_state_file, write_state_file
from ._whatif import WhatIfResult, predict_changes

if TYPE_CHECKING:
    from .._async_client import AsyncClient
    from .._client import Client

__all__ = [
    "apply_exposure",
    "apply_exposure_async",
    "revert_exposure",
    "revert_exposure_async",
    "what_if",
    "what_if_async",
]

StatePath = str | os.PathLike[str]


def _move_calls(moves: Sequence[RoleMove]) -> list[Call[Server]]:
    return [servers_ops.update(m.server_id, role_id=m.to_role_id) for m in moves]


def _record(state_file: StatePath | None, prepared: PreparedMoves, *, overwrite: bool) -> Path | None:
    return None if state_file is None else write_state_file(state_file, prepared.moves, overwrite=overwrite)


def _rewrite(path: Path | None, outcomes: Sequence[MoveOutcome]) -> None:
    if path is not None:
        write_state_file(path, [o for o in outcomes if o.status in {"moved", "failed"}], overwrite=True)


def apply_exposure(
    client: Client,
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
    ``roleID``. With ``state_file``, every move and the
    server's previous role are written there *before* the first move and again after with each
    status; :func:`revert_exposure` undoes them. ``dry_run`` lists the moves and writes nothing.

    Raises:
        ConfigError: a named role does not exist, or the revert file exists / cannot be written.
    """
    shell = client._shell
    roles = list(shell.paginate(roles_ops.list_roles()))
    servers = list(shell.paginate(servers_ops.list_servers()))
    prepared = prepare_apply(
        plan, roles, role_name=role_name, controlled_role_name=controlled_role_name, servers=servers
    )
    if dry_run:
        return prepared.dry_run()
    path = _record(state_file, prepared, overwrite=overwrite_state_file)
    answers = call_many_sync(shell, _move_calls(prepared.moves), concurrency=concurrency)
    result = prepared.finish(answers, path)
    _rewrite(path, result.outcomes)
    return result


async def apply_exposure_async(
    client: AsyncClient,
    plan: ExposurePlan,
    *,
    role_name: str = DEFAULT_ROLE_NAME,
    controlled_role_name: str | None = None,
    dry_run: bool = False,
    state_file: StatePath | None = None,
    overwrite_state_file: bool = False,
    concurrency: int = 8,
) -> ExposureApplyResult:
    """Async :func:`apply_exposure`."""
    shell = client._shell
    roles = [r async for r in shell.paginate(roles_ops.list_roles())]
    servers = [s async for s in shell.paginate(servers_ops.list_servers())]
    prepared = prepare_apply(
        plan, roles, role_name=role_name, controlled_role_name=controlled_role_name, servers=servers
    )
    if dry_run:
        return prepared.dry_run()
    path = _record(state_file, prepared, overwrite=overwrite_state_file)
    answers = await call_many_async(shell, _move_calls(prepared.moves), concurrency=concurrency)
    result = prepared.finish(answers, path)
    _rewrite(path, result.outcomes)
    return result


def _prepare_revert(recorded: Sequence[RoleMove], servers: Sequence[Server], *, force: bool) -> PreparedMoves:
    moves, left = revert_moves(recorded, servers, force=force)
    return PreparedMoves(moves=tuple(moves), known=tuple(left))


def revert_exposure(
    client: Client, state_file: StatePath, *, force: bool = False, dry_run: bool = False, concurrency: int = 8
) -> ExposureApplyResult:
    """Put the servers a revert file records back into their previous roles.

    A server whose role changed since the apply is left alone (``skipped``) unless ``force``.

    Raises:
        ConfigError: the revert file is missing or not a revert file.
    """
    recorded = read_state_file(state_file)
    shell = client._shell
    servers = list(shell.paginate(servers_ops.list_servers()))
    prepared = _prepare_revert(recorded, servers, force=force)
    if dry_run:
        return prepared.dry_run()
    answers = call_many_sync(shell, _move_calls(prepared.moves), concurrency=concurrency)
    return prepared.finish(answers, Path(state_file))


async def revert_exposure_async(
    client: AsyncClient,
    state_file: StatePath,
    *,
    force: bool = False,
    dry_run: bool = False,
    concurrency: int = 8,
) -> ExposureApplyResult:
    """Async :func:`revert_exposure`."""
    recorded = read_state_file(state_file)
    shell = client._shell
    servers = [s async for s in shell.paginate(servers_ops.list_servers())]
    prepared = _prepare_revert(recorded, servers, force=force)
    if dry_run:
        return prepared.dry_run()
    answers = await call_many_async(shell, _move_calls(prepared.moves), concurrency=concurrency)
    return prepared.finish(answers, Path(state_file))


def _given_task_ids(
    tasks: Iterable[Task | TaskDetail | int], after: dict[int, RoleSsvcSettings]
) -> list[int]:
    """IDs of the given tasks that may be affected (plain IDs are kept: their server is not known yet)."""
    out: list[int] = []
    for task in tasks:
        if isinstance(task, int):
            out.append(task)
        elif task.server_id in after:
            out.append(task.id)
    return list(dict.fromkeys(out))


def _split(
    answers: Sequence[TaskDetail | FutureVulsError], ids: Sequence[int]
) -> tuple[list[TaskDetail], dict[int, str]]:
    details: list[TaskDetail] = []
    failed: dict[int, str] = {}
    for task_id, answer in zip(ids, answers, strict=True):
        if isinstance(answer, FutureVulsError):
            failed[task_id] = describe_error(answer)
        else:
            details.append(answer)
    return details, failed


def what_if(
    client: Client,
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
    those tasks' details (the list carries only ``ssvcPriority``) with at most ``concurrency`` requests
    in flight.
    """
    shell = client._shell
    servers = list(shell.paginate(servers_ops.list_servers()))
    roles: list[Role] = list(shell.paginate(roles_ops.list_roles()))
    scans = list(shell.paginate(scans_ops.list_external_scans(client.profile)))
    after = proposal.settings_after(servers, roles)
    if tasks is not None:
        ids = _given_task_ids(tasks, after)
    else:
        ids = [
            t.id
            for server_id in sorted(after)
            for t in shell.paginate(
                tasks_ops.list_tasks(server_id=server_id, status=status, include_ignored=include_ignored)
            )
        ]
    answers = call_many_sync(shell, [tasks_ops.get(i) for i in ids], concurrency=concurrency)
    details, failed = _split(answers, ids)
    return predict_changes(
        details,
        servers=servers,
        roles=roles,
        external_scans=scans,
        after=after,
        defaults=defaults,
        failed=failed,
    )


async def what_if_async(
    client: AsyncClient,
    proposal: ExposureProposal,
    *,
    tasks: Iterable[Task | TaskDetail | int] | None = None,
    status: StatusArg | None = None,
    include_ignored: bool = False,
    defaults: GroupSsvcDefaults | None = None,
    concurrency: int = 8,
) -> WhatIfResult:
    """Async :func:`what_if`."""
    shell = client._shell
    servers = [s async for s in shell.paginate(servers_ops.list_servers())]
    roles = [r async for r in shell.paginate(roles_ops.list_roles())]
    scans = [s async for s in shell.paginate(scans_ops.list_external_scans(client.profile))]
    after = proposal.settings_after(servers, roles)
    if tasks is not None:
        ids = _given_task_ids(tasks, after)
    else:
        ids = []
        for server_id in sorted(after):
            listing = tasks_ops.list_tasks(
                server_id=server_id, status=status, include_ignored=include_ignored
            )
            ids += [t.id async for t in shell.paginate(listing)]
    answers = await call_many_async(shell, [tasks_ops.get(i) for i in ids], concurrency=concurrency)
    details, failed = _split(answers, ids)
    return predict_changes(
        details,
        servers=servers,
        roles=roles,
        external_scans=scans,
        after=after,
        defaults=defaults,
        failed=failed,
    )
