"""``update``: re-scan every IP of the mapping file and update each result's CVE list.

Each IP is scanned once even when it feeds several results. Scans run one after another by default
(like the article's script; nmap parallelises within a scan), or ``parallel`` at a time in worker
threads (each runs its own nmap process). Then the results are listed once and every line goes
through the import planner (the same rules as ``import_report``). Outcomes are returned in mapping
order; a failed scan is reported as soon as it is known, the others as they are written.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Generator
from concurrent.futures import ThreadPoolExecutor, as_completed

import attrs

from .._core.program import Program, blocking
from .._exceptions import ConfigError, FutureVulsError
from ..importer._pinned import ResultTarget
from ..importer._program import list_results
from ..profile import ApiProfile
from ._errors import NmapNotFoundError
from ._lock import mapping_lock
from ._mapping import load_mapping
from ._planned import Planned, failed, resolve_mapping_path, run_targets
from ._result import IpOutcome, JobResult
from ._scan import NmapSource, cve_ids_for

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


def update_all(
    profile: ApiProfile,
    *,
    source: NmapSource,
    mapping_path: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
    parallel: int = 1,
) -> Program[JobResult]:
    """The program of ``client.nmap.update`` (:meth:`NmapJobMethods.update` documents the arguments).

    Each IP is scanned once; a failing IP is recorded and the others go on. Only a missing nmap binary
    and a rejected token stop the run, since every IP would fail the same way.
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
        scanned: dict[str, frozenset[str]] = {}
        with contextlib.closing(_scans(source, list(by_ip), parallel)) as scans:
            while (done := (yield from blocking(lambda: next(scans, None)))) is not None:
                ip, scan = done
                if isinstance(scan, frozenset):
                    scanned[ip] = scan
                    continue
                for index in by_ip[ip]:  # this IP's scan failed: its results stay as they are
                    outcomes[index] = failed(entries[index], scan)
                    if progress is not None:
                        progress(outcomes[index])
        claimed = frozenset(entry.external_scan_id for entry in entries)
        items = [
            Planned(
                entry=entry,
                target=ResultTarget(
                    label=str(index),
                    server_id=entry.server_id,
                    cve_ids=scanned[entry.ip],
                    pinned=entry.external_scan_id,
                    missing="fail",
                    claimed=claimed - {entry.external_scan_id},
                ),
            )
            for index, entry in enumerate(entries)
            if entry.ip in scanned
        ]
        if items:
            results = yield from list_results(profile, sorted({item.entry.server_id for item in items}))

            def show(outcome: IpOutcome) -> None:
                if progress is not None:
                    progress(_hint(outcome))

            written = yield from run_targets(profile, items, results, name="nmap", progress=show)
            for item, outcome in zip(items, written, strict=True):
                outcomes[int(item.target.label)] = _hint(outcome)
    return JobResult(outcomes=tuple(outcomes[index] for index in sorted(outcomes)))


def _hint(outcome: IpOutcome) -> IpOutcome:
    """A result gone from FutureVuls says how to create a new one."""
    if outcome.action == "failed" and outcome.reason.endswith("no longer exists in FutureVuls"):
        return attrs.evolve(
            outcome,
            reason=f"{outcome.reason}; run 'futurevuls-ext nmap add {outcome.ip} NAME {outcome.server_id}' "
            "to create a new one",
        )
    return outcome
