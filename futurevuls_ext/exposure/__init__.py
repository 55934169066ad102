"""Exposure for SSVC, decided from evidence: plan, what-if, apply and revert.

FutureVuls rates tasks with the SSVC deployer tree; its Exposure input is set per role (e.g. a role
"Internet-Facing" with Exposure open). This package decides each server's exposure from Amazon
Inspector NETWORK_REACHABILITY findings (and "exposed externally" scan results), tells in advance
which tasks would change priority, moves servers into the right role, and can undo the moves::

    import futurevuls_ext as fv
    from futurevuls_ext.exposure import ExposureProposal

    with fv.Client() as client:
        plan = client.exposure.plan("inspector-findings.json")
        preview = client.exposure.what_if(ExposureProposal.from_plan(plan))
        for change in preview.changes:
            print(change.server_name, change.cve_id, change.before, "->", change.after)
        result = client.exposure.apply(plan, state_file="revert.json")
        # later: client.exposure.revert("revert.json")

``AsyncClient.exposure`` has the same methods, awaited. :func:`plan_exposure` is the pure core of
``plan`` (it takes the server list instead of fetching it).
"""

from __future__ import annotations

from ._evidence import InstanceEvidence, PathEvidence, instance_evidence
from ._match import InstanceMatch, match_instances
from ._moves import MoveOutcome, RoleMove, moves_for_plan, revert_moves
from ._namespace import AsyncExposure, Exposure
from ._plan import ExposureDecision, ExposurePlan, FindingsSource, UnmatchedInstance, plan_exposure
from ._proposal import DEFAULT_ROLE_NAME, ExposureProposal, find_role
from ._result import ExposureApplyResult, prepare_apply
from ._state_file import read_state_file, write_state_file
from ._whatif import PriorityChange, WhatIfResult, predict_changes

__all__ = [
    "DEFAULT_ROLE_NAME",
    "AsyncExposure",
    "Exposure",
    "ExposureApplyResult",
    "ExposureDecision",
    "ExposurePlan",
    "ExposureProposal",
    "FindingsSource",
    "InstanceEvidence",
    "InstanceMatch",
    "MoveOutcome",
    "PathEvidence",
    "PriorityChange",
    "RoleMove",
    "UnmatchedInstance",
    "WhatIfResult",
    "find_role",
    "instance_evidence",
    "match_instances",
    "moves_for_plan",
    "plan_exposure",
    "predict_changes",
    "prepare_apply",
    "read_state_file",
    "revert_moves",
    "write_state_file",
]
