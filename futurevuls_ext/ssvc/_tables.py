"""The CERT SSVC decision tables, embedded as data (no file is read at run time).

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
from typing import Final, TypeAlias

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

__all__ = ["DEPLOYER_CURRENT", "DEPLOYER_V2_0", "HUMAN_IMPACT_V2_0", "UTILITY_V2_0"]

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
