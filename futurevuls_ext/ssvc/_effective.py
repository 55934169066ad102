"""Effective SSVC inputs of a task: the one rule the fake server and the client-side what-if share.

product.md, "Effective SSVC inputs":

* exposure is ``open`` when an external scan result with ``is_external_scan`` true on the task's
  server lists the task's CVE, else the server role's exposure, else the group default (``controlled``);
* human impact is the role's, else the group default (``medium``);
* exploitation and utility come with the CVE.

:func:`effective_inputs` works on plain values so any caller (fake server state, API models, a
notebook) can use it; :func:`exposed_cve_ids` collects the CVE IDs from external scan results.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Literal, Protocol, TypeVar

import attrs

from ._decide import Tree, deployer_priority
from ._decide import utility as _utility_table
from ._enums import (
    Automatable,
    Exploitation,
    Exposure,
    HumanImpact,
    Priority,
    Utility,
    ValueDensity,
    _SsvcEnum,
)
from ._models import GroupSsvcDefaults, RoleSsvcSettings

__all__ = ["EffectiveSsvcInputs", "ExternalScanLike", "effective_inputs", "exposed_cve_ids"]

_DEFAULTS = GroupSsvcDefaults()


class ExternalScanLike(Protocol):
    """Anything with ``is_external_scan`` and ``cve_ids`` attributes, e.g. an ``ExternalScan`` model."""

    @property
    def is_external_scan(self) -> bool | None:
        """True when the result was marked "exposed externally" (None, not sent, counts as not)."""

    @property
    def cve_ids(self) -> Iterable[str]:
        """The CVE IDs the result lists."""


def _norm_cve(cve_id: str) -> str:
    return cve_id.strip().upper()


def exposed_cve_ids(scans: Iterable[ExternalScanLike]) -> frozenset[str]:
    """The CVE IDs (upper-cased) listed by the external scan results flagged ``is_external_scan``.

    Pass the results of *one* server to get that server's externally exposed CVEs.
    """
    return frozenset(_norm_cve(cve) for scan in scans if scan.is_external_scan for cve in scan.cve_ids)


@attrs.frozen(kw_only=True)
class EffectiveSsvcInputs:
    """The SSVC inputs that apply to one task, and where exposure and human impact came from.

    ``exploitation`` and ``utility`` are ``None`` when the CVE carries no (or an unknown) value;
    :meth:`priority` then returns ``None``.
    """

    exploitation: Exploitation | None
    exposure: Exposure
    utility: Utility | None
    human_impact: HumanImpact
    automatable: Automatable | None = None
    exposure_source: Literal["external_scan", "role", "default"]
    human_impact_source: Literal["role", "default"]
    value_density: ValueDensity | None = None
    value_density_source: Literal["role", "default"] = "default"

    def priority(self, *, tree: Tree | str = "cert-v2.0") -> Priority | None:
        """The deployer priority for these inputs, or ``None`` when an input the tree needs is missing."""
        needed = self.automatable if tree == "cert-current" else self.utility  # what the tree reads
        if self.exploitation is None or needed is None:
            return None
        return deployer_priority(
            exploitation=self.exploitation,
            exposure=self.exposure,
            utility=self.utility,
            automatable=self.automatable,
            human_impact=self.human_impact,
            tree=tree,
        )


_E = TypeVar("_E", bound=_SsvcEnum)


def _known(cls: type[_E], value: object) -> _E | None:
    """Lenient parse of an API value: ``None`` when absent or not a spelling the SDK knows."""
    if isinstance(value, bool):  # JSON true/false for Automatable
        value = "yes" if value else "no"
    if not isinstance(value, str):
        return None
    parsed = cls.parse_lenient(value)
    return parsed if isinstance(parsed, cls) else None


def effective_inputs(
    *,
    cve_id: str,
    exploitation: Exploitation | str | None,
    utility: Utility | str | None = None,
    automatable: Automatable | str | bool | None = None,
    value_density: ValueDensity | str | None = None,
    role: RoleSsvcSettings | None = None,
    external_cve_ids: Collection[str] = (),
    defaults: GroupSsvcDefaults | None = None,
) -> EffectiveSsvcInputs:
    """Apply product.md's "Effective SSVC inputs" rule to one task.

    Args:
        cve_id: the task's CVE ID (compared case-insensitively).
        exploitation: the CVE's Exploitation, as the API or dataset gives it (``None`` when absent).
        utility: the Utility the task reports; used only when ``automatable`` is unknown.
        automatable: the CVE's Automatable (also used by the ``cert-current`` tree). Utility is CERT's
            table of Automatable x Value Density, the density coming from the role, else the group.
        value_density: the Value Density the task reports; not an input of the rule (it is the role's
            or the group's), kept so that callers may pass what the API sent.
        role: SSVC settings of the role of the task's server; ``None`` when the server has no role
            or the role sets nothing.
        external_cve_ids: the CVE IDs listed by the ``is_external_scan`` results on the task's
            server (see :func:`exposed_cve_ids`).
        defaults: the group defaults; ``None`` means ``GroupSsvcDefaults()`` (controlled, medium).

    CVE-side values (exploitation, utility, automatable, value density) are parsed leniently: an
    unknown spelling counts as missing rather than raising, because it comes from API data.
    """
    group = defaults if defaults is not None else _DEFAULTS
    exposed = {_norm_cve(cve) for cve in external_cve_ids}
    exposure: Exposure
    exposure_source: Literal["external_scan", "role", "default"]
    if _norm_cve(cve_id) in exposed:
        exposure, exposure_source = Exposure.OPEN, "external_scan"
    elif role is not None and role.exposure is not None:
        exposure, exposure_source = role.exposure, "role"
    else:
        exposure, exposure_source = group.exposure, "default"

    role_impact = role.effective_human_impact if role is not None else None
    impact: HumanImpact
    impact_source: Literal["role", "default"]
    if role_impact is not None:
        impact, impact_source = role_impact, "role"
    else:
        impact, impact_source = group.human_impact, "default"

    del value_density  # the role's or the group's, never the task's (product.md, issue 14)
    density_source: Literal["role", "default"]
    if role is not None and role.value_density is not None:
        density, density_source = role.value_density, "role"
    else:
        density, density_source = group.value_density, "default"
    auto = _known(Automatable, automatable)
    util = _utility_table(auto, density) if auto is not None else _known(Utility, utility)
    return EffectiveSsvcInputs(
        exploitation=_known(Exploitation, exploitation),
        exposure=exposure,
        utility=util,
        human_impact=impact,
        automatable=auto,
        exposure_source=exposure_source,
        human_impact_source=impact_source,
        value_density=density,
        value_density_source=density_source,
    )
