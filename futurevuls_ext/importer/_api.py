"""``import_report`` for both clients: load the report, list what exists, plan, then write.

``Client.import_report`` and ``AsyncClient.import_report`` call these; everything they share (report
loading, options, the plan, the write flows, the result) is pure and lives once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO, TypedDict, Unpack

import anyio.to_thread
from attrs import evolve

from .._exceptions import ParseError
from ..parsers import ScanReport, parse_report
from ._calls import ResourceCalls, list_external_scans, list_servers
from ._drive import assemble, run_async, run_sync
from ._execute import write_flow
from ._options import ImportOptions, PruneMode
from ._plan import plan_import
from ._progress import ProgressArg, ProgressSink
from ._result import ImportResult

if TYPE_CHECKING:
    from .._async_client import AsyncClient
    from .._client import Client

__all__ = [
    "ImportKwargs",
    "ReportSource",
    "import_report_async",
    "import_report_sync",
    "load_report",
    "make_options",
]

ReportSource = ScanReport | str | os.PathLike[str] | BinaryIO


class ImportKwargs(TypedDict, total=False):
    """The options of ``Client.import_report`` / ``AsyncClient.import_report`` (all optional).

    Attributes:
        format: force a parser instead of detecting the report's format.
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


TRUNCATION_MARK = "report truncated"


def load_report(source: ReportSource, *, format: str | None = None, prune: bool = False) -> ScanReport:
    """A :class:`ScanReport` as given, or parsed from a path or binary stream.

    Raises:
        ParseError: with ``prune``, when the report is cut off: pruning would empty the results of
            every host after the cut, so a truncated report is refused instead.
    """
    if isinstance(source, ScanReport):
        report = source
    else:
        report = parse_report(source, format=format, strict=prune, keep_findings=False)
    if prune and any(warning.startswith(TRUNCATION_MARK) for warning in report.warnings):
        raise ParseError(
            "the report is truncated; refusing to prune, which would empty the results of the hosts "
            "after the cut. Import it without prune, or fix the file",
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
    )


def _split(kwargs: ImportKwargs) -> tuple[str | None, ProgressArg, dict[str, Any]]:
    """The parse format, the progress argument, and the options of :func:`make_options`."""
    rest = {key: value for key, value in kwargs.items() if key not in ("format", "progress")}
    return kwargs.get("format"), kwargs.get("progress"), rest


def import_report_sync(client: Client, source: ReportSource, **kwargs: Unpack[ImportKwargs]) -> ImportResult:
    """Import with the sync client (see :meth:`futurevuls_ext.Client.import_report`)."""
    fmt, progress, options = _split(kwargs)
    report = load_report(source, format=fmt, prune=bool(options.get("prune")))
    opts = make_options(report, **options)
    shell = client._shell
    servers = list(shell.paginate(list_servers())) if opts.server_id is None else []
    scans = list(shell.paginate(list_external_scans(client.profile)))
    plan = plan_import(report.hosts, servers, scans, opts)
    if opts.dry_run:
        return evolve(plan.as_result(), warnings=report.warnings)
    calls = ResourceCalls(client.profile)
    flows = [write_flow(write, opts, calls) for write in plan.pending()]
    with ProgressSink(progress, len(flows)) as sink:
        executed = run_sync(shell, flows, concurrency=opts.concurrency, sink=sink)
    return evolve(assemble(plan, executed), warnings=report.warnings)


async def import_report_async(
    client: AsyncClient, source: ReportSource, **kwargs: Unpack[ImportKwargs]
) -> ImportResult:
    """Import with the async client (see :meth:`futurevuls_ext.AsyncClient.import_report`)."""
    fmt, progress, options = _split(kwargs)
    prune = bool(options.get("prune"))
    report = await anyio.to_thread.run_sync(lambda: load_report(source, format=fmt, prune=prune))
    opts = make_options(report, **options)
    shell = client._shell
    servers = [s async for s in shell.paginate(list_servers())] if opts.server_id is None else []
    scans = [s async for s in shell.paginate(list_external_scans(client.profile))]
    plan = plan_import(report.hosts, servers, scans, opts)
    if opts.dry_run:
        return evolve(plan.as_result(), warnings=report.warnings)
    calls = ResourceCalls(client.profile)
    flows = [write_flow(write, opts, calls) for write in plan.pending()]
    with ProgressSink(progress, len(flows)) as sink:
        executed = await run_async(shell, flows, concurrency=opts.concurrency, sink=sink)
    return evolve(assemble(plan, executed), warnings=report.warnings)
