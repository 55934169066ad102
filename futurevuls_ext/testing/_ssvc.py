"""SSVC for the fake: canonical spellings of the inputs and the per-task recomputation.

A task's effective inputs follow product.md ("effective SSVC inputs"):

* exposure: ``open`` when an external scan result with ``is_external`` true on the task's server
  lists the task's CVE, else the role's exposure, else the group default ``controlled``;
* human impact: the role's (set directly, or derived from its safety x mission impact with the
  CERT v2.0 table), else the group default ``medium``;
* value density: the role's, else the group default ``diffuse`` (FutureVuls' SSVC help lists it
  among the inputs a user sets by hand, with exposure and human impact);
* exploitation and automatable come with the CVE; utility is CERT's table of automatable x value
  density (a CVE seeded with an explicit ``utility`` keeps it: a test convenience, not FutureVuls).

The outcome comes from :func:`futurevuls_ext.ssvc.deployer_priority` (CERT SSVC v2.0 deployer
tree). Values are emitted in the CERT CSV spellings (reference §5.2, inferred).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Final

from ._records import Cve, Role, Task

__all__ = [
    "AUTOMATABLE",
    "DEFAULT_EXPOSURE",
    "DEFAULT_HUMAN_IMPACT",
    "EXPLOITATION",
    "EXPOSURE",
    "HUMAN_IMPACT",
    "MISSION_IMPACT",
    "SAFETY_IMPACT",
    "UTILITY",
    "VALUE_DENSITY",
    "canonical",
    "recompute_tasks",
]

DEFAULT_EXPOSURE: Final = "controlled"
DEFAULT_HUMAN_IMPACT: Final = "medium"
DEFAULT_VALUE_DENSITY: Final = "diffuse"

EXPLOITATION: Final = ("none", "PoC", "active")
EXPOSURE: Final = ("small", "controlled", "open")
UTILITY: Final = ("laborious", "efficient", "super effective")
AUTOMATABLE: Final = ("no", "yes")
VALUE_DENSITY: Final = ("diffuse", "concentrated")
HUMAN_IMPACT: Final = ("low", "medium", "high", "very high")
SAFETY_IMPACT: Final = ("none", "minor", "major", "hazardous", "catastrophic")
MISSION_IMPACT: Final = ("none", "degraded", "crippled", "MEF failure", "mission failure")

_SEP: Final = re.compile(r"[\s\-_/.]+")
_ALIASES: Final[Mapping[str, str]] = {
    "publicpoc": "PoC",
    "true": "yes",
    "false": "no",
    "mefsupportcrippled": "crippled",
    "nonessentialdegraded": "degraded",
}

_UTILITY_TABLE: Final[Mapping[tuple[str, str], str]] = {
    ("no", "diffuse"): "laborious",
    ("no", "concentrated"): "efficient",
    ("yes", "diffuse"): "efficient",
    ("yes", "concentrated"): "super effective",
}

# CERT SSVC v2.0 human impact: rows safety impact, columns mission impact.
_MISSION_COLUMN: Final[Mapping[str, int]] = {
    "none": 0,
    "degraded": 0,
    "crippled": 0,
    "MEF failure": 1,
    "mission failure": 2,
}
_HUMAN_IMPACT_TABLE: Final[Mapping[str, tuple[str, str, str]]] = {
    "none": ("low", "medium", "very high"),
    "minor": ("low", "medium", "very high"),
    "major": ("medium", "high", "very high"),
    "hazardous": ("high", "high", "very high"),
    "catastrophic": ("very high", "very high", "very high"),
}


def _key(text: str) -> str:
    return _SEP.sub("", text).casefold()


def canonical(value: object, allowed: Iterable[str]) -> str | None:
    """The CERT spelling in ``allowed`` matching ``value`` (case and separators ignored), or None."""
    if not isinstance(value, str):
        return None
    key = _ALIASES.get(_key(value), value)
    wanted = _key(key)
    for spelling in allowed:
        if _key(spelling) == wanted:
            return spelling
    return None


def utility_of(cve: Cve, value_density: str) -> str:
    """The task's utility: the CVE's explicit one, else automatable x the role's (or group's) density."""
    if cve.utility is not None:
        return cve.utility
    return _UTILITY_TABLE[(cve.automatable, value_density)]


def human_impact_of(role: Role | None) -> str:
    """The role's human impact, else derived from safety x mission impact, else the group default."""
    if role is None:
        return DEFAULT_HUMAN_IMPACT
    if role.human_impact is not None:
        return role.human_impact
    if role.safety_impact is not None and role.mission_impact is not None:
        return _HUMAN_IMPACT_TABLE[role.safety_impact][_MISSION_COLUMN[role.mission_impact]]
    return DEFAULT_HUMAN_IMPACT


def recompute_tasks(
    tasks: Iterable[Task],
    *,
    cves: Mapping[str, Cve],
    role_of_server: Mapping[int, Role | None],
    externally_exposed: set[tuple[int, str]],
) -> None:
    """Recompute the SSVC block of every task in place.

    ``externally_exposed`` holds ``(server_id, cve_id)`` pairs listed by an external scan result
    flagged as external. A task ignored "until its SSVC priority changes" is un-ignored when it does.
    """
    from futurevuls_ext.ssvc import deployer_priority

    for task in tasks:
        cve = cves.get(task.cve_id) or Cve(cve_id=task.cve_id)
        role = role_of_server.get(task.server_id)
        if (task.server_id, task.cve_id) in externally_exposed:
            exposure = "open"
        elif role is not None and role.exposure is not None:
            exposure = role.exposure
        else:
            exposure = DEFAULT_EXPOSURE
        density = role.value_density if role is not None and role.value_density else DEFAULT_VALUE_DENSITY
        utility = utility_of(cve, density)
        human_impact = human_impact_of(role)
        priority = str(
            deployer_priority(
                exploitation=cve.exploitation,
                exposure=exposure,
                utility=utility,
                human_impact=human_impact,
            ).value
        )
        if task.ssvc_priority not in (None, priority) and task.ignore_until == "ssvc_priority":
            task.ignore = False
            task.ignore_until = None
        task.ssvc_priority = priority
        task.ssvc_exploitation = cve.exploitation
        task.ssvc_exposure = exposure
        task.ssvc_utility = utility
        # A CVE seeded with its utility directly reports no automatable, so a client recomputing
        # utility from automatable x value density falls back to the reported utility, as this does.
        task.ssvc_automatable = None if cve.utility is not None else cve.automatable
        task.ssvc_value_density = density
        task.ssvc_human_impact = human_impact
