"""What-if: which tasks would change SSVC priority under a proposal, computed locally (pure).

Uses :func:`futurevuls_ext.ssvc.effective_inputs` (the rule the fake server shares): exposure is open
when an "exposed externally" scan result on the server lists the CVE, else the role's, else the group
default; human impact is the role's, else the default; exploitation and utility come from the task
detail. Both "before" and "after" are computed with that rule, so a change is reported only when the
proposal causes it; where "before" disagrees with the priority FutureVuls reports, the task is listed
in :attr:`WhatIfResult.mismatches` (the local rule and the service disagree: treat its prediction
with care).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from .._export import ToDict
from ..models import ExternalScan, Role, Server, TaskDetail
from ..ssvc import (
    EffectiveSsvcInputs,
    Exposure,
    GroupSsvcDefaults,
    HumanImpact,
    Priority,
    RoleSsvcSettings,
    effective_inputs,
    exposed_cve_ids,
)

__all__ = ["PriorityChange", "WhatIfResult", "predict_changes"]


@attrs.frozen(kw_only=True)
class PriorityChange(ToDict):
    """One task whose SSVC priority the proposal would change (or, in ``mismatches``, a disagreement).

    Attributes:
        reported: the priority FutureVuls reports now (``ssvcPriority``), as parsed.
    """

    task_id: int
    cve_id: str | None
    server_id: int
    server_name: str
    before: Priority | None
    after: Priority | None
    exposure_before: Exposure
    exposure_after: Exposure
    human_impact_before: HumanImpact
    human_impact_after: HumanImpact
    reported: Priority | str | None = None

    _dict_keys = (
        "task_id",
        "cve_id",
        "server_id",
        "server_name",
        "before",
        "after",
        "exposure",
        "human_impact",
        "reported",
    )

    @property
    def exposure(self) -> tuple[Exposure, Exposure]:
        """The server's SSVC Exposure before and after."""
        return self.exposure_before, self.exposure_after

    @property
    def human_impact(self) -> tuple[HumanImpact, HumanImpact]:
        """The server's SSVC human impact before and after."""
        return self.human_impact_before, self.human_impact_after


@attrs.frozen(kw_only=True)
class WhatIfResult(ToDict):
    """The outcome of a what-if. Nothing was written.

    Attributes:
        changes: tasks whose priority would change, before -> after.
        unchanged: IDs of examined tasks whose priority would stay.
        undetermined: IDs of tasks without the CVE-side inputs (exploitation, utility) to decide.
        mismatches: tasks where the locally computed current priority differs from FutureVuls'.
        failed: task ID -> why its detail could not be fetched.
        affected_servers: IDs of the servers whose SSVC settings the proposal changes.
    """

    changes: tuple[PriorityChange, ...] = ()
    unchanged: tuple[int, ...] = ()
    undetermined: tuple[int, ...] = ()
    mismatches: tuple[PriorityChange, ...] = ()
    failed: Mapping[int, str] = attrs.field(factory=dict)
    affected_servers: tuple[int, ...] = ()


def _inputs(
    detail: TaskDetail, role: RoleSsvcSettings | None, external: frozenset[str], defaults: GroupSsvcDefaults
) -> EffectiveSsvcInputs:
    ssvc = detail.ssvc
    return effective_inputs(
        cve_id=detail.cve_id or "",
        exploitation=ssvc.exploitation,
        utility=ssvc.utility,
        automatable=ssvc.automatable,
        value_density=ssvc.value_density,
        role=role,
        external_cve_ids=external,
        defaults=defaults,
    )


def _child_role(detail: TaskDetail) -> int | None:
    return None if detail.server is None else detail.server.serverrole_id


def _server_name(detail: TaskDetail, server: Server | None) -> str:
    if server is not None and server.server_name is not None:
        return server.server_name
    name = None if detail.server is None else detail.server.server_name
    return name if name is not None else f"server {detail.server_id}"


def predict_changes(
    details: Iterable[TaskDetail],
    *,
    servers: Iterable[Server],
    roles: Iterable[Role],
    external_scans: Iterable[ExternalScan],
    after: Mapping[int, RoleSsvcSettings],
    defaults: GroupSsvcDefaults | None = None,
    failed: Mapping[int, str] | None = None,
) -> WhatIfResult:
    """Compare each task's priority now and under ``after`` (server ID -> role settings it would have).

    Tasks on servers not in ``after`` are unaffected by definition and are skipped.
    """
    group = defaults if defaults is not None else GroupSsvcDefaults()
    role_settings = {r.id: r.ssvc for r in roles}
    server_by_id = {s.id: s for s in servers}
    scans_by_server: dict[int, list[ExternalScan]] = {}
    for scan in external_scans:
        if scan.server_id is not None:
            scans_by_server.setdefault(scan.server_id, []).append(scan)
    changes: list[PriorityChange] = []
    mismatches: list[PriorityChange] = []
    unchanged: list[int] = []
    undetermined: list[int] = []
    for detail in sorted(details, key=lambda d: d.id):
        server_id = detail.server_id
        if server_id is None or server_id not in after:
            continue
        server = server_by_id.get(server_id)
        role_id = server.serverrole_id if server is not None else _child_role(detail)
        external = exposed_cve_ids(scans_by_server.get(server_id, ()))
        now = _inputs(detail, None if role_id is None else role_settings.get(role_id), external, group)
        then = _inputs(detail, after[server_id], external, group)
        before, later = now.priority(), then.priority()
        if before is None or later is None:
            undetermined.append(detail.id)
            continue
        change = PriorityChange(
            task_id=detail.id,
            cve_id=detail.cve_id,
            server_id=server_id,
            server_name=_server_name(detail, server),
            before=before,
            after=later,
            exposure_before=now.exposure,
            exposure_after=then.exposure,
            human_impact_before=now.human_impact,
            human_impact_after=then.human_impact,
            reported=detail.ssvc.priority,
        )
        if detail.ssvc.priority is not None and detail.ssvc.priority != before:
            mismatches.append(change)
        if before != later:
            changes.append(change)
        else:
            unchanged.append(detail.id)
    return WhatIfResult(
        changes=tuple(changes),
        unchanged=tuple(unchanged),
        undetermined=tuple(undetermined),
        mismatches=tuple(mismatches),
        failed=dict(failed or {}),
        affected_servers=tuple(sorted(after)),
    )
