"""The import plan (pure): which external scan results to create, update, leave alone or prune."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Literal

from attrs import frozen

from ..models import ExternalScan, Server
from ..parsers import HostResult
from ._options import ImportOptions
from ._resolve import Resolution, resolve_hosts
from ._result import HostOutcome, ImportResult

__all__ = ["ImportPlan", "PlannedWrite", "plan_import"]

Action = Literal["create", "update", "unchanged", "prune"]


@frozen(kw_only=True)
class PlannedWrite:
    """One external scan result and what to do with it.

    ``server_id`` is None only when a pseudo server named ``pseudo_server_name`` must be created first.
    ``send_cve_ids`` / ``send_is_external`` say which fields an update sends (unchanged ones are not re-sent).
    """

    action: Action
    hosts: tuple[str, ...]
    cve_ids: frozenset[str]
    server_id: int | None = None
    pseudo_server_name: str | None = None
    existing: ExternalScan | None = None
    send_cve_ids: bool = True
    send_is_external: bool = True
    reason: str = ""

    @property
    def label(self) -> str:
        """The hosts this write covers, for outcomes and progress."""
        return ", ".join(self.hosts)

    def outcome(
        self, *, server_id: int | None = None, scan_id: int | None = None, reason: str = ""
    ) -> HostOutcome:
        """The :class:`HostOutcome` of this write (ids default to the planned ones)."""
        existing_id = self.existing.id if self.existing is not None else None
        return HostOutcome(
            host=self.label,
            server_id=server_id if server_id is not None else self.server_id,
            external_scan_id=scan_id if scan_id is not None else existing_id,
            cve_count=len(self.cve_ids),
            reason=reason or self.reason,
        )


@frozen(kw_only=True)
class ImportPlan:
    """Everything an import will do; ``dry_run=True`` returns it as an :class:`ImportResult`."""

    options: ImportOptions
    writes: tuple[PlannedWrite, ...]
    unresolved: tuple[HostOutcome, ...]

    def pending(self) -> tuple[PlannedWrite, ...]:
        """The writes that need API calls (not the unchanged ones)."""
        return tuple(w for w in self.writes if w.action != "unchanged")

    def as_result(self) -> ImportResult:
        """The plan as a dry-run :class:`ImportResult`."""
        by_action: dict[str, list[HostOutcome]] = defaultdict(list)
        for write in self.writes:
            by_action[write.action].append(write.outcome())
        return ImportResult(
            name=self.options.name,
            dry_run=True,
            created=tuple(by_action["create"]),
            updated=tuple(by_action["update"]),
            unchanged=tuple(by_action["unchanged"]),
            pruned=tuple(by_action["prune"]),
            unresolved=self.unresolved,
        )


def _targets(resolutions: Iterable[Resolution]) -> dict[tuple[str, str], list[HostResult]]:
    """Group resolved hosts by server (existing id, or pseudo name): one result per server and name."""
    groups: dict[tuple[str, str], list[HostResult]] = defaultdict(list)
    for res in resolutions:
        if res.server_id is not None:
            groups[("id", str(res.server_id))].append(res.host)
        elif res.pseudo_server_name is not None:
            groups[("pseudo", res.pseudo_server_name)].append(res.host)
    return groups


def _find_existing(scans: Sequence[ExternalScan], server_id: int) -> tuple[ExternalScan | None, str]:
    found = sorted((s for s in scans if s.server_id == server_id), key=lambda s: s.id)
    if len(found) > 1:
        others = ", ".join(str(s.id) for s in found[1:])
        return found[0], f"; note: duplicate results {others} exist on this server"
    return (found[0] if found else None), ""


def _write_for(
    kind: str, key: str, hosts: list[HostResult], scans: Sequence[ExternalScan], options: ImportOptions
) -> PlannedWrite:
    cves = frozenset().union(*(h.cve_ids for h in hosts))
    labels = tuple(h.address for h in hosts)
    if kind == "pseudo":
        if not cves:
            return PlannedWrite(
                action="unchanged", hosts=labels, cve_ids=cves, reason="no CVEs; nothing to record"
            )
        return PlannedWrite(
            action="create", hosts=labels, cve_ids=cves, pseudo_server_name=key, reason="new pseudo server"
        )
    server_id = int(key)
    existing, note = _find_existing(scans, server_id)
    if existing is None:
        if not cves:
            return PlannedWrite(
                action="unchanged",
                hosts=labels,
                cve_ids=cves,
                server_id=server_id,
                reason="no CVEs; nothing to record",
            )
        return PlannedWrite(
            action="create", hosts=labels, cve_ids=cves, server_id=server_id, reason="new result"
        )
    send_cves = frozenset(existing.cve_ids) != cves
    send_flag = existing.is_external_scan != options.is_external
    action: Action = "update" if (send_cves or send_flag) else "unchanged"
    changed = [what for what, flag in (("CVE ids", send_cves), ("external flag", send_flag)) if flag]
    reason = ("changed: " + ", ".join(changed)) if changed else "same CVE ids"
    return PlannedWrite(
        action=action,
        hosts=labels,
        cve_ids=cves,
        server_id=server_id,
        existing=existing,
        send_cve_ids=send_cves,
        send_is_external=send_flag,
        reason=reason + note,
    )


def _prunes(scans: Sequence[ExternalScan], covered: set[int], options: ImportOptions) -> list[PlannedWrite]:
    writes = []
    for scan in sorted(scans, key=lambda s: s.id):
        if scan.server_id is None or scan.server_id in covered:
            continue  # a result whose answer names no server is never pruned
        if options.prune_mode == "empty" and not scan.cve_ids:
            continue  # already emptied by an earlier prune
        writes.append(
            PlannedWrite(
                action="prune",
                hosts=(f"server {scan.server_id}",),
                cve_ids=frozenset(),
                server_id=scan.server_id,
                existing=scan,
                reason="no longer in the report: "
                + ("deleted" if options.prune_mode == "delete" else "emptied"),
            )
        )
    return writes


def plan_import(
    hosts: Iterable[HostResult],
    servers: Iterable[Server],
    scans: Iterable[ExternalScan],
    options: ImportOptions,
) -> ImportPlan:
    """Plan an import: resolve hosts, then diff the wanted results against the existing ones of this name."""
    resolutions = resolve_hosts(
        hosts,
        servers,
        server_id=options.server_id,
        server_map=options.server_map,
        create_pseudo_servers=options.create_pseudo_servers,
    )
    named = [scan for scan in scans if scan.name == options.name]
    writes = [
        _write_for(kind, key, group, named, options) for (kind, key), group in _targets(resolutions).items()
    ]
    if options.prune:
        covered = {w.server_id for w in writes if w.server_id is not None}
        writes.extend(_prunes(named, covered, options))
    unresolved = tuple(
        HostOutcome(host=r.host.address, cve_count=len(r.host.cve_ids), reason=r.reason)
        for r in resolutions
        if not r.resolved
    )
    return ImportPlan(options=options, writes=tuple(writes), unresolved=unresolved)
