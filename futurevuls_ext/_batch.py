"""Bounded concurrency, written once: run a worker over many items, sync (threads) or async (tasks).

The sync variant uses a thread pool (``httpx.Client`` is thread-safe), the async one as many tasks
as the concurrency allows, each taking the next item when it is done (not one task per item).
Results come back in input order. Used by imports, exposure moves, what-if detail fetches and triage
bulk updates.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

import anyio
import anyio.lowlevel

from ._exceptions import APIStatusError, FutureVulsError, InvalidArgumentError

__all__ = ["check_concurrency", "describe_error", "map_async", "map_sync"]

X = TypeVar("X")
R = TypeVar("R")


def check_concurrency(concurrency: int) -> int:
    """``concurrency`` when it is a positive integer; :class:`InvalidArgumentError` otherwise."""
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise InvalidArgumentError(f"concurrency must be a positive integer, got {concurrency!r}")
    return concurrency


def describe_error(exc: FutureVulsError) -> str:
    """A one-line description of an error for per-item results (never contains the token)."""
    if isinstance(exc, APIStatusError):
        return f"HTTP {exc.status_code}: {exc.message}"
    return f"{type(exc).__name__}: {exc}"


def map_sync(worker: Callable[[X], R], items: Sequence[X], *, concurrency: int) -> list[R]:
    """``worker`` over ``items`` on at most ``concurrency`` threads (in this thread when 1)."""
    workers = min(check_concurrency(concurrency), max(len(items), 1))
    if workers == 1:
        return [worker(item) for item in items]
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fv-batch") as pool:
        return list(pool.map(worker, items))


async def map_async(worker: Callable[[X], Awaitable[R]], items: Sequence[X], *, concurrency: int) -> list[R]:
    """``worker`` over ``items`` on at most ``concurrency`` tasks, each taking the next item when done.

    An exception from a worker stops the others and is raised as itself (not as an exception group)
    when it is the only one, as :func:`map_sync` does. No item is started after a worker failed.
    """
    workers = min(check_concurrency(concurrency), len(items))
    slots: dict[int, R] = {}
    pending = iter(enumerate(items))
    stopped = False

    async def run() -> None:
        nonlocal stopped
        for index, item in pending:  # one shared iterator: each item is taken by exactly one task
            if stopped:  # a worker failed: start nothing new while the group cancels the rest
                return
            # a cancellation (Ctrl-C, a cancelled scope) stops the worker before its next item is sent
            await anyio.lowlevel.checkpoint_if_cancelled()
            try:
                slots[index] = await worker(item)
            except BaseException:
                stopped = True
                raise

    try:
        async with anyio.create_task_group() as group:
            for _ in range(workers):
                group.start_soon(run)
    except BaseExceptionGroup as failed:
        if len(failed.exceptions) == 1:  # one worker failed (the others were cancelled): raise it as is
            raise failed.exceptions[0] from None
        raise
    return [slots[index] for index in range(len(items))]
