"""The import plan (pure): which external scan results to create, update, heal, leave alone or prune.

The plan is what makes an import converge: for every target (one server, or one pseudo server to
create) it wants exactly one result of the import's name holding exactly the report's CVE ids and
flag. Extra results of that name on the server (a manual upload, an earlier concurrent run) are
*healed*: emptied, or deleted when pruning deletes. A pseudo server named after the host gets the
requested role and tags even when an earlier run could not set them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from attrs import frozen

from ..models import ExternalScan, Server
from ..parsers import HostResult
from ..parsers._merge import merge_hosts
from ._options import ImportOptions
from ._resolve import Resolution, resolve_hosts
from ._result import HostOutcome, ImportResult

__all__ = ["ImportPlan", "PlannedWrite", "plan_import", "repairs_for"]

Action = Literal["create", "update", "unchanged", "no_cves", "prune"]


@frozen(kw_only=True)
class PlannedWrite:
    """One external scan result and what to do with it.

    ``server_id`` is None only when a pseudo server named ``pseudo_server_name`` must be created first.
    ``send_cve_ids`` / ``send_is_external`` say which fields an update sends (unchanged ones are not re-sent).
    ``extras`` are further results of the name on the server, to heal; ``role_id`` / ``tags`` are the
    pseudo server's role and full tag list to write (None: nothing to repair); ``duplicate_servers`` are
    extra pseudo servers of the host, deleted only when pruning deletes and they hold no other result.
    """

    action: Action
    hosts: tuple[str, ...]
    cve_ids: frozenset[str]
    server_id: int | None = None
    pseudo_server_name: str | None = None
    existing: ExternalScan | None = None
    send_cve_ids: bool = True
    send_is_external: bool = True
    extras: tuple[ExternalScan, ...] = ()
    role_id: int | None = None
    tags: tuple[str, ...] | None = None
    duplicate_servers: tuple[int, ...] = ()
    name: str | None = None
    is_external: bool | None = None
    keep_flag: bool = False
    rename: bool = False
    claimed: frozenset[int] = frozenset()
    reason: str = ""

    def result_name(self, options: ImportOptions) -> str:
        """The result's name: the write's own (the Nmap job's lines), else the import's."""
        return self.name or options.name

    def flag(self, options: ImportOptions) -> bool | None:
        """The "exposed externally" flag to hold; None keeps the result's flag."""
        if self.keep_flag:
            return None
        return self.is_external if self.is_external is not None else options.is_external

    @property
    def label(self) -> str:
        """The hosts this write covers, for outcomes and progress."""
        return ", ".join(self.hosts)

    @property
    def repairs(self) -> bool:
        """True when the pseudo server's role or tags must be written."""
        return self.role_id is not None or self.tags is not None

    @property
    def needs_calls(self) -> bool:
        """True when carrying out this write takes API calls."""
        return self.action not in ("unchanged", "no_cves") or bool(
            self.extras or self.repairs or self.duplicate_servers
        )

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

    def healed_outcome(self, scan: ExternalScan, *, deleted: bool, reason: str = "") -> HostOutcome:
        """The row of one healed extra result."""
        what = "deleted" if deleted else "emptied"
        return HostOutcome(
            host=self.label,
            server_id=scan.server_id,
            external_scan_id=scan.id,
            cve_count=0,
            reason=reason or f"duplicate result of the same name {what}",
        )


@frozen(kw_only=True)
class ImportPlan:
    """Everything an import will do; ``dry_run=True`` returns it as an :class:`ImportResult`."""

    options: ImportOptions
    writes: tuple[PlannedWrite, ...]
    unresolved: tuple[HostOutcome, ...]

    def pending(self) -> tuple[PlannedWrite, ...]:
        """The writes that need API calls."""
        return tuple(w for w in self.writes if w.needs_calls)

    def as_result(self) -> ImportResult:
        """The plan as a dry-run :class:`ImportResult`."""
        by_action: dict[str, list[HostOutcome]] = defaultdict(list)
        healed: list[HostOutcome] = []
        deleting = self.options.prune_mode == "delete"
        for write in self.writes:
            repaired = write.action in ("unchanged", "no_cves") and write.repairs
            action = "update" if repaired else write.action
            by_action[action].append(write.outcome())
            healed += [write.healed_outcome(scan, deleted=deleting) for scan in write.extras]
        return ImportResult(
            name=self.options.name,
            dry_run=True,
            created=tuple(by_action["create"]),
            updated=tuple(by_action["update"]),
            unchanged=tuple(by_action["unchanged"]),
            no_cves=tuple(by_action["no_cves"]),
            pruned=tuple(by_action["prune"]),
            healed=tuple(healed),
            unresolved=self.unresolved,
        )


def _targets(resolutions: Iterable[Resolution]) -> dict[tuple[str, str], list[Resolution]]:
    """Group resolved hosts by server (existing id, or pseudo name): one result per server and name."""
    groups: dict[tuple[str, str], list[Resolution]] = defaultdict(list)
    for res in resolutions:
        if res.server_id is not None:
            groups[("id", str(res.server_id))].append(res)
        elif res.pseudo_server_name is not None:
            groups[("pseudo", res.pseudo_server_name)].append(res)
    return groups


def repairs_for(server: Server | None, options: ImportOptions) -> tuple[int | None, tuple[str, ...] | None]:
    """The role id and tag list to write so ``server`` (a new pseudo server when None) is as requested."""
    role = options.pseudo_server_role_id
    wanted = options.pseudo_server_tags
    if server is None:
        return role, (tuple(dict.fromkeys(wanted)) if wanted else None)
    role_id = role if role is not None and server.serverrole_id != role else None
    have = [tag.name for tag in server.tags if tag.name]
    missing = [tag for tag in dict.fromkeys(wanted) if tag not in have]
    return role_id, (tuple(have + missing) if missing else None)


def _diff(existing: ExternalScan, cves: frozenset[str], options: ImportOptions) -> tuple[bool, bool, str]:
    send_cves = frozenset(existing.cve_ids) != cves
    send_flag = existing.is_external_scan != options.is_external
    changed = [what for what, flag in (("CVE ids", send_cves), ("external flag", send_flag)) if flag]
    return send_cves, send_flag, ("changed: " + ", ".join(changed)) if changed else "same CVE ids"


def _heal(scans: Sequence[ExternalScan], options: ImportOptions) -> tuple[ExternalScan, ...]:
    """The extra results that still need a write (an emptied one is done unless pruning deletes)."""
    return tuple(s for s in scans if options.prune_mode == "delete" or s.cve_ids)


def _write_for(
    kind: str,
    key: str,
    group: list[Resolution],
    *,
    named: Sequence[ExternalScan],
    on_server: Mapping[int | None, list[ExternalScan]],
    all_scans: Sequence[ExternalScan],
    options: ImportOptions,
) -> PlannedWrite:
    """The write of one target; ``on_server`` is ``named`` by server id (each list in ``named`` order)."""
    cves = frozenset().union(*(r.host.cve_ids for r in group))
    labels = tuple(r.host.address for r in group)
    if kind == "pseudo":
        if not cves:
            return PlannedWrite(
                action="no_cves", hosts=labels, cve_ids=cves, reason="no CVEs; nothing to record"
            )
        role_id, tags = repairs_for(None, options)
        return PlannedWrite(
            action="create",
            hosts=labels,
            cve_ids=cves,
            pseudo_server_name=key,
            role_id=role_id,
            tags=tags,
            reason="new pseudo server",
        )
    server_id = int(key)
    pseudo = next((r.pseudo_server for r in group if r.pseudo_server is not None), None)
    role_id, tags = repairs_for(pseudo, options) if pseudo is not None else (None, None)
    duplicates = sorted({d.id for r in group for d in r.duplicates})
    found = sorted(on_server.get(server_id, ()), key=lambda s: s.id)
    removable = tuple(
        sid
        for sid in duplicates
        if options.prune_mode == "delete"
        and not any(s.server_id == sid and s.name != options.name for s in all_scans)
    )
    extras = (
        [s for s in named if s.server_id in duplicates and s.server_id not in removable] if duplicates else []
    )
    notes = []
    if role_id is not None or tags is not None:
        notes.append("pseudo server role/tags repaired")

    def write(action: Action, **fields: Any) -> PlannedWrite:
        return PlannedWrite(
            action=action,
            hosts=labels,
            cve_ids=cves,
            server_id=server_id,
            role_id=role_id,
            tags=tags,
            duplicate_servers=removable,
            **fields,
        )

    if not found:
        heal = _heal(extras, options)
        if not cves:
            reason = "; ".join(["no CVEs; nothing to record", *notes])
            return write("no_cves", extras=heal, reason=reason)
        return write("create", extras=heal, reason="; ".join(["new result", *notes]))
    existing, *others = found
    heal = _heal([*others, *extras], options)
    if heal:
        notes.append(f"{len(heal)} duplicate result(s) healed")
    send_cves, send_flag, reason = _diff(existing, cves, options)
    return write(
        "update" if (send_cves or send_flag) else "unchanged",
        existing=existing,
        send_cve_ids=send_cves,
        send_is_external=send_flag,
        extras=heal,
        reason="; ".join([reason, *notes]),
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
    """Plan an import: resolve hosts, then diff the wanted results against the existing ones of this name.

    Hosts that are spellings of one host (see :mod:`futurevuls_ext._identity`) are one target.

    Raises:
        ConfigError: the server map names two different servers for one host (before any write).
    """
    resolutions = resolve_hosts(
        merge_hosts(hosts),
        servers,
        server_id=options.server_id,
        server_map=options.server_map,
        create_pseudo_servers=options.create_pseudo_servers,
    )
    all_scans = list(scans)
    named = [scan for scan in all_scans if scan.name == options.name]
    on_server: dict[int | None, list[ExternalScan]] = defaultdict(list)
    for scan in named:
        on_server[scan.server_id].append(scan)
    writes = [
        _write_for(kind, key, group, named=named, on_server=on_server, all_scans=all_scans, options=options)
        for (kind, key), group in _targets(resolutions).items()
    ]
    if options.prune:
        covered = {w.server_id for w in writes if w.server_id is not None}
        covered |= {d.id for r in resolutions for d in r.duplicates}
        writes.extend(_prunes(named, covered, options))
    unresolved = tuple(
        HostOutcome(host=r.host.address, cve_count=len(r.host.cve_ids), reason=r.reason)
        for r in resolutions
        if not r.resolved
    )
    return ImportPlan(options=options, writes=tuple(writes), unresolved=unresolved)
