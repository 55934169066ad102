"""The SSVC deployer decision: the CERT tables, embedded as data, and the functions reading them.

``deployer_priority``, ``utility`` and ``human_impact`` look the tables up; no file is read at run time.

Sources (copies in the project's reference material, ``futurevuls-api-sources/ssvc/``):

* Deployer, v2.0: ``CERTCC/SSVC`` tag ``v2.0``, ``data/v2/csv/ssvc_2_deployer.csv`` (108 rows).
  This is the tree FutureVuls uses (its task JSON carries Utility = Automatable x Value Density).
* Deployer, current: ``data/csv/ssvc/deployer_patch_application_priority_1_0_0.csv`` (72 rows;
  Automatable replaces Utility).
* Utility: ``utility_v2.csv`` (identical to the current ``utility_1_0_0.csv``).
* Human impact, v2.0: ``human-impact_v2.csv`` (Situated Safety Impact x Mission Impact).

The CERT data is licensed by Carnegie Mellon University; see ``LICENSE-CERTCC-SSVC-data.txt`` in
the reference material. Each deployer line below holds one (Exploitation, Exposure, Utility or
Automatable) branch and its four outcomes for Human Impact low, medium, high, very high, coded
D = defer, S = scheduled, O = out-of-cycle, I = immediate.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal, TypeAlias

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

__all__ = [
    "DEPLOYER_CURRENT",
    "DEPLOYER_V2_0",
    "HUMAN_IMPACT_V2_0",
    "TREES",
    "UTILITY_V2_0",
    "Tree",
    "deployer_priority",
    "human_impact",
    "utility",
]

_CODES: Final = {
    "D": Priority.DEFER,
    "S": Priority.SCHEDULED,
    "O": Priority.OUT_OF_CYCLE,
    "I": Priority.IMMEDIATE,
}
_HUMAN_IMPACT_ORDER: Final = (HumanImpact.LOW, HumanImpact.MEDIUM, HumanImpact.HIGH, HumanImpact.VERY_HIGH)

# Exploitation | Exposure | Utility | outcomes for HI low, medium, high, very high
_DEPLOYER_V2_0_TEXT: Final = """
none   | small      | laborious       | D D S S
none   | small      | efficient       | D S S S
none   | small      | super effective | D S S S
none   | controlled | laborious       | D S S S
none   | controlled | efficient       | D S S S
none   | controlled | super effective | S S S S
none   | open       | laborious       | D S S S
none   | open       | efficient       | S S S S
none   | open       | super effective | S S S O
PoC    | small      | laborious       | D S S S
PoC    | small      | efficient       | D S S S
PoC    | small      | super effective | S S S S
PoC    | controlled | laborious       | D S S S
PoC    | controlled | efficient       | S S S S
PoC    | controlled | super effective | S S S O
PoC    | open       | laborious       | D S S O
PoC    | open       | efficient       | S S S O
PoC    | open       | super effective | S S O O
active | small      | laborious       | S S O O
active | small      | efficient       | S S O O
active | small      | super effective | S S O O
active | controlled | laborious       | S S O O
active | controlled | efficient       | S S O O
active | controlled | super effective | S O O O
active | open       | laborious       | S S O I
active | open       | efficient       | S O I I
active | open       | super effective | O O I I
"""

# Exploitation | System Exposure | Automatable | outcomes for HI low, medium, high, very high
_DEPLOYER_CURRENT_TEXT: Final = """
none       | small      | no  | D D S S
none       | small      | yes | D S S S
none       | controlled | no  | D S S S
none       | controlled | yes | S S S S
none       | open       | no  | D S S S
none       | open       | yes | S S S O
public poc | small      | no  | D S S S
public poc | small      | yes | S S S S
public poc | controlled | no  | D S S S
public poc | controlled | yes | S S S O
public poc | open       | no  | S S S O
public poc | open       | yes | S S O O
active     | small      | no  | S S O O
active     | small      | yes | S O O O
active     | controlled | no  | S S O O
active     | controlled | yes | O O O O
active     | open       | no  | S O O I
active     | open       | yes | O O I I
"""

_V2Key: TypeAlias = tuple[Exploitation, Exposure, Utility, HumanImpact]
_CurrentKey: TypeAlias = tuple[Exploitation, Exposure, Automatable, HumanImpact]


def _parse_v2(text: str) -> dict[_V2Key, Priority]:
    table: dict[_V2Key, Priority] = {}
    for line in text.strip().splitlines():
        exploitation, exposure, utility, outcomes = (part.strip() for part in line.split("|"))
        for impact, code in zip(_HUMAN_IMPACT_ORDER, outcomes.split(), strict=True):
            key = (Exploitation.parse(exploitation), Exposure.parse(exposure), Utility.parse(utility), impact)
            table[key] = _CODES[code]
    return table


def _parse_current(text: str) -> dict[_CurrentKey, Priority]:
    table: dict[_CurrentKey, Priority] = {}
    for line in text.strip().splitlines():
        exploitation, exposure, automatable, outcomes = (part.strip() for part in line.split("|"))
        for impact, code in zip(_HUMAN_IMPACT_ORDER, outcomes.split(), strict=True):
            key = (
                Exploitation.parse(exploitation),
                Exposure.parse(exposure),
                Automatable.parse(automatable),
                impact,
            )
            table[key] = _CODES[code]
    return table


DEPLOYER_V2_0: Final[Mapping[_V2Key, Priority]] = MappingProxyType(_parse_v2(_DEPLOYER_V2_0_TEXT))
"""CERT SSVC v2.0 deployer table: (Exploitation, Exposure, Utility, Human Impact) -> Priority, 108 rows."""

DEPLOYER_CURRENT: Final[Mapping[_CurrentKey, Priority]] = MappingProxyType(
    _parse_current(_DEPLOYER_CURRENT_TEXT)
)
"""Current CERT deployer table, 72 rows.

