"""Roles: list item and detail in one model, with the (unconfirmed) SSVC settings of the role."""

from __future__ import annotations

import datetime as dt

import attrs

from ..ssvc import Exposure, HumanImpact, MissionImpact, RoleSsvcSettings, SafetyImpact, ValueDensity
from ._base import Model, spec_required
from .common import EnvMetricV2, EnvMetricV3, SecMetric, ServerChild

__all__ = ["Role"]


@attrs.frozen(kw_only=True)
class Role(Model):
    """A role (``RoleListResponseBody``, ``RoleGetRoleDetailResponseBody``, ``RoleUpdateRoleResponseBody``).

    The list item has ``server_count``; the detail has ``servers`` and the environmental metrics.

    The five ``ssvc_*`` fields are **not in any public spec** (reference §4.2): their JSON keys come from
    ``ApiProfile.role_ssvc`` (defaults ``ssvcExposure``, ``ssvcHumanImpact``, ``ssvcMissionImpact``,
    ``ssvcSafetyImpact``, ``ssvcValueDensity``) and are read leniently: an unknown spelling stays a ``str``.
    :attr:`ssvc` gives them as a :class:`~futurevuls_ext.ssvc.RoleSsvcSettings`.
    """

    id: int
    name: str | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()
    is_default: bool | None = None
    server_count: int | None = None
    new_task_count: int | None = None
    all_task_count: int | None = None
    sec_metric: SecMetric | None = None
    servers: tuple[ServerChild, ...] = ()
    env_metric_v2s: tuple[EnvMetricV2, ...] = ()
    env_metric_v3s: tuple[EnvMetricV3, ...] = ()
    ssvc_exposure: Exposure | str | None = attrs.field(
        default=None, metadata={"profile": ("role_ssvc", "exposure_key")}
    )
    ssvc_human_impact: HumanImpact | str | None = attrs.field(
        default=None, metadata={"profile": ("role_ssvc", "human_impact_key")}
    )
    ssvc_mission_impact: MissionImpact | str | None = attrs.field(
        default=None, metadata={"profile": ("role_ssvc", "mission_impact_key")}
    )
    ssvc_safety_impact: SafetyImpact | str | None = attrs.field(
        default=None, metadata={"profile": ("role_ssvc", "safety_impact_key")}
    )
    ssvc_value_density: ValueDensity | str | None = attrs.field(
        default=None, metadata={"profile": ("role_ssvc", "value_density_key")}
    )

    @property
    def ssvc(self) -> RoleSsvcSettings:
        """The role's SSVC settings; values the SDK does not recognise count as not set."""
        return RoleSsvcSettings(
            exposure=self.ssvc_exposure if isinstance(self.ssvc_exposure, Exposure) else None,
            human_impact=self.ssvc_human_impact if isinstance(self.ssvc_human_impact, HumanImpact) else None,
            mission_impact=(
                self.ssvc_mission_impact if isinstance(self.ssvc_mission_impact, MissionImpact) else None
            ),
            safety_impact=(
                self.ssvc_safety_impact if isinstance(self.ssvc_safety_impact, SafetyImpact) else None
            ),
            value_density=(
                self.ssvc_value_density if isinstance(self.ssvc_value_density, ValueDensity) else None
            ),
        )
