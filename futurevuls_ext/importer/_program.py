"""``import_report`` as one program both clients run (see :mod:`futurevuls_ext._core.program`).

Load the report(s), take the local lock, list what exists, plan, then walk the phases of
:class:`~._run.ImportRun`: create pseudo servers, re-check them, write, re-check the created results,
rescan. Everything is decided
by pure code (``_plan``, ``_execute``, ``_settle``, ``_run``); the program only says what to fetch and
what to send. ``Client.import_report`` and ``AsyncClient.import_report`` build the
:class:`ImportOptions` (validated before the report is read) and run it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import suppress
from typing import Any, BinaryIO

from attrs import frozen

from .._core.program import Program, all_of, blocking, list_all
from .._exceptions import FutureVulsError, ParseError
from ..models import ExternalScan, Server
from ..parsers import ScanReport, merge_reports, parse_report
from ..profile import ApiProfile
from ..resources import calls
from ._execute import Created, Executed
from ._listing import list_existing, list_results
from ._lock import hold, lock_file, release
from ._options import ImportOptions
from ._plan import ImportPlan, plan_import
from ._progress import ProgressArg, ProgressSink
from ._recheck import list_for_recheck
from ._report_notes import finish_result
from ._result import ImportResult
from ._run import ImportRun

__all__ = [
    "ImportTarget",
    "ReportInput",
    "ReportInputs",
    "import_report",
    "list_results",
    "load_report",
    "run_plan",
]

ReportInput = ScanReport | str | os.PathLike[str] | BinaryIO
"""One report: parsed, a path, or a binary stream."""
ReportInputs = ReportInput | Sequence[ReportInput]
"""What ``import_report`` takes: one report, or a list of them (merged with ``merge_reports``)."""


@frozen
class ImportTarget:
    """Which FutureVuls group an import writes to, for its local lock.

    Attributes:
        base_url: the API root.
        group_key: a fingerprint of the token (never the token itself).
    """

    base_url: str
    group_key: str


def _sources(source: ReportInputs) -> list[ReportInput]:
    if isinstance(source, (list, tuple)):
        return list(source)
    return [source]  # type: ignore[list-item]


def load_report(source: ReportInputs, *, format: str | None = None, prune: bool = False) -> ScanReport:
    """A :class:`ScanReport` as given, parsed from a path or binary stream, or several merged into one.

    Several sources are merged with :func:`~futurevuls_ext.parsers.merge_reports` (hosts of one
    identity become one host; every report's warnings and skipped records are kept).

    Raises:
        ParseError: with ``prune``, when any input is cut off (whatever the order): pruning would empty
            the results of every host after the cut, so a truncated report is refused instead.
    """
    reports = [
        item if isinstance(item, ScanReport) else parse_report(item, format=format, keep_findings=False)
        for item in _sources(source)
    ]
    report = merge_reports(reports)
    if prune and report.truncated:
        cut = "; ".join(f"{mark.source} at {mark.location}" for mark in report.truncations)
        raise ParseError(
            f"the report is truncated ({cut}); refusing to prune, which would empty the results of the "
            "hosts after the cut. Import it without prune, or fix the file",
            source=report.source,
            parser=report.format,
        )
    return report


def _interruption(exc: BaseException) -> bool:
    """Ctrl-C or a task cancellation (not an error, and not the program being closed)."""
    return not isinstance(exc, (Exception, GeneratorExit))


def _all(flows: Sequence[Program[Any]], concurrency: int) -> Program[list[Any]]:
    """Every flow's record, in order; a flow never raises, but if one did its error is raised here."""
    return (yield from all_of(flows, concurrency=concurrency))


def _recorded(flow: Program[Executed | Created], run: ImportRun) -> Program[Executed | Created]:
    """The write flow, recorded the moment it finishes (progress, and the partial result on Ctrl-C)."""
    executed = yield from flow
    run.record(executed)
    return executed


def _recheck(run: ImportRun, created: Sequence[Any]) -> Program[list[Server] | None]:
    if not run.need_recheck(created):
        return None
    with suppress(FutureVulsError):
        return (yield from list_all(calls.servers.list_servers()))
    return None


def _recheck_results(run: ImportRun, concurrency: int) -> Program[None]:
    """Re-check this run's creates: one listing of the group's results, or one per created server."""
    if not run.unchecked():
        return
    listed: list[ExternalScan] | None = None
    if run.group_recheck():
        try:
            listed = yield from list_for_recheck(run.profile, run.expected_results())
        except FutureVulsError as exc:
            run.recheck_failed(exc)
            return
    yield from _all(run.recheck_flows(listed), concurrency)


def _phases(
    profile: ApiProfile, report: ScanReport, opts: ImportOptions, progress: ProgressArg
) -> Program[ImportResult]:
    servers, scans = yield from list_existing(
        profile, opts.server_id, expected_items=len(report.hosts), concurrency=opts.concurrency
    )
    plan = plan_import(report.hosts, servers, scans, opts)
    if opts.dry_run:
        return finish_result(plan.as_result(), report)
    result = yield from run_plan(
        profile, plan, progress, warnings=report.warnings, known_servers=servers, known_scans=scans
    )
    return finish_result(result, report)


def run_plan(
    profile: ApiProfile,
    plan: ImportPlan,
    progress: ProgressArg,
    *,
    warnings: Sequence[str] = (),
    known_servers: Sequence[Server] = (),
    known_scans: Sequence[ExternalScan] = (),
) -> Program[ImportResult]:
    """Carry out a plan: pseudo servers and their re-check, writes and theirs, rescans (also the Nmap job's).

    ``known_servers`` / ``known_scans`` are what was listed before planning (the re-check never
    deletes those). Ctrl-C or cancellation raises :class:`ImportInterrupted` with the result so far.
    """
    concurrency = plan.options.concurrency
    with ProgressSink(progress, len(plan.pending())) as sink:
        run = ImportRun(plan, profile, sink, warnings, known_servers=known_servers, known_scans=known_scans)
        try:
            created = yield from _all(run.pseudo_flows(), concurrency)
            run.settle(created, (yield from _recheck(run, created)))
            yield from _all([_recorded(flow, run) for flow in run.write_flows()], concurrency)
            yield from _recheck_results(run, concurrency)
            run.rescanned((yield from _all(run.rescan_flows(), concurrency)))
        except BaseException as exc:
            if _interruption(exc):
                raise run.interrupted() from exc
            raise
    return run.result()


def import_report(
    profile: ApiProfile,
    target: ImportTarget,
    source: ReportInputs,
    options: ImportOptions,
    *,
    format: str | None,
    progress: ProgressArg,
) -> Program[ImportResult]:
    """Parse the report (off the event loop), hold the lock, list, plan, then run the phases."""
    report = yield from blocking(lambda: load_report(source, format=format, prune=options.prune))
    opts = options.for_report(report.format)
    if not opts.lock or opts.dry_run:
        return (yield from _phases(profile, report, opts, progress))
    fd = yield from hold(lock_file(target.base_url, target.group_key, opts.name))
    try:
        return (yield from _phases(profile, report, opts, progress))
    finally:
        release(fd)
