"""``update``: re-scan every IP of the mapping file and update each result's CVE list.

Each IP is scanned once even when it feeds several results. Scans run one after another by default
(like the article's script; nmap parallelises within a scan), or ``parallel`` at a time in worker
threads (each runs its own nmap process); API calls stay on the calling thread, one IP at a time, as
each scan finishes. Outcomes are returned in mapping order.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import TYPE_CHECKING

from .._exceptions import AuthenticationError, ConfigError, FutureVulsError, NotFoundError
from ._errors import NmapNotFoundError
from ._lock import mapping_lock
from ._mapping import MappingEntry, load_mapping
from ._result import IpOutcome, JobResult
from ._scan import ReportSource, cve_ids_for
from ._sync import failed, resolve_mapping_path, sync_result

if TYPE_CHECKING:
    from .._client import Client

__all__ = ["Progress", "update_all"]

Progress = Callable[[IpOutcome], None]
"""Called with each IP's outcome as soon as it is known."""


def _scan(source: ReportSource, ip: str) -> frozenset[str] | str:
    """The IP's CVE IDs, or why the scan failed (a missing nmap binary still raises)."""
    try:
        return cve_ids_for(source.scan(ip), ip)
    except NmapNotFoundError:
        raise
    except FutureVulsError as exc:
        return str(exc)


def _scans(source: ReportSource, ips: list[str], parallel: int) -> Iterator[tuple[str, frozenset[str] | str]]:
    """Each IP with its scan, as scans finish."""
    if parallel <= 1 or len(ips) <= 1:
        for ip in ips:
            yield ip, _scan(source, ip)
        return
    pool = ThreadPoolExecutor(max_workers=min(parallel, len(ips)), thread_name_prefix="nmap-scan")
    try:
        futures = {pool.submit(_scan, source, ip): ip for ip in ips}
        for future in as_completed(futures):
            yield futures[future], future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _sync_entry(client: Client, entry: MappingEntry, scan: frozenset[str] | str) -> IpOutcome:
    """One entry's outcome; only a refused token escapes."""
    if isinstance(scan, str):
        return failed(entry, scan)
    try:
        return sync_result(client, entry, scan, name=None, is_external=None)
    except AuthenticationError:
        raise
    except NotFoundError:
        return failed(
            entry,
            f"result {entry.external_scan_id} no longer exists in FutureVuls; run "
            f"'futurevuls-ext nmap add {entry.ip} NAME {entry.server_id}' to create a new one",
        )
    except FutureVulsError as exc:
        return failed(entry, str(exc))


def update_all(
    client: Client,
    *,
    source: ReportSource,
    mapping_path: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
    parallel: int = 1,
) -> JobResult:
    """Re-scan every IP of the mapping file and bring each result's CVE list up to date.

    Each IP is scanned once, even when it feeds several results. A failing IP (nmap error, host down,
    result deleted, API error) is recorded and the others go on; only a missing nmap binary and a
    rejected token stop the run, since every IP would fail the same way. The mapping file is not
    rewritten.

    Args:
        client: the API client.
        source: where each IP's Nmap XML comes from.
        mapping_path: the mapping file (default ``$FUTUREVULS_NMAP_MAPPING`` or ``./ip_and_id_mapping.txt``).
        progress: called with each outcome as soon as it is known (in completion order).
        parallel: how many scans may run at once (default 1: one after another).

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
        entries = mapping.entries
        by_ip: dict[str, list[int]] = {}
        for index, entry in enumerate(entries):
            by_ip.setdefault(entry.ip, []).append(index)
        outcomes: dict[int, IpOutcome] = {}
        for ip, scan in _scans(source, list(by_ip), parallel):
            for index in by_ip[ip]:
                outcome = outcomes[index] = _sync_entry(client, entries[index], scan)
                if progress is not None:
                    progress(outcome)
    return JobResult(outcomes=tuple(outcomes[index] for index in sorted(outcomes)))
