"""Role moves: what applying a plan (or reverting it) changes, and what each move did (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from .._export import ToDict, dict_entry
from ..models import Role, Server
from ..ssvc import Exposure
from ._plan import ExposurePlan

__all__ = ["MoveOutcome", "MoveStatus", "RoleMove", "moves_for_plan", "revert_moves"]

MoveStatus = Literal["moved", "planned", "unchanged", "skipped", "failed"]


@attrs.frozen(kw_only=True)
class RoleMove(ToDict):
    """Moving one server from one role to another (``PUT /v1/server/{id}`` with ``roleID``)."""

    server_id: int
    server_name: str | None
    from_role_id: int | None
    from_role_name: str | None
    to_role_id: int
    to_role_name: str | None
    exposure: Exposure | None = None
    reason: str = ""


@attrs.frozen(kw_only=True)
class MoveOutcome(ToDict):
    """What happened to one server.

    ``status``: ``moved`` (done), ``planned`` (dry run), ``unchanged`` (already in the target role),
    ``skipped`` (not moved on purpose, see ``error``), ``failed`` (the API refused; see ``error``).
    """

    move: RoleMove = attrs.field(metadata=dict_entry(flat=True))
    status: MoveStatus
    error: str | None = None


def moves_for_plan(
    plan: ExposurePlan,
    *,
    open_role: Role,
    controlled_role: Role | None = None,
    servers: Sequence[Server] | None = None,
) -> tuple[list[RoleMove], list[MoveOutcome]]:
    """The moves applying ``plan`` needs, and the servers already where they belong (``unchanged``).

    Open servers go to ``open_role``; controlled servers go to ``controlled_role`` when given, else
    stay; servers without a path stay. With ``servers`` (a fresh listing), each move starts from the
    server's role *now* (so the revert file records the right previous role) and servers deleted since
    the plan are ``skipped``.
    """
    now = None if servers is None else {s.id: s for s in servers}
    moves: list[RoleMove] = []
    already: list[MoveOutcome] = []
    for decision in plan.decisions:
        target = open_role if decision.exposure is Exposure.OPEN else None
        if decision.exposure is Exposure.CONTROLLED:
            target = controlled_role
        if target is None:
            continue
        role_id, role_name = decision.role_id, decision.role_name
        current = None if now is None else now.get(decision.server_id)
        if current is not None:
            role_id, role_name = current.serverrole_id, current.serverrole_name
        move = RoleMove(
            server_id=decision.server_id,
            server_name=decision.server_name,
            from_role_id=role_id,
            from_role_name=role_name,
            to_role_id=target.id,
            to_role_name=target.name,
            exposure=decision.exposure,
            reason=decision.reason,
        )
        if now is not None and current is None:
            already.append(MoveOutcome(move=move, status="skipped", error="the server no longer exists"))
        elif role_id == target.id:
            already.append(MoveOutcome(move=move, status="unchanged"))
        else:
            moves.append(move)
    return moves, already


def revert_moves(
    recorded: Iterable[RoleMove], servers: Sequence[Server], *, force: bool = False
) -> tuple[list[RoleMove], list[MoveOutcome]]:
    """The moves that put recorded servers back into their previous roles, and those left alone.

    A server is moved back only when it is still in the role the apply put it in (unless ``force``):
    a role changed by someone since then is not overwritten. Deleted servers are skipped.
    """
    now = {s.id: s for s in servers}
    moves: list[RoleMove] = []
    left: list[MoveOutcome] = []
    for entry in recorded:
        if entry.from_role_id is None:
            error = "the role the server came from is unknown (the server answer had no role)"
            left.append(MoveOutcome(move=entry, status="skipped", error=error))
            continue
        back = RoleMove(
            server_id=entry.server_id,
            server_name=entry.server_name,
            from_role_id=entry.to_role_id,
            from_role_name=entry.to_role_name,
            to_role_id=entry.from_role_id,
            to_role_name=entry.from_role_name,
            exposure=None,
            reason="revert",
        )
        server = now.get(entry.server_id)
        if server is None:
            left.append(MoveOutcome(move=back, status="skipped", error="the server no longer exists"))
        elif server.serverrole_id == entry.from_role_id:
            left.append(MoveOutcome(move=back, status="unchanged"))
        elif server.serverrole_id != entry.to_role_id and not force:
            left.append(
                MoveOutcome(
                    move=back,
                    status="skipped",
                    error=f"the server is now in role {server.serverrole_name!r} ({server.serverrole_id}), "
                    f"not {entry.to_role_name!r}: changed since; use force to move it back anyway",
                )
            )
        else:
            moves.append(
                attrs.evolve(back, from_role_id=server.serverrole_id, from_role_name=server.serverrole_name)
            )
    return moves, left
