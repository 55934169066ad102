"""The exposure workflows as programs (see :mod:`futurevuls_ext._core.program`): list, decide, send.

Every decision is in the pure modules (``_plan``, ``_proposal``, ``_whatif``, ``_moves``, ``_result``);
these programs only say what to fetch and what to send. ``client.exposure`` and
``async_client.exposure`` run them (:mod:`._namespace`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from .._batch import describe_error
from .._core.call import Call
from .._core.program import Program, blocking, each, list_all
from .._exceptions import FutureVulsError
from ..models import Server, Task, TaskDetail
from ..profile import ApiProfile
from ..resources import calls
from ..resources.calls import StatusArg
from ..ssvc import GroupSsvcDefaults, RoleSsvcSettings
from ._moves import RoleMove, revert_moves
from ._plan import ExposurePlan, FindingsSource, load_findings, plan_exposure
from ._proposal import ExposureProposal
from ._result import ExposureApplyResult, PreparedMoves, prepare_apply
from ._state_file import read_state_file, write_state_file
from ._whatif import WhatIfResult, predict_changes

__all__ = ["StatePath", "apply", "plan", "revert", "what_if"]

StatePath = str | os.PathLike[str]


def plan(profile: ApiProfile, findings: FindingsSource, *, external_scans: bool) -> Program[ExposurePlan]:
    """Parse the findings (off the event loop), list the servers (and results), decide."""
    loaded = yield from blocking(lambda: load_findings(findings))
    servers = yield from list_all(calls.servers.list_servers())
    scans = (
        (yield from list_all(calls.external_scans.list_external_scans(profile))) if external_scans else None
    )
    return plan_exposure(loaded, servers, external_scans=scans)


def _move_calls(moves: Sequence[RoleMove]) -> list[Call[Server]]:
    return [calls.servers.update(m.server_id, role_id=m.to_role_id) for m in moves]


def _send_moves(prepared: PreparedMoves, concurrency: int) -> Program[list[Server | FutureVulsError]]:
    return (yield from each(_move_calls(prepared.moves), concurrency=concurrency))


def apply(
    plan: ExposurePlan,
    *,
    role_name: str,
    controlled_role_name: str | None,
    dry_run: bool,
    state_file: StatePath | None,
    overwrite_state_file: bool,
    concurrency: int,
) -> Program[ExposureApplyResult]:
    """List roles and servers again, prepare the moves, record them, send them, record the outcome."""
    roles = yield from list_all(calls.roles.list_roles())
    servers = yield from list_all(calls.servers.list_servers())
    prepared = prepare_apply(
        plan, roles, role_name=role_name, controlled_role_name=controlled_role_name, servers=servers
    )
    if dry_run:
        return prepared.dry_run()
    path = None
    if state_file is not None:
        path = write_state_file(state_file, prepared.moves, overwrite=overwrite_state_file)
    answers = yield from _send_moves(prepared, concurrency)
    result = prepared.finish(answers, path)
    if path is not None:
        kept = [o for o in result.outcomes if o.status in {"moved", "failed"}]
        write_state_file(path, kept, overwrite=True)
    return result


def revert(
    state_file: StatePath, *, force: bool, dry_run: bool, concurrency: int
) -> Program[ExposureApplyResult]:
    """Read the revert file, list the servers, move back those still where the apply put them."""
    recorded = read_state_file(state_file)
    servers = yield from list_all(calls.servers.list_servers())
    moves, left = revert_moves(recorded, servers, force=force)
    prepared = PreparedMoves(moves=tuple(moves), known=tuple(left))
    if dry_run:
        return prepared.dry_run()
    answers = yield from _send_moves(prepared, concurrency)
    return prepared.finish(answers, Path(state_file))


def _given_task_ids(
    tasks: Iterable[Task | TaskDetail | int], after: dict[int, RoleSsvcSettings]
) -> list[int]:
    """IDs of the given tasks that may be affected (plain IDs are kept: their server is not known yet)."""
    out = [t if isinstance(t, int) else t.id for t in tasks if isinstance(t, int) or t.server_id in after]
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
    profile: ApiProfile,
    proposal: ExposureProposal,
    *,
    tasks: Iterable[Task | TaskDetail | int] | None,
    status: StatusArg | None,
    include_ignored: bool,
    defaults: GroupSsvcDefaults | None,
    concurrency: int,
) -> Program[WhatIfResult]:
    """List servers, roles, results and the affected tasks; fetch their details; predict locally."""
    servers = yield from list_all(calls.servers.list_servers())
    roles = yield from list_all(calls.roles.list_roles())
    scans = yield from list_all(calls.external_scans.list_external_scans(profile))
    after = proposal.settings_after(servers, roles)
    if tasks is not None:
        ids = _given_task_ids(tasks, after)
    else:
        ids = []
        for server_id in sorted(after):
            listing = calls.tasks.list_tasks(
                server_id=server_id, status=status, include_ignored=include_ignored
            )
            ids += [t.id for t in (yield from list_all(listing))]
    answers = yield from each([calls.tasks.get(i) for i in ids], concurrency=concurrency)
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