Key: (Exploitation, System Exposure, Automatable, Human Impact) -> Priority.
"""

UTILITY_V2_0: Final[Mapping[tuple[Automatable, ValueDensity], Utility]] = MappingProxyType(
    {
        (Automatable.NO, ValueDensity.DIFFUSE): Utility.LABORIOUS,
        (Automatable.NO, ValueDensity.CONCENTRATED): Utility.EFFICIENT,
        (Automatable.YES, ValueDensity.DIFFUSE): Utility.EFFICIENT,
        (Automatable.YES, ValueDensity.CONCENTRATED): Utility.SUPER_EFFECTIVE,
    }
)
"""Utility = f(Automatable, Value Density), CERT v2.0 (unchanged in the current tree)."""


def _human_impact_v2() -> dict[tuple[SafetyImpact, MissionImpact], HumanImpact]:
    low, medium, high, very_high = _HUMAN_IMPACT_ORDER
    # Mission impact columns: none, degraded, crippled, MEF failure, mission failure
    rows = {
        SafetyImpact.NONE: (low, low, low, medium, very_high),
        SafetyImpact.MINOR: (low, low, low, medium, very_high),
        SafetyImpact.MAJOR: (medium, medium, medium, high, very_high),
        SafetyImpact.HAZARDOUS: (high, high, high, high, very_high),
        SafetyImpact.CATASTROPHIC: (very_high, very_high, very_high, very_high, very_high),
    }
    return {
        (safety, mission): impact
        for safety, impacts in rows.items()
        for mission, impact in zip(MissionImpact, impacts, strict=True)
    }


HUMAN_IMPACT_V2_0: Final[Mapping[tuple[SafetyImpact, MissionImpact], HumanImpact]] = MappingProxyType(
    _human_impact_v2()
)
"""Human Impact = f(Situated Safety Impact, Mission Impact), CERT v2.0, 25 rows."""


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
