"""A proposed exposure change, and the SSVC role settings each affected server would have (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from .._exceptions import ConfigError
from ..models import Role, Server
from ..ssvc import Exposure, RoleSsvcSettings
from ._plan import ExposurePlan

__all__ = ["DEFAULT_ROLE_NAME", "ExposureProposal", "find_role"]

DEFAULT_ROLE_NAME = "Internet-Facing"


def find_role(roles: Iterable[Role], role: int | str) -> Role:
    """The role with this ID or (exact) name.

    Raises:
        ConfigError: when no role matches; FutureVuls' API cannot create roles, so the message says to
            create it in the web console.
    """
    items = list(roles)
    for item in items:
        if (isinstance(role, int) and item.id == role) or (isinstance(role, str) and item.name == role):
            return item
    names = ", ".join(repr(r.name) for r in items) or "none"
    raise ConfigError(
        f"role {role!r} does not exist in this group (roles: {names}); create it in the FutureVuls web "
        "console (the API has no role creation) and set its SSVC Exposure there"
    )


def _exposure_map(server_ids: Iterable[int], exposure: Exposure | str) -> dict[int, Exposure]:
    value = Exposure.parse(exposure)
    return dict.fromkeys(server_ids, value)


@attrs.frozen(kw_only=True)
class ExposureProposal:
    """Changes to try in a what-if; combine several with ``|``.

    Attributes:
        role_exposure: role ID or name -> the Exposure the role would have.
        server_exposure: server ID -> the Exposure the server would have (its role's human impact stays).
        server_moves: server ID -> the role (ID or name) the server would move to, with that role's
            SSVC settings.
    """

    role_exposure: Mapping[int | str, Exposure] = attrs.field(factory=dict)
    server_exposure: Mapping[int, Exposure] = attrs.field(factory=dict)
    server_moves: Mapping[int, int | str] = attrs.field(factory=dict)

    @classmethod
    def set_role_exposure(cls, role: int | str, exposure: Exposure | str) -> ExposureProposal:
        """Every server of ``role`` (ID or name) as if the role's Exposure were ``exposure``."""
        return cls(role_exposure={role: Exposure.parse(exposure)})

    @classmethod
    def set_server_exposure(cls, server_ids: Iterable[int], exposure: Exposure | str) -> ExposureProposal:
        """These servers as if their Exposure were ``exposure`` (human impact unchanged)."""
        return cls(server_exposure=_exposure_map(server_ids, exposure))

    @classmethod
    def move_servers(cls, server_ids: Iterable[int], role: int | str) -> ExposureProposal:
        """These servers as if moved into ``role`` (ID or name): they take all its SSVC settings."""
        return cls(server_moves=dict.fromkeys(server_ids, role))

    @classmethod
    def from_plan(
        cls,
        plan: ExposurePlan,
        *,
        role_name: str = DEFAULT_ROLE_NAME,
        controlled_role_name: str | None = None,
    ) -> ExposureProposal:
        """What applying ``plan`` would do.

        Open servers move into ``role_name``, controlled ones into ``controlled_role_name`` when given.
        """
        moves: dict[int, int | str] = {d.server_id: role_name for d in plan.open}
        if controlled_role_name is not None:
            moves.update({d.server_id: controlled_role_name for d in plan.controlled})
        return cls(server_moves=moves)

    def __or__(self, other: ExposureProposal) -> ExposureProposal:
        return ExposureProposal(
            role_exposure={**self.role_exposure, **other.role_exposure},
            server_exposure={**self.server_exposure, **other.server_exposure},
            server_moves={**self.server_moves, **other.server_moves},
        )

    def settings_after(self, servers: Sequence[Server], roles: Sequence[Role]) -> dict[int, RoleSsvcSettings]:
        """Server ID -> the role SSVC settings it would have, for every server whose settings change.

        Moves apply first, then role exposures (to the servers' roles after moves), then server
        exposures.

        Raises:
            ConfigError: a named role does not exist, or a server ID is not in ``servers``.
        """
        by_id = {r.id: r for r in roles}
        known = {s.id for s in servers}
        missing = sorted((set(self.server_moves) | set(self.server_exposure)) - known)
        if missing:
            raise ConfigError(f"what-if: no server with ID {', '.join(map(str, missing))} in this group")
        role_of = {s.id: s.serverrole_id for s in servers}
        after: dict[int, RoleSsvcSettings] = {}
        for server_id, target in self.server_moves.items():
            role = find_role(roles, target)
            role_of[server_id] = role.id
            after[server_id] = role.ssvc
        for target, exposure in self.role_exposure.items():
            role_id = find_role(roles, target).id
            for server_id, current in role_of.items():
                if current == role_id:
                    base = after.get(server_id, by_id[role_id].ssvc)
                    after[server_id] = attrs.evolve(base, exposure=exposure)
        for server_id, exposure in self.server_exposure.items():
            base = after.get(server_id) or _role_settings(by_id, role_of[server_id])
            after[server_id] = attrs.evolve(base, exposure=exposure)
        now = {s.id: _role_settings(by_id, s.serverrole_id) for s in servers}
        return {k: v for k, v in after.items() if v != now[k]}


def _role_settings(by_id: Mapping[int, Role], role_id: int | None) -> RoleSsvcSettings:
    role = None if role_id is None else by_id.get(role_id)
    return role.ssvc if role is not None else RoleSsvcSettings()
