"""``update``: re-scan every IP of the mapping file and update each result's CVE list.

IPs are scanned one after another (nmap itself parallelises within a scan); each IP is scanned once
even when it feeds several results.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from .._exceptions import AuthenticationError, ConfigError, FutureVulsError, NotFoundError
from ._errors import NmapNotFoundError
from ._lock import mapping_lock
from ._mapping import load_mapping
from ._result import IpOutcome, JobResult
from ._scan import ReportSource, cve_ids_for
from ._sync import failed, resolve_mapping_path, sync_result

if TYPE_CHECKING:
    from .._client import Client

__all__ = ["Progress", "update_all"]

Progress = Callable[[IpOutcome], None]
"""Called with each IP's outcome as soon as it is known."""


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
    path = resolve_mapping_path(mapping_path)
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
                    outcome = failed(entry, cves)
                else:
                    outcome = sync_result(client, entry, cves, name=None, is_external=None)
            except (AuthenticationError, NmapNotFoundError):
                raise
            except NotFoundError:
                outcome = failed(
                    entry,
                    f"result {entry.external_scan_id} no longer exists in FutureVuls; run "
                    f"'futurevuls-ext nmap add {entry.ip} NAME {entry.server_id}' to create a new one",
                )
            except FutureVulsError as exc:
                outcome = failed(entry, str(exc))
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
    return JobResult(outcomes=tuple(outcomes))
