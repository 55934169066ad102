"""The SSVC deployer decision: ``deployer_priority``, ``utility`` and ``human_impact``."""

from __future__ import annotations

from typing import Final, Literal

from ._enums import (
    Automatable,
    Exploitation,
    Exposure,
    HumanImpact,
    MissionImpact,
    Priority,
    SafetyImpact,
    Utility,
    ValueDensity,
)
from ._errors import SsvcValueError
from ._tables import DEPLOYER_CURRENT, DEPLOYER_V2_0, HUMAN_IMPACT_V2_0, UTILITY_V2_0

__all__ = ["TREES", "Tree", "deployer_priority", "human_impact", "utility"]

Tree = Literal["cert-v2.0", "cert-current"]
TREES: Final[tuple[Tree, ...]] = ("cert-v2.0", "cert-current")
"""The deployer trees :func:`deployer_priority` knows. ``cert-v2.0`` is what FutureVuls uses."""


def utility(automatable: Automatable | str | bool, value_density: ValueDensity | str) -> Utility:
    """Utility from Automatable and Value Density (CERT v2.0 table).

    >>> utility("yes", "concentrated")
    <Utility.SUPER_EFFECTIVE: 'super effective'>

    Raises:
        SsvcValueError: when a value is not a known spelling.
    """
    return _utility(automatable, value_density)


def human_impact(safety_impact: SafetyImpact | str, mission_impact: MissionImpact | str) -> HumanImpact:
    """Human Impact from Situated Safety Impact and Mission Impact (CERT v2.0 table).

    >>> human_impact("major", "MEF failure")
    <HumanImpact.HIGH: 'high'>

    Raises:
        SsvcValueError: when a value is not a known spelling.
    """
    return HUMAN_IMPACT_V2_0[SafetyImpact.parse(safety_impact), MissionImpact.parse(mission_impact)]


def deployer_priority(
    *,
    exploitation: Exploitation | str,
    exposure: Exposure | str,
    human_impact: HumanImpact | str,
    utility: Utility | str | None = None,
    automatable: Automatable | str | bool | None = None,
    value_density: ValueDensity | str | None = None,
    tree: Tree | str = "cert-v2.0",
) -> Priority:
    """The deployer's patch-application priority for one vulnerability on one system.

    ``tree="cert-v2.0"`` (default) is the CERT SSVC v2.0 deployer table, the one FutureVuls uses:
    it needs ``utility``, or ``automatable`` and ``value_density`` to derive it. ``tree="cert-current"``
    is the current CERT tree, where Automatable replaces Utility: it needs ``automatable``.

    Every argument takes an enum member or any of its spellings:

        >>> deployer_priority(exploitation="active", exposure="open", utility="super_effective",
        ...                   human_impact="very high")
        <Priority.IMMEDIATE: 'immediate'>

    Raises:
        SsvcValueError: for an unknown spelling, an unknown tree, or a missing input the tree needs.
    """
    e = Exploitation.parse(exploitation)
    x = Exposure.parse(exposure)
    h = HumanImpact.parse(human_impact)
    if tree == "cert-v2.0":
        if utility is not None:
            u = Utility.parse(utility)
        elif automatable is not None and value_density is not None:
            u = _utility(automatable, value_density)
        else:
            raise SsvcValueError(
                "tree 'cert-v2.0' needs utility= (or automatable= and value_density= to derive it)"
            )
        return DEPLOYER_V2_0[e, x, u, h]
    if tree == "cert-current":
        if automatable is None:
            raise SsvcValueError("tree 'cert-current' needs automatable= ('yes' or 'no')")
        return DEPLOYER_CURRENT[e, x, Automatable.parse(automatable), h]
    raise SsvcValueError(f"unknown SSVC tree {tree!r}; expected one of {', '.join(map(repr, TREES))}")


def _utility(automatable: Automatable | str | bool, value_density: ValueDensity | str) -> Utility:
    return UTILITY_V2_0[Automatable.parse(automatable), ValueDensity.parse(value_density)]
