"""Thin drivers: send many independent calls with bounded concurrency, sync or async.

Each call's answer, or the :class:`FutureVulsError` it raised, comes back in input order; deciding
what that means is the caller's (pure) business. The sync driver uses a thread pool (``httpx.Client``
is thread-safe), the async one a capacity limiter. Shared by :mod:`futurevuls_ext.exposure` and
:mod:`futurevuls_ext.triage`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from .._batch import describe_error, map_async, map_sync
from .._core.call import Call
from .._exceptions import FutureVulsError

if TYPE_CHECKING:
    from .._shells import AsyncShell, SyncShell

__all__ = ["call_many_async", "call_many_sync", "describe_error"]

T = TypeVar("T")


def call_many_sync(
    shell: SyncShell, calls: Sequence[Call[T]], *, concurrency: int = 8
) -> list[T | FutureVulsError]:
    """Send ``calls`` on at most ``concurrency`` threads; answers (or errors) in input order."""

    def one(call: Call[T]) -> T | FutureVulsError:
        try:
            answer: T = shell.call(call)
        except FutureVulsError as exc:
            return exc
        return answer

    return map_sync(one, calls, concurrency=concurrency)


async def call_many_async(
    shell: AsyncShell, calls: Sequence[Call[T]], *, concurrency: int = 8
) -> list[T | FutureVulsError]:
    """Send ``calls`` as tasks, at most ``concurrency`` at a time; answers (or errors) in input order."""

    async def one(call: Call[T]) -> T | FutureVulsError:
        try:
            answer: T = await shell.call(call)
        except FutureVulsError as exc:
            return exc
        return answer

    return await map_async(one, calls, concurrency=concurrency)
