"""The two thin drivers of an import: the same plan and flows, sent with Client or AsyncClient.

The sync client runs writes on a thread pool of ``concurrency`` workers (``httpx.Client`` is
thread-safe); the async client runs them as tasks bounded by a capacity limiter. Everything else
(planning, flows, results) is shared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._batch import map_async, map_sync
from .._exceptions import FutureVulsError
from ._execute import Executed, Flow
from ._plan import ImportPlan
from ._progress import ProgressSink
from ._result import ImportResult

if TYPE_CHECKING:
    from .._shells import AsyncShell, SyncShell

__all__ = ["assemble", "drive_async", "drive_sync", "run_async", "run_sync"]


def drive_sync(shell: SyncShell, flow: Flow) -> Executed:
    """Run one flow to completion with the sync shell."""
    value: Any = None
    error: FutureVulsError | None = None
    while True:
        try:
            call = flow.throw(error) if error is not None else flow.send(value)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
        try:
            value, error = shell.call(call), None
        except FutureVulsError as exc:
            value, error = None, exc


async def drive_async(shell: AsyncShell, flow: Flow) -> Executed:
    """Run one flow to completion with the async shell."""
    value: Any = None
    error: FutureVulsError | None = None
    while True:
        try:
            call = flow.throw(error) if error is not None else flow.send(value)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
        try:
            value, error = await shell.call(call), None
        except FutureVulsError as exc:
            value, error = None, exc


def run_sync(
    shell: SyncShell, flows: Sequence[Flow], *, concurrency: int, sink: ProgressSink
) -> list[Executed]:
    """Run flows sequentially (concurrency 1) or on a thread pool; results in plan order."""

    def one(flow: Flow) -> Executed:
        executed = drive_sync(shell, flow)
        sink.update(executed.status, executed.outcome)
        return executed

    return map_sync(one, flows, concurrency=concurrency)


async def run_async(
    shell: AsyncShell, flows: Sequence[Flow], *, concurrency: int, sink: ProgressSink
) -> list[Executed]:
    """Run flows as tasks, at most ``concurrency`` at a time; results in plan order."""

    async def one(flow: Flow) -> Executed:
        executed = await drive_async(shell, flow)
        sink.update(executed.status, executed.outcome)
        return executed

    return await map_async(one, flows, concurrency=concurrency)


def assemble(plan: ImportPlan, executed: Sequence[Executed]) -> ImportResult:
    """Combine the plan's unchanged and unresolved hosts with what the writes did."""
    by_status: dict[str, list[Any]] = defaultdict(list)
    for item in executed:
        by_status[item.status].append(item.outcome)
    unchanged = tuple(w.outcome() for w in plan.writes if w.action == "unchanged")
    pseudo = tuple(item.pseudo_server_id for item in executed if item.pseudo_server_id is not None)
    return ImportResult(
        name=plan.options.name,
        created=tuple(by_status["created"]),
        updated=tuple(by_status["updated"]),
        unchanged=unchanged,
        pruned=tuple(by_status["pruned"]),
        unresolved=plan.unresolved,
        failed=tuple(by_status["failed"]),
        pseudo_servers_created=pseudo,
    )
