"""Applying or reverting role moves: preparation and outcome (pure); the shells only send."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import attrs

from .._batch import describe_error
from .._exceptions import FutureVulsError
from .._export import ToDict
from ..models import Role, Server
from ..ssvc import Exposure
from ._moves import MoveOutcome, RoleMove, moves_for_plan
from ._plan import ExposurePlan
from ._proposal import find_role

__all__ = ["ExposureApplyResult", "PreparedMoves", "prepare_apply"]


@attrs.frozen(kw_only=True)
class ExposureApplyResult(ToDict):
    """What an apply (or revert) did, server by server.

    Attributes:
        outcomes: one per server considered, in server-ID order.
        dry_run: True when nothing was written (statuses are ``planned``).
        state_file: the revert file written, if any.
        warnings: e.g. a target role whose SSVC Exposure is not the one the move is meant to give.
    """

    dry_run: bool = False
    state_file: Path | None = None
    outcomes: tuple[MoveOutcome, ...]
    warnings: tuple[str, ...] = ()

    def _with(self, status: str) -> tuple[MoveOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == status)

    @property
    def moved(self) -> tuple[MoveOutcome, ...]:
        """Servers moved."""
        return self._with("moved")

    @property
    def planned(self) -> tuple[MoveOutcome, ...]:
        """Servers a dry run would move."""
        return self._with("planned")

    @property
    def failed(self) -> tuple[MoveOutcome, ...]:
        """Servers the API refused to move (``error`` says why)."""
        return self._with("failed")

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.failed


@attrs.frozen(kw_only=True)
class PreparedMoves:
    """Moves to send and outcomes already known (unchanged / skipped servers)."""

    moves: tuple[RoleMove, ...]
    known: tuple[MoveOutcome, ...] = ()
    warnings: tuple[str, ...] = ()

    def dry_run(self) -> ExposureApplyResult:
        """The result of a dry run: every move ``planned``."""
        planned = [MoveOutcome(move=m, status="planned") for m in self.moves]
        return ExposureApplyResult(
            outcomes=_sorted([*planned, *self.known]), dry_run=True, warnings=self.warnings
        )

    def outcomes(self, answers: Sequence[Server | FutureVulsError]) -> tuple[MoveOutcome, ...]:
        """Each move's outcome from its answer (the updated server, or the error), plus the known ones."""
        done = [
            MoveOutcome(move=m, status="failed", error=describe_error(a))
            if isinstance(a, FutureVulsError)
            else MoveOutcome(move=m, status="moved")
            for m, a in zip(self.moves, answers, strict=True)
        ]
        return _sorted([*done, *self.known])

    def finish(
        self, answers: Sequence[Server | FutureVulsError], state_file: Path | None
    ) -> ExposureApplyResult:
        """The result after sending."""
        return ExposureApplyResult(
            outcomes=self.outcomes(answers), state_file=state_file, warnings=self.warnings
        )


def _sorted(items: Sequence[MoveOutcome]) -> tuple[MoveOutcome, ...]:
    return tuple(sorted(items, key=lambda o: o.move.server_id))


def _role_warning(role: Role, wanted: Exposure) -> list[str]:
    have = role.ssvc.exposure
    if have is wanted:
        return []
    said = "no Exposure" if have is None else f"Exposure {have.value!r}"
    return [
        f"role {role.name!r} has {said}, not {wanted.value!r}: servers moved there will not be rated "
        f"{wanted.value!r} until the role's SSVC Exposure is set (FutureVuls web console, or "
        "client.roles.update(..., ssvc=RoleSsvcSettings(exposure=...)))"
    ]


def prepare_apply(
    plan: ExposurePlan,
    roles: Sequence[Role],
    *,
    role_name: str,
    controlled_role_name: str | None,
    servers: Sequence[Server] | None = None,
) -> PreparedMoves:
    """Resolve the target roles by name and list the moves.

    With ``servers`` (a fresh listing) each move starts from the server's current role.

    Raises:
        ConfigError: a named role does not exist.
    """
    open_role = find_role(roles, role_name)
    controlled_role = None if controlled_role_name is None else find_role(roles, controlled_role_name)
    warnings = list(plan.warnings)
    if plan.open:
        warnings += _role_warning(open_role, Exposure.OPEN)
    if controlled_role is not None and plan.controlled:
        warnings += _role_warning(controlled_role, Exposure.CONTROLLED)
    moves, known = moves_for_plan(plan, open_role=open_role, controlled_role=controlled_role, servers=servers)
    return PreparedMoves(moves=tuple(moves), known=tuple(known), warnings=tuple(warnings))
