"""SSVC for FutureVuls: the CERT deployer decision, its inputs, and the effective-input rule.

FutureVuls prioritises tasks with the CERT SSVC **v2.0** deployer tree: Exploitation x Exposure x
Utility x Human Impact -> defer / scheduled / out-of-cycle / immediate. This module embeds that
table (all 108 rows), the Utility and Human Impact tables, and the current CERT tree as an opt-in
alternative:

    >>> from futurevuls_ext import ssvc
    >>> ssvc.deployer_priority(exploitation="PoC", exposure="open", utility="super effective",
    ...                        human_impact="high")
    <Priority.OUT_OF_CYCLE: 'out-of-cycle'>

Enum values are the CERT v2.0 CSV spellings; parsing accepts any case and ignores ``-``, ``_``
and spaces (``"OutOfCycle"`` == ``"out_of_cycle"`` == ``"out-of-cycle"``). ``X.parse`` raises
:class:`SsvcValueError` (a :class:`ValueError` and a :class:`~futurevuls_ext.FutureVulsError`) for
unknown spellings; ``X.parse_lenient`` keeps unknown strings, for data coming from the API.
"""

from __future__ import annotations

from ._decide import (
    DEPLOYER_CURRENT,
    DEPLOYER_V2_0,
    HUMAN_IMPACT_V2_0,
    TREES,
    UTILITY_V2_0,
    Tree,
    deployer_priority,
    human_impact,
    utility,
)
from ._effective import EffectiveSsvcInputs, ExternalScanLike, effective_inputs, exposed_cve_ids
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
    normalize_spelling,
)
from ._errors import SsvcValueError
from ._models import GroupSsvcDefaults, RoleSsvcSettings

__all__ = [
    "DEPLOYER_CURRENT",
    "DEPLOYER_V2_0",
    "HUMAN_IMPACT_V2_0",
    "TREES",
    "UTILITY_V2_0",
    "Automatable",
    "EffectiveSsvcInputs",
    "Exploitation",
    "Exposure",
    "ExternalScanLike",
    "GroupSsvcDefaults",
    "HumanImpact",
    "MissionImpact",
    "Priority",
    "RoleSsvcSettings",
    "SafetyImpact",
    "SsvcValueError",
    "Tree",
    "Utility",
    "ValueDensity",
    "deployer_priority",
    "effective_inputs",
    "exposed_cve_ids",
    "human_impact",
    "normalize_spelling",
    "utility",
]
