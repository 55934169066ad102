"""Bring one result in line with one scan: fetch it, send only what differs.

The mapping file keeps the article's three columns; the last CVE set is not cached in it: FutureVuls'
own copy is the reference (one GET per result), so an edit made in the web UI is also corrected and a
run whose scans found nothing new writes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import attrs

from .._core.program import Program, answer
from .._exceptions import ConfigError
from ..profile import ApiProfile
from ..resources import calls
from ._mapping import MappingEntry, default_mapping_path
from ._result import IpOutcome

__all__ = ["failed", "resolve_mapping_path", "sync_result", "with_reason"]


def with_reason(outcome: IpOutcome, reason: str) -> IpOutcome:
    """``outcome`` with ``reason`` put before its own reason (unchanged when ``reason`` is empty)."""
    if not reason:
        return outcome
    return attrs.evolve(outcome, reason="; ".join(r for r in (reason, outcome.reason) if r))


def sync_result(
    profile: ApiProfile,
    entry: MappingEntry,
    cves: frozenset[str],
    *,
    name: str | None,
    is_external: bool | None,
) -> Program[IpOutcome]:
    """Fetch the result and send what differs; raises NotFoundError when the result is gone."""
    current = yield from answer(
        calls.external_scans.get(profile, entry.external_scan_id, server_id=entry.server_id)
    )
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
        yield from answer(
            calls.external_scans.update(profile, entry.external_scan_id, server_id=entry.server_id, **changes)
        )
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


def resolve_mapping_path(mapping_path: str | os.PathLike[str] | None) -> Path:
    """The given path, else ``$FUTUREVULS_NMAP_MAPPING``, else ``./ip_and_id_mapping.txt``."""
    return Path(mapping_path) if mapping_path is not None else default_mapping_path()


def failed(entry: MappingEntry, reason: str) -> IpOutcome:
    """A failed outcome for ``entry``."""
    return IpOutcome(
        ip=entry.ip,
        server_id=entry.server_id,
        external_scan_id=entry.external_scan_id,
        action="failed",
        reason=reason,
    )
