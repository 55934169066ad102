"""``update``: re-scan every IP of the mapping file and update each result's CVE list.

Each IP is scanned once even when it feeds several results. Scans run one after another by default
(like the article's script; nmap parallelises within a scan), or ``parallel`` at a time in worker
threads (each runs its own nmap process); API calls stay on the calling thread, one IP at a time, as
each scan finishes. Outcomes are returned in mapping order.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Generator
from concurrent.futures import ThreadPoolExecutor, as_completed

from .._core.program import Program, blocking
from .._exceptions import AuthenticationError, ConfigError, FutureVulsError, NotFoundError
from ..profile import ApiProfile
from ._errors import NmapNotFoundError
from ._lock import mapping_lock
from ._mapping import MappingEntry, load_mapping
from ._result import IpOutcome, JobResult
from ._scan import NmapSource, cve_ids_for
from ._sync import failed, resolve_mapping_path, sync_result

__all__ = ["Progress", "update_all"]

Progress = Callable[[IpOutcome], None]
"""Called with each IP's outcome as soon as it is known."""


def _scan(source: NmapSource, ip: str) -> frozenset[str] | str:
    """The IP's CVE IDs, or why the scan failed (a missing nmap binary still raises)."""
    try:
        return cve_ids_for(source.scan(ip), ip)
    except NmapNotFoundError:
        raise
    except FutureVulsError as exc:
        return str(exc)


def _scans(
    source: NmapSource, ips: list[str], parallel: int
) -> Generator[tuple[str, frozenset[str] | str], None, None]:
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


def _sync_entry(profile: ApiProfile, entry: MappingEntry, scan: frozenset[str] | str) -> Program[IpOutcome]:
    """One entry's outcome; only a refused token escapes."""
    if isinstance(scan, str):
        return failed(entry, scan)
    try:
        return (yield from sync_result(profile, entry, scan, name=None, is_external=None))
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
    profile: ApiProfile,
    *,
    source: NmapSource,
    mapping_path: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
    parallel: int = 1,
) -> Program[JobResult]:
    """Re-scan every IP of the mapping file and bring each result's CVE list up to date.

    Each IP is scanned once, even when it feeds several results. A failing IP (nmap error, host down,
    result deleted, API error) is recorded and the others go on; only a missing nmap binary and a
    rejected token stop the run, since every IP would fail the same way. The mapping file is not
    rewritten.

    Args:
        profile: the client's API profile.
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
        with contextlib.closing(_scans(source, list(by_ip), parallel)) as scans:
            while (done := (yield from blocking(lambda: next(scans, None)))) is not None:
                ip, scan = done
                for index in by_ip[ip]:
                    outcome = outcomes[index] = yield from _sync_entry(profile, entries[index], scan)
                    if progress is not None:
                        progress(outcome)
    return JobResult(outcomes=tuple(outcomes[index] for index in sorted(outcomes)))
