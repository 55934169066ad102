"""The two jobs: ``add`` (one IP -> a new or existing result) and ``update`` (every recorded IP).

Both hold the mapping's lock for the whole run. Before writing, a job fetches the result and sends
only what changed (``cve_ids`` replaces the whole list), so a run whose scans found nothing new makes
no write at all. The mapping file keeps the article's three columns; the last CVE set is not cached
in it: FutureVuls' own copy is the reference, so an edit made in the web UI is also corrected.
IPs are scanned one after another (nmap itself parallelises within a scan).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .._exceptions import AuthenticationError, ConfigError, FutureVulsError, NotFoundError
from ._address import normalize_ip
from ._errors import NmapNotFoundError
from ._lock import mapping_lock
from ._mapping import Mapping, MappingEntry, default_mapping_path, load_mapping, save_mapping
from ._result import IpOutcome, JobResult
from ._scan import ReportSource, cve_ids_for

if TYPE_CHECKING:
    from .._client import Client

__all__ = ["Progress", "add_ip", "update_all"]

Progress = Callable[[IpOutcome], None]
"""Called with each IP's outcome as soon as it is known."""


def _with_reason(outcome: IpOutcome, reason: str) -> IpOutcome:
    if not reason:
        return outcome
    return attrs.evolve(outcome, reason="; ".join(r for r in (reason, outcome.reason) if r))


def _sync(
    client: Client, entry: MappingEntry, cves: frozenset[str], *, name: str | None, is_external: bool | None
) -> IpOutcome:
    """Fetch the result and send what differs; raises NotFoundError when the result is gone."""
    current = client.external_scans.get(entry.external_scan_id)
    if current.server_id != entry.server_id:
        raise ConfigError(
            f"the mapping says result {entry.external_scan_id} of {entry.ip} is on server {entry.server_id}, "
            f"but FutureVuls has it on server {current.server_id}; fix the line in the mapping file"
        )
    before = frozenset(current.cve_ids)
    changes: dict[str, Any] = {}
    if before != cves:
        changes["cve_ids"] = sorted(cves)
    if name is not None and current.name != name:
        changes["name"] = name
    if is_external is not None and current.is_external_scan != is_external:
        changes["is_external"] = is_external
    if changes:
        client.external_scans.update(entry.external_scan_id, **changes)
    return IpOutcome(
        ip=entry.ip,
        server_id=entry.server_id,
        external_scan_id=entry.external_scan_id,
        action="updated" if changes else "unchanged",
        cve_ids=cves,
        added=cves - before,
        removed=before - cves,
        reason=", ".join(f"{key.replace('_', ' ')} changed" for key in changes if key != "cve_ids"),
    )


def _adoptable(client: Client, mapping: Mapping, *, server_id: int, name: str) -> int | None:
    """The id of a result of this server and name that no mapping line claims (a lost mapping line)."""
    claimed = {entry.external_scan_id for entry in mapping.entries}
    ids = sorted(
        scan.id
        for scan in client.external_scans.list(server_id=server_id)
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
    client: Client,
    mapping: Mapping,
    entry: MappingEntry,
    cves: frozenset[str],
    *,
    name: str,
    is_external: bool,
    replaces: MappingEntry | None,
) -> tuple[IpOutcome, Mapping]:
    """Create the result (or adopt an unclaimed one of the same server and name) and record it."""
    adopted = _adoptable(client, mapping, server_id=entry.server_id, name=name)
    if adopted is not None:
        entry = attrs.evolve(entry, external_scan_id=adopted)
        outcome = _sync(client, entry, cves, name=name, is_external=is_external)
        reason = f"adopted existing result {adopted} of the same server and name"
    else:
        scan = client.external_scans.create(
            server_id=entry.server_id, name=name, cve_ids=sorted(cves), is_external=is_external
        )
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
    return _with_reason(outcome, reason), _record(mapping, replaces, entry)


