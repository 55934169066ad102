"""``add``: scan one IP and create (or update, or adopt) its external scan result."""

from __future__ import annotations

import os

import attrs

from .._core.program import Program, answer, blocking, list_all
from .._exceptions import ConfigError, NotFoundError
from ..profile import ApiProfile
from ..resources import calls
from ._address import normalize_ip
from ._lock import mapping_lock
from ._mapping import Mapping, MappingEntry, load_mapping, save_mapping
from ._result import IpOutcome, JobResult
from ._scan import NmapSource, cve_ids_for
from ._sync import resolve_mapping_path, sync_result, with_reason

__all__ = ["add_ip"]


def _adoptable(profile: ApiProfile, mapping: Mapping, *, server_id: int, name: str) -> Program[int | None]:
    """The id of a result of this server and name that no mapping line claims (a lost mapping line)."""
    claimed = {entry.external_scan_id for entry in mapping.entries}
    scans = yield from list_all(calls.external_scans.list_external_scans(profile, server_id=server_id))
    ids = sorted(
        scan.id
        for scan in scans
        if scan.name == name and scan.server_id == server_id and scan.id not in claimed
    )
    if len(ids) > 1:
        raise ConfigError(
            f"server {server_id} already has {len(ids)} external scan results named {name!r} that no line "
            f"of {str(mapping.path)!r} records (ids {', '.join(map(str, ids))}); add the right one to the "
            "mapping file or delete the others, then run again"
        )
    return ids[0] if ids else None


def _record(mapping: Mapping, old: MappingEntry | None, new: MappingEntry) -> Mapping:
    changed = mapping.replacing(old, new) if old is not None else mapping.with_entry(new)
    try:
        save_mapping(changed)
    except ConfigError as exc:
        raise ConfigError(
            f"{exc}. Result {new.external_scan_id} exists in FutureVuls: add the line "
            f"'{new.to_line()}' to the mapping file by hand so the next run updates it"
        ) from exc
    return changed


def _create(
    profile: ApiProfile,
    mapping: Mapping,
    entry: MappingEntry,
    cves: frozenset[str],
    *,
    name: str,
    is_external: bool,
    replaces: MappingEntry | None,
) -> Program[tuple[IpOutcome, Mapping]]:
    """Create the result (or adopt an unclaimed one of the same server and name) and record it."""
    adopted = yield from _adoptable(profile, mapping, server_id=entry.server_id, name=name)
    if adopted is not None:
        entry = attrs.evolve(entry, external_scan_id=adopted)
        outcome = yield from sync_result(profile, entry, cves, name=name, is_external=is_external)
        reason = f"adopted existing result {adopted} of the same server and name"
    else:
        create = calls.external_scans.create(
            profile, server_id=entry.server_id, name=name, cve_ids=sorted(cves), is_external=is_external
        )
        scan = yield from answer(create)
        entry = attrs.evolve(entry, external_scan_id=scan.id)
        outcome = IpOutcome(
            ip=entry.ip,
            server_id=entry.server_id,
            external_scan_id=scan.id,
            action="created",
            cve_ids=cves,
            added=cves,
        )
        reason = ""
    if replaces is not None:
        reason = "; ".join(r for r in (f"result {replaces.external_scan_id} no longer existed", reason) if r)
    return with_reason(outcome, reason), _record(mapping, replaces, entry)


def add_ip(
    profile: ApiProfile,
    ip: str,
    name: str,
    server_id: int,
    *,
    source: NmapSource,
    is_external: bool = True,
    mapping_path: str | os.PathLike[str] | None = None,
) -> Program[JobResult]:
    """Scan one IP and write its CVEs to an external scan result, recording it in the mapping file.

    An IP already recorded for this server updates its result (name, flag and CVE list; only what
    differs is sent) instead of creating a second one; the same IP added to another server gets a
    result of its own there. Otherwise a result of the same server and name
    that no mapping line claims is adopted (a lost mapping file does not create duplicates); else a new
    result is created. The mapping is written atomically right after the create.

    Args:
        profile: the client's API profile.
        ip: one IPv4 or IPv6 address (no CIDR, no hostname).
        name: the result's name, as shown in FutureVuls.
        server_id: the server (often a pseudo server) the result belongs to.
        source: where the Nmap XML comes from (:class:`NmapScanner`, :class:`XmlFileSource`...).
        is_external: the "exposed externally" flag (False for ``--internal``).
        mapping_path: the mapping file (default ``$FUTUREVULS_NMAP_MAPPING`` or ``./ip_and_id_mapping.txt``).

    Raises:
        ConfigError: bad IP, name or server id; a malformed mapping; nmap missing (NmapNotFoundError).
        MappingLockedError: another run holds the lock.
        NmapScanError: nmap failed, or its report has no up host at ``ip``.
        APIError: the API refused or failed.
    """
    address = normalize_ip(ip)
    if not name.strip():
        raise ConfigError("NAME must not be empty: it is the external scan result's name in FutureVuls")
    if server_id < 1:
        raise ConfigError(f"SERVER_ID must be a positive server id, got {server_id}")
    path = resolve_mapping_path(mapping_path)
    with mapping_lock(path):
        mapping = load_mapping(path)
        report = yield from blocking(lambda: source.scan(address))
        cves = cve_ids_for(report, address)
        outcomes: list[IpOutcome] = []
        existing = mapping.find(address, server_id)
        for entry in existing:
            try:
                outcomes.append(
                    (yield from sync_result(profile, entry, cves, name=name, is_external=is_external))
                )
            except NotFoundError:
                outcome, mapping = yield from _create(
                    profile, mapping, entry, cves, name=name, is_external=is_external, replaces=entry
                )
                outcomes.append(outcome)
        if not existing:
            new = MappingEntry(ip=address, external_scan_id=1, server_id=server_id)  # id set by _create
            outcome, mapping = yield from _create(
                profile, mapping, new, cves, name=name, is_external=is_external, replaces=None
            )
            outcomes.append(outcome)
    return JobResult(outcomes=tuple(outcomes))
