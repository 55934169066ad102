"""``add``: scan one IP and create (or update, or adopt) its external scan result."""

from __future__ import annotations

import os

import attrs

from .._core.program import Program, answer, blocking
from .._exceptions import ConfigError
from ..importer._pinned import ResultTarget
from ..importer._program import list_results
from ..profile import ApiProfile
from ..resources import calls
from ._address import normalize_ip
from ._lock import mapping_lock
from ._mapping import Mapping, MappingEntry, load_mapping, save_mapping
from ._planned import Planned, resolve_mapping_path, run_targets
from ._result import JobResult
from ._scan import NmapSource, cve_ids_for

__all__ = ["add_ip"]


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


def _items(
    mapping: Mapping, address: str, server_id: int, cves: frozenset[str], *, name: str, is_external: bool
) -> list[Planned]:
    """The targets of ``add``: the IP's recorded lines on this server, else one new line."""
    claimed = frozenset(entry.external_scan_id for entry in mapping.entries)
    base = ResultTarget(
        label="new", server_id=server_id, cve_ids=cves, name=name, is_external=is_external, claimed=claimed
    )
    existing = mapping.find(address, server_id)
    if not existing:
        new = MappingEntry(ip=address, external_scan_id=1, server_id=server_id)  # id set once written
        return [Planned(entry=new, target=base)]
    return [
        Planned(
            entry=entry,
            target=attrs.evolve(
                base,
                label=str(index),
                pinned=entry.external_scan_id,
                missing="create",
                claimed=claimed - {entry.external_scan_id},
            ),
        )
        for index, entry in enumerate(existing)
    ]


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

    The job goes through the import planner (the same rules as ``import_report``). An IP already
    recorded for this server updates its result (name, flag and CVE list; only what differs is sent)
    instead of creating a second one; a recorded result that no longer exists is created again; the
    same IP added to another server gets a result of its own there. Otherwise the lowest result of the
    same server and name that no mapping line claims is adopted (a lost mapping file does not create
    duplicates) and further unclaimed ones are emptied; else a new result is created. The mapping is
    written atomically right after the writes.

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
        yield from answer(calls.servers.get(server_id))  # an unknown server fails before any write
        scans = yield from list_results(profile, [server_id], only_these=True)
        items = _items(mapping, address, server_id, cves, name=name, is_external=is_external)
        outcomes = yield from run_targets(profile, items, scans, name=name, is_external=is_external)
        for item, outcome in zip(items, outcomes, strict=True):
            written = outcome.external_scan_id
            if outcome.action == "failed" or written is None or written == item.entry.external_scan_id:
                continue
            new = attrs.evolve(item.entry, external_scan_id=written)
            mapping = _record(mapping, item.entry if item.target.pinned is not None else None, new)
    return JobResult(outcomes=tuple(outcomes))
