"""The two thin drivers of an import: the same flows, sent with Client or AsyncClient.

The sync client runs flows on a thread pool of ``concurrency`` workers (``httpx.Client`` is
thread-safe); the async client runs them as tasks bounded by a capacity limiter. A flow's
:class:`PagedCall` is answered with every item of every page. Everything else (planning, flows,
results) is shared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from .._batch import map_async, map_sync
from .._core.call import PagedCall
from .._exceptions import FutureVulsError
from ._execute import Executed, Flow
from ._plan import ImportPlan
from ._result import HostOutcome, ImportResult

if TYPE_CHECKING:
    from .._shells import AsyncShell, SyncShell

__all__ = ["assemble", "drive_async", "drive_sync", "run_async", "run_sync"]

R = TypeVar("R")


def drive_sync(shell: SyncShell, flow: Flow) -> Any:
    """Run one flow to completion with the sync shell; returns what the flow returns."""
    value: Any = None
    error: FutureVulsError | None = None
    while True:
        try:
            call = flow.throw(error) if error is not None else flow.send(value)
        except StopIteration as done:
            return done.value
        try:
            value = list(shell.paginate(call)) if isinstance(call, PagedCall) else shell.call(call)
            error = None
        except FutureVulsError as exc:
            value, error = None, exc


async def drive_async(shell: AsyncShell, flow: Flow) -> Any:
    """Run one flow to completion with the async shell; returns what the flow returns."""
    value: Any = None
    error: FutureVulsError | None = None
    while True:
        try:
            call = flow.throw(error) if error is not None else flow.send(value)
        except StopIteration as done:
            return done.value
        try:
            if isinstance(call, PagedCall):
                value = [item async for item in shell.paginate(call)]
            else:
                value = await shell.call(call)
            error = None
        except FutureVulsError as exc:
            value, error = None, exc


def run_sync(
    shell: SyncShell, flows: Sequence[Flow], *, concurrency: int, on_done: Callable[[Any], None]
) -> list[Any]:
    """Run flows sequentially (concurrency 1) or on a thread pool; results in input order."""

    def one(flow: Flow) -> Any:
        result = drive_sync(shell, flow)
        on_done(result)
        return result

    return map_sync(one, flows, concurrency=concurrency)


async def run_async(
    shell: AsyncShell, flows: Sequence[Flow], *, concurrency: int, on_done: Callable[[Any], None]
) -> list[Any]:
    """Run flows as tasks, at most ``concurrency`` at a time; results in input order."""

    async def one(flow: Flow) -> Any:
        result = await drive_async(shell, flow)
        on_done(result)
        return result

    return await map_async(one, flows, concurrency=concurrency)


def assemble(
    plan: ImportPlan, executed: Sequence[Executed], *, rescanned: Sequence[int] = (), pending_label: str = ""
) -> ImportResult:
    """Combine the plan's unchanged and unresolved hosts with what the writes did.

    With ``pending_label`` (an interrupted run), the planned writes that did not run are listed as
    failed with that reason, so every host still appears in exactly one list.
    """
    by_status: dict[str, list[HostOutcome]] = defaultdict(list)
    for item in executed:
        by_status[item.status].append(item.outcome)
    done = {item.outcome.host for item in executed}
    if pending_label:
        by_status["failed"] += [
            w.outcome(reason=pending_label) for w in plan.pending() if w.label not in done
        ]
    unchanged = tuple(w.outcome() for w in plan.writes if not w.needs_calls)
    pseudo = tuple(item.pseudo_server_id for item in executed if item.pseudo_server_id is not None)
    return ImportResult(
        name=plan.options.name,
        created=tuple(by_status["created"]),
        updated=tuple(by_status["updated"]),
        unchanged=unchanged + tuple(by_status["unchanged"]),
        pruned=tuple(by_status["pruned"]),
        healed=tuple(row for item in executed for row in item.healed),
        unresolved=plan.unresolved,
        failed=tuple(by_status["failed"]),
        pseudo_servers_created=pseudo,
        rescanned=tuple(rescanned),
    )