def _mapping_path(mapping_path: str | os.PathLike[str] | None) -> Path:
    return Path(mapping_path) if mapping_path is not None else default_mapping_path()


def add_ip(
    client: Client,
    ip: str,
    name: str,
    server_id: int,
    *,
    source: ReportSource,
    is_external: bool = True,
    mapping_path: str | os.PathLike[str] | None = None,
) -> JobResult:
    """Scan one IP and write its CVEs to an external scan result, recording it in the mapping file.

    An IP already recorded for this server updates its result (name, flag and CVE list; only what
    differs is sent) instead of creating a second one. Otherwise a result of the same server and name
    that no mapping line claims is adopted (a lost mapping file does not create duplicates); else a new
    result is created. The mapping is written atomically right after the create.

    Args:
        client: the API client.
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
    path = _mapping_path(mapping_path)
    with mapping_lock(path):
        mapping = load_mapping(path)
        cves = cve_ids_for(source.scan(address), address)
        outcomes: list[IpOutcome] = []
        existing = mapping.find(address, server_id)
        for entry in existing:
            try:
                outcomes.append(_sync(client, entry, cves, name=name, is_external=is_external))
            except NotFoundError:
                outcome, mapping = _create(
                    client, mapping, entry, cves, name=name, is_external=is_external, replaces=entry
                )
                outcomes.append(outcome)
        if not existing:
            new = MappingEntry(ip=address, external_scan_id=1, server_id=server_id)  # id set by _create
            outcome, mapping = _create(
                client, mapping, new, cves, name=name, is_external=is_external, replaces=None
            )
            outcomes.append(outcome)
    return JobResult(outcomes=tuple(outcomes))


def _failed(entry: MappingEntry, reason: str) -> IpOutcome:
    return IpOutcome(
        ip=entry.ip,
        server_id=entry.server_id,
        external_scan_id=entry.external_scan_id,
        action="failed",
        reason=reason,
    )


def update_all(
    client: Client,
    *,
    source: ReportSource,
    mapping_path: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
) -> JobResult:
    """Re-scan every IP of the mapping file and bring each result's CVE list up to date.

    Each IP is scanned once, even when it feeds several results. A failing IP (nmap error, host down,
    result deleted, API error) is recorded and the others go on; only a missing nmap binary and a
    rejected token stop the run, since every IP would fail the same way. The mapping file is not
    rewritten.

    Raises:
        ConfigError: no mapping file, a malformed line, or nmap missing (NmapNotFoundError).
        MappingLockedError: another run holds the lock.
        AuthenticationError: the API token was refused.
    """
    path = _mapping_path(mapping_path)
    with mapping_lock(path):
        mapping = load_mapping(path)
        if not mapping.exists:
            raise ConfigError(
                f"no mapping file {str(path)!r}: record IPs with 'futurevuls-ext nmap add' first, or point "
                "--mapping (or $FUTUREVULS_NMAP_MAPPING) at the file"
            )
        scans: dict[str, frozenset[str] | str] = {}
        outcomes: list[IpOutcome] = []
        for entry in mapping.entries:
            try:
                if entry.ip not in scans:
                    try:
                        scans[entry.ip] = cve_ids_for(source.scan(entry.ip), entry.ip)
                    except NmapNotFoundError:
                        raise
                    except FutureVulsError as exc:
                        scans[entry.ip] = str(exc)
                cves = scans[entry.ip]
                if isinstance(cves, str):
                    outcome = _failed(entry, cves)
                else:
                    outcome = _sync(client, entry, cves, name=None, is_external=None)
            except (AuthenticationError, NmapNotFoundError):
                raise
            except NotFoundError:
                outcome = _failed(
                    entry,
                    f"result {entry.external_scan_id} no longer exists in FutureVuls; run "
                    f"'futurevuls-ext nmap add {entry.ip} NAME {entry.server_id}' to create a new one",
                )
            except FutureVulsError as exc:
                outcome = _failed(entry, str(exc))
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
    return JobResult(outcomes=tuple(outcomes))
