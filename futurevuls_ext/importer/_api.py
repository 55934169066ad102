"""``import_report`` for both clients: load the report, list what exists, plan, then write.

``Client.import_report`` and ``AsyncClient.import_report`` call these; everything they share (report
loading, options, the plan, the write flows, the result) is pure and lives once.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from contextlib import nullcontext, suppress
from typing import TYPE_CHECKING, Any, BinaryIO, TypedDict, Unpack

import anyio.to_thread

from .._exceptions import FutureVulsError, ParseError
from ..parsers import ScanReport, merge_reports, parse_report
from ._calls import ResourceCalls, list_external_scans, list_servers
from ._drive import run_async, run_sync
from ._lock import lock_file, locked_async, locked_sync
from ._options import ImportOptions, PruneMode
from ._plan import plan_import
from ._progress import ProgressArg, ProgressSink
from ._report_notes import finish_result
from ._result import ImportResult
from ._run import ImportRun

if TYPE_CHECKING:
    from .._async_client import AsyncClient
    from .._client import Client

__all__ = [
    "ImportKwargs",
    "ReportInput",
    "ReportSource",
    "import_report_async",
    "import_report_sync",
    "load_report",
    "make_options",
]

ReportInput = ScanReport | str | os.PathLike[str] | BinaryIO
"""One report: parsed, a path, or a binary stream."""
ReportSource = ReportInput | Sequence[ReportInput]
"""What ``import_report`` takes: one report, or a list of them (merged with ``merge_reports``)."""


class ImportKwargs(TypedDict, total=False):
    """The options of ``Client.import_report`` / ``AsyncClient.import_report`` (all optional).

    Attributes:
        format: force a parser instead of detecting the report's format (``"nessus"``, ``"nmap"``,
            ``"qualys-csv"``, ``"qualys-xml"``, ``"openvas"``, ``"openvas-csv"``, ``"nessus-csv"``,
            ``"burp"``, ``"zap"``...: any name of ``futurevuls_ext.parsers.registry.names()``).
        server_id: attach every host to this server.
        server_map: host, IP or hostname -> server id (see :func:`futurevuls_ext.load_server_map`);
            the way to map public or NAT addresses.
        create_pseudo_servers: create a pseudo server, named after the host, for hosts that match none.
        pseudo_server_tags: tags for new pseudo servers (an unconfirmed route: see the ApiProfile).
        pseudo_server_role_id: role of new pseudo servers.
        name: the external scan result name; default the report format, stable across runs.
        is_external: the results' "exposed externally" flag (default True).
        prune: empty the results of this name on servers the report no longer covers.
        prune_mode: ``"empty"`` (default) or ``"delete"`` for pruned results.
        dry_run: plan only; the result lists what would be written and nothing is.
        concurrency: writes in flight at once (default 8): a thread pool for ``Client`` (1 =
            sequential), tasks under a capacity limiter for ``AsyncClient``.
        progress: a callback receiving :class:`ImportProgress` per write, or True for a progress bar.
        rescan: ask FutureVuls to rescan the servers whose results were created or changed, so the
            CVEs show as tasks at once instead of after the next scheduled scan (``ImportResult.rescanned``).
        lock: hold a local advisory lock (base URL + result name) so imports on this machine take turns
            (default True; see ``docs/importing.md``). The re-check after each create works either way.
    """

    format: str | None
    server_id: int | None
    server_map: Mapping[str, int | str] | None
    create_pseudo_servers: bool
    pseudo_server_tags: Sequence[str] | str
    pseudo_server_role_id: int | None
    name: str | None
    is_external: bool
    prune: bool
    prune_mode: PruneMode
    dry_run: bool
    concurrency: int
    progress: ProgressArg
    rescan: bool
    lock: bool


def _sources(source: ReportSource) -> list[ReportInput]:
    if isinstance(source, (list, tuple)):
        return list(source)
    return [source]  # type: ignore[list-item]


def load_report(source: ReportSource, *, format: str | None = None, prune: bool = False) -> ScanReport:
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


def make_options(
    report: ScanReport,
    *,
    name: str | None = None,
    server_id: int | None = None,
    server_map: Mapping[str, int | str] | None = None,
    create_pseudo_servers: bool = False,
    pseudo_server_tags: Sequence[str] | str = (),
    pseudo_server_role_id: int | None = None,
    is_external: bool = True,
    prune: bool = False,
    prune_mode: PruneMode = "empty",
    dry_run: bool = False,
    concurrency: int = 8,
    rescan: bool = False,
    lock: bool = True,
) -> ImportOptions:
    """Validated options; the default result name is the report format, stable across runs."""
    return ImportOptions(
        name=name or report.format,
        server_id=server_id,
        server_map=server_map or {},
        create_pseudo_servers=create_pseudo_servers,
        pseudo_server_tags=ImportOptions.tags(pseudo_server_tags),
        pseudo_server_role_id=pseudo_server_role_id,
        is_external=is_external,
        prune=prune,
        prune_mode=prune_mode,
        dry_run=dry_run,
        concurrency=concurrency,
        rescan=rescan,
        lock=lock,
    )


def _split(kwargs: ImportKwargs) -> tuple[str | None, ProgressArg, dict[str, Any]]:
    """The parse format, the progress argument, and the options of :func:`make_options`."""
    rest = {key: value for key, value in kwargs.items() if key not in ("format", "progress")}
    return kwargs.get("format"), kwargs.get("progress"), rest


def _lock_path(client: Client | AsyncClient, name: str) -> Any:
    config = client._shell.config
    token = config.api_token.reveal() if config.api_token is not None else ""
    fingerprint = hashlib.sha256(token.encode()).hexdigest()[:16]
    return lock_file(str(config.base_url), fingerprint, name)


def import_report_sync(client: Client, source: ReportSource, **kwargs: Unpack[ImportKwargs]) -> ImportResult:
    """Import with the sync client (see :meth:`futurevuls_ext.Client.import_report`)."""
    fmt, progress, options = _split(kwargs)
    report = load_report(source, format=fmt, prune=bool(options.get("prune")))
    opts = make_options(report, **options)
    lock = locked_sync(_lock_path(client, opts.name)) if opts.lock and not opts.dry_run else nullcontext()
    with lock:
        return _run_sync(client, report, opts, progress)


def _run_sync(client: Client, report: ScanReport, opts: ImportOptions, progress: ProgressArg) -> ImportResult:
    shell = client._shell
    servers = list(shell.paginate(list_servers())) if opts.server_id is None else []
    scans = list(shell.paginate(list_external_scans(client.profile)))
    plan = plan_import(report.hosts, servers, scans, opts)
    if opts.dry_run:
        return finish_result(plan.as_result(), report)
    with ProgressSink(progress, len(plan.pending())) as sink:
        run = ImportRun(
            plan,
            ResourceCalls(client.profile),
            sink,
            report.warnings,
            known_servers=servers,
            known_scans=scans,
        )
        try:
            created = run_sync(shell, run.pseudo_flows(), concurrency=opts.concurrency, on_done=_ignore)
            listing = None
            if run.need_recheck(created):
                with suppress(FutureVulsError):
                    listing = list(shell.paginate(list_servers()))
            run.settle(created, listing)
            run_sync(shell, run.write_flows(), concurrency=opts.concurrency, on_done=run.record)
            answers = run_sync(shell, run.rescan_flows(), concurrency=opts.concurrency, on_done=_ignore)
            run.rescanned(answers)
        except KeyboardInterrupt as exc:
            raise run.interrupted() from exc
    return finish_result(run.result(), report)


async def import_report_async(
    client: AsyncClient, source: ReportSource, **kwargs: Unpack[ImportKwargs]
) -> ImportResult:
    """Import with the async client (see :meth:`futurevuls_ext.AsyncClient.import_report`)."""
    fmt, progress, options = _split(kwargs)
    prune = bool(options.get("prune"))
    report = await anyio.to_thread.run_sync(lambda: load_report(source, format=fmt, prune=prune))
    opts = make_options(report, **options)
    if not opts.lock or opts.dry_run:
        return await _run_async(client, report, opts, progress)
    async with locked_async(_lock_path(client, opts.name)):
        return await _run_async(client, report, opts, progress)


async def _run_async(
    client: AsyncClient, report: ScanReport, opts: ImportOptions, progress: ProgressArg
) -> ImportResult:
    shell = client._shell
    servers = [s async for s in shell.paginate(list_servers())] if opts.server_id is None else []
    scans = [s async for s in shell.paginate(list_external_scans(client.profile))]
    plan = plan_import(report.hosts, servers, scans, opts)
    if opts.dry_run:
        return finish_result(plan.as_result(), report)
    with ProgressSink(progress, len(plan.pending())) as sink:
        run = ImportRun(
            plan,
            ResourceCalls(client.profile),
            sink,
            report.warnings,
            known_servers=servers,
            known_scans=scans,
        )
        try:
            created = await run_async(
                shell, run.pseudo_flows(), concurrency=opts.concurrency, on_done=_ignore
            )
            listing = None
            if run.need_recheck(created):
                with suppress(FutureVulsError):
                    listing = [s async for s in shell.paginate(list_servers())]
            run.settle(created, listing)
            await run_async(shell, run.write_flows(), concurrency=opts.concurrency, on_done=run.record)
            answers = await run_async(
                shell, run.rescan_flows(), concurrency=opts.concurrency, on_done=_ignore
            )
            run.rescanned(answers)
        except (KeyboardInterrupt, anyio.get_cancelled_exc_class()) as exc:
            raise run.interrupted() from exc
    return finish_result(run.result(), report)


def _ignore(_result: object) -> None:
    """on_done for phases that report no progress."""
