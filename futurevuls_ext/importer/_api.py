"""``import_report`` for both clients: load the report, list what exists, plan, then write.

``Client.import_report`` and ``AsyncClient.import_report`` call these; everything they share (report
loading, options, the plan, the write flows, the result) is pure and lives once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

import anyio.to_thread

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

__all__ = ["ReportSource", "import_report_async", "import_report_sync", "load_report", "make_options"]

ReportSource = ScanReport | str | os.PathLike[str] | BinaryIO


def load_report(source: ReportSource, *, format: str | None = None) -> ScanReport:
    """A :class:`ScanReport` as given, or parsed from a path or binary stream."""
    if isinstance(source, ScanReport):
        return source
    return parse_report(source, format=format)


def make_options(
    report: ScanReport,
    *,
    name: str | None,
    server_id: int | None,
    server_map: Mapping[str, int | str] | None,
    create_pseudo_servers: bool,
    pseudo_server_tags: Sequence[str] | str,
    pseudo_server_role_id: int | None,
    is_external: bool,
    prune: bool,
    prune_mode: PruneMode,
    dry_run: bool,
    concurrency: int,
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


def import_report_sync(
    client: Client,
    source: ReportSource,
    *,
    format: str | None = None,
    progress: ProgressArg = None,
    **options: Any,
) -> ImportResult:
    """Import with the sync client (see :meth:`futurevuls_ext.Client.import_report`)."""
    report = load_report(source, format=format)
    opts = make_options(report, **options)
    shell = client._shell
    servers = list(shell.paginate(list_servers())) if opts.server_id is None else []
    scans = list(shell.paginate(list_external_scans(client.profile)))
    plan = plan_import(report.hosts, servers, scans, opts)
    if opts.dry_run:
        return plan.as_result()
    calls = ResourceCalls(client.profile)
    flows = [write_flow(write, opts, calls) for write in plan.pending()]
    with ProgressSink(progress, len(flows)) as sink:
        executed = run_sync(shell, flows, concurrency=opts.concurrency, sink=sink)
    return assemble(plan, executed)


async def import_report_async(
    client: AsyncClient,
    source: ReportSource,
    *,
    format: str | None = None,
    progress: ProgressArg = None,
    **options: Any,
) -> ImportResult:
    """Import with the async client (see :meth:`futurevuls_ext.AsyncClient.import_report`)."""
    report = await anyio.to_thread.run_sync(lambda: load_report(source, format=format))
    opts = make_options(report, **options)
    shell = client._shell
    servers = [s async for s in shell.paginate(list_servers())] if opts.server_id is None else []
    scans = [s async for s in shell.paginate(list_external_scans(client.profile))]
    plan = plan_import(report.hosts, servers, scans, opts)
    if opts.dry_run:
        return plan.as_result()
    calls = ResourceCalls(client.profile)
    flows = [write_flow(write, opts, calls) for write in plan.pending()]
    with ProgressSink(progress, len(flows)) as sink:
        executed = await run_async(shell, flows, concurrency=opts.concurrency, sink=sink)
    return assemble(plan, executed)
