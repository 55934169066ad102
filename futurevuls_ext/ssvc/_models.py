"""Typed SSVC settings: per role (:class:`RoleSsvcSettings`) and per group (:class:`GroupSsvcDefaults`).

FutureVuls asks for two SSVC inputs per role ("NW environment" = Exposure and "business impact"
= Human Impact). The public API spec has no SSVC fields on roles; the JSON keys the client and the
fake server use live in :class:`futurevuls_ext.profile.ApiProfile` (``role_ssvc``) and are unconfirmed.
Constructors accept enum members or any spelling (see :mod:`futurevuls_ext.ssvc`).
"""

from __future__ import annotations

import attrs

from ._decide import human_impact as _human_impact_table
from ._enums import Exposure, HumanImpact, MissionImpact, SafetyImpact, ValueDensity

__all__ = ["GroupSsvcDefaults", "RoleSsvcSettings"]


def _opt_exposure(value: Exposure | str | None) -> Exposure | None:
    return None if value is None else Exposure.parse(value)


def _opt_human_impact(value: HumanImpact | str | None) -> HumanImpact | None:
    return None if value is None else HumanImpact.parse(value)


def _opt_safety_impact(value: SafetyImpact | str | None) -> SafetyImpact | None:
    return None if value is None else SafetyImpact.parse(value)


def _opt_mission_impact(value: MissionImpact | str | None) -> MissionImpact | None:
    return None if value is None else MissionImpact.parse(value)


def _opt_value_density(value: ValueDensity | str | None) -> ValueDensity | None:
    return None if value is None else ValueDensity.parse(value)


def _value_density(value: ValueDensity | str) -> ValueDensity:
    return ValueDensity.parse(value)


def _exposure(value: Exposure | str) -> Exposure:
    return Exposure.parse(value)


def _human_impact(value: HumanImpact | str) -> HumanImpact:
    return HumanImpact.parse(value)


@attrs.frozen(kw_only=True)
class RoleSsvcSettings:
    """A role's SSVC inputs. ``None`` means "not set on the role": the group default applies.

    ``safety_impact`` and ``mission_impact`` are the optional finer inputs CERT v2.0 derives Human
    Impact from; when ``human_impact`` is unset and both are set, :attr:`effective_human_impact`
    derives it with :func:`futurevuls_ext.ssvc.human_impact`.

    Attributes:
        exposure: System Exposure of the role's servers (small, controlled, open).
        human_impact: Human Impact (low, medium, high, very high).
        safety_impact: Situated Safety Impact (CERT v2.0), optional.
        mission_impact: Mission Impact (CERT v2.0), optional.
        value_density: Value Density of the role's servers (diffuse, concentrated), the input of
            Utility (with the CVE's Automatable) that FutureVuls' SSVC help lists as set by hand.
    """

    exposure: Exposure | None = attrs.field(default=None, converter=_opt_exposure)
    human_impact: HumanImpact | None = attrs.field(default=None, converter=_opt_human_impact)
    safety_impact: SafetyImpact | None = attrs.field(default=None, converter=_opt_safety_impact)
    mission_impact: MissionImpact | None = attrs.field(default=None, converter=_opt_mission_impact)
    value_density: ValueDensity | None = attrs.field(default=None, converter=_opt_value_density)

    @property
    def effective_human_impact(self) -> HumanImpact | None:
        """``human_impact``, else the v2.0 table applied to safety and mission impact, else ``None``."""
        if self.human_impact is not None:
            return self.human_impact
        if self.safety_impact is not None and self.mission_impact is not None:
            return _human_impact_table(self.safety_impact, self.mission_impact)
        return None


@attrs.frozen(kw_only=True)
class GroupSsvcDefaults:
    """The group-wide defaults used when a server's role does not set an SSVC input.

    The public API exposes no group SSVC settings (reference §4.3); these are the SDK's (and the
    fake server's) assumption, per product.md "Effective SSVC inputs".

    Attributes:
        exposure: default System Exposure, ``controlled``.
        human_impact: default Human Impact, ``medium``.
        value_density: default Value Density, ``diffuse``.
    """

    exposure: Exposure = attrs.field(default=Exposure.CONTROLLED, converter=_exposure)
    human_impact: HumanImpact = attrs.field(default=HumanImpact.MEDIUM, converter=_human_impact)
    value_density: ValueDensity = attrs.field(default=ValueDensity.DIFFUSE, converter=_value_density)
