"""Thin drivers: send many independent calls with bounded concurrency, sync or async.

Each call's answer, or the :class:`FutureVulsError` it raised, comes back in input order; deciding
what that means is the caller's (pure) business. The sync driver uses a thread pool (``httpx.Client``
is thread-safe), the async one a capacity limiter. Shared by :mod:`futurevuls_ext.exposure` and
:mod:`futurevuls_ext.triage`.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

import anyio

from .._core.call import Call
from .._exceptions import APIStatusError, FutureVulsError
from ..resources._common import InvalidArgumentError

if TYPE_CHECKING:
    from .._shells import AsyncShell, SyncShell

__all__ = ["call_many_async", "call_many_sync", "describe_error"]

T = TypeVar("T")


def describe_error(exc: FutureVulsError) -> str:
    """A one-line description of an error for per-item results (never contains the token)."""
    if isinstance(exc, APIStatusError):
        return f"HTTP {exc.status_code}: {exc.message}"
    return f"{type(exc).__name__}: {exc}"


def _check(concurrency: int) -> int:
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise InvalidArgumentError(f"concurrency must be a positive integer, got {concurrency!r}")
    return concurrency


def _one_sync(shell: SyncShell, call: Call[T]) -> T | FutureVulsError:
    try:
        answer: T = shell.call(call)
        return answer
    except FutureVulsError as exc:
        return exc


def call_many_sync(
    shell: SyncShell, calls: Sequence[Call[T]], *, concurrency: int = 8
) -> list[T | FutureVulsError]:
    """Send ``calls`` on at most ``concurrency`` threads; answers (or errors) in input order."""
    workers = min(_check(concurrency), max(len(calls), 1))

    def one(call: Call[T]) -> T | FutureVulsError:
        return _one_sync(shell, call)

    if workers == 1:
        return list(map(one, calls))
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fv-batch") as pool:
        return list(pool.map(one, calls))


async def call_many_async(
    shell: AsyncShell, calls: Sequence[Call[T]], *, concurrency: int = 8
) -> list[T | FutureVulsError]:
    """Send ``calls`` as tasks, at most ``concurrency`` at a time; answers (or errors) in input order."""
    limiter = anyio.CapacityLimiter(_check(concurrency))
    results: list[T | FutureVulsError | None] = [None] * len(calls)

    async def one(index: int, call: Call[T]) -> None:
        async with limiter:
            try:
                answer: T = await shell.call(call)
                results[index] = answer
            except FutureVulsError as exc:
                results[index] = exc

    async with anyio.create_task_group() as group:
        for index, call in enumerate(calls):
            group.start_soon(one, index, call)
    return results  # type: ignore[return-value]
