"""Planning results given directly, without host matching: the Nmap job's mapping lines (pure).

A :class:`ResultTarget` names its server, the CVE ids it wants and, when the mapping already records
one, the exact result (``pinned``). The same rules as an import apply: only what differs is sent, a
missing result is created (or reported), a lost mapping line adopts the lowest unclaimed result of
the server and name, and further unclaimed results of that name are healed. Results other lines claim
are never adopted, healed or touched by the re-check.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from attrs import evolve, frozen

from ..models import ExternalScan
from ._options import ImportOptions
from ._plan import ImportPlan, PlannedWrite
from ._result import HostOutcome

__all__ = ["ResultTarget", "plan_targets"]


@frozen(kw_only=True)
class ResultTarget:
    """One wanted result on one server.

    Attributes:
        label: how outcomes name it (unique within a plan).
        server_id: the server the result belongs to.
        cve_ids: the CVE ids it must hold.
        name: the result's name (None: keep the pinned result's name; required to create).
        is_external: the flag it must hold (None: keep the result's flag; creates use the options').
        pinned: the result the mapping records, when it does.
        missing: what to do when the pinned result no longer exists: create a new one, or fail.
        claimed: result ids other targets own.
    """

    label: str
    server_id: int
    cve_ids: frozenset[str]
    name: str | None = None
    is_external: bool | None = None
    pinned: int | None = None
    missing: Literal["create", "fail"] = "create"
    claimed: frozenset[int] = frozenset()


def _pinned(target: ResultTarget, found: ExternalScan | None, options: ImportOptions) -> PlannedWrite | str:
    base = PlannedWrite(
        action="unchanged",
        hosts=(target.label,),
        cve_ids=target.cve_ids,
        server_id=target.server_id,
        name=target.name,
        is_external=target.is_external,
        keep_flag=target.is_external is None,
        rename=target.name is not None,
        claimed=target.claimed,
    )
    if found is None:
        if target.missing == "fail" or target.name is None:
            return f"result {target.pinned} no longer exists in FutureVuls"
        return evolve(base, action="create", reason=f"result {target.pinned} no longer existed")
    if found.server_id != target.server_id:
        return (
            f"the mapping says result {found.id} is on server {target.server_id}, but FutureVuls has it on "
            f"server {found.server_id}; fix the line in the mapping file"
        )
    return _diffed(base, found, options)


def _diffed(base: PlannedWrite, found: ExternalScan, options: ImportOptions) -> PlannedWrite:
    flag = base.flag(options)
    changed = [
        what
        for what, differs in (
            ("CVE ids", frozenset(found.cve_ids) != base.cve_ids),
            ("external flag", flag is not None and found.is_external_scan != flag),
            ("name", base.rename and found.name != base.result_name(options)),
        )
        if differs
    ]
    return evolve(
        base,
        action="update" if changed else "unchanged",
        existing=found,
        reason=("changed: " + ", ".join(changed)) if changed else "same CVE ids",
    )


def _unpinned(target: ResultTarget, scans: Sequence[ExternalScan], options: ImportOptions) -> PlannedWrite:
    name = target.name or options.name
    candidates = sorted(
        (
            s
            for s in scans
            if s.server_id == target.server_id and s.name == name and s.id not in target.claimed
        ),
        key=lambda s: s.id,
    )
    base = PlannedWrite(
        action="create",
        hosts=(target.label,),
        cve_ids=target.cve_ids,
        server_id=target.server_id,
        name=name,
        is_external=target.is_external,
        keep_flag=target.is_external is None,
        claimed=target.claimed,
        reason="new result",
    )
    if not candidates:
        return base
    first, *others = candidates
    write = _diffed(base, first, options)
    extras = tuple(s for s in others if options.prune_mode == "delete" or s.cve_ids)
    note = f"adopted existing result {first.id} of the same server and name"
    if extras:
        note += f"; {len(extras)} duplicate result(s) healed"
    return evolve(write, extras=extras, reason=f"{note}; {write.reason}")


def plan_targets(
    targets: Iterable[ResultTarget], scans: Iterable[ExternalScan], options: ImportOptions
) -> ImportPlan:
    """Plan results given directly (see the module docstring); ``options.name`` names unnamed ones."""
    listed = list(scans)
    by_id = {s.id: s for s in listed}
    writes: list[PlannedWrite] = []
    unresolved: list[HostOutcome] = []
    for target in targets:
        if target.pinned is None:
            writes.append(_unpinned(target, listed, options))
            continue
        planned = _pinned(target, by_id.get(target.pinned), options)
        if isinstance(planned, str):
            unresolved.append(
                HostOutcome(
                    host=target.label,
                    server_id=target.server_id,
                    external_scan_id=target.pinned,
                    cve_count=len(target.cve_ids),
                    reason=planned,
                )
            )
        else:
            writes.append(planned)
    return ImportPlan(options=options, writes=tuple(writes), unresolved=tuple(unresolved))
