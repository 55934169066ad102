"""The two program drivers: run a workflow program with the sync or the async client's transport.

A program (see :mod:`._core.program`) yields steps; the driver performs each with its transport (the
client's I/O shell, seen only through :class:`SyncTransport` / :class:`AsyncTransport`) and sends
the answer back, or throws the exception back in (so the program's ``with`` blocks and handlers see
it). A listing (:class:`PagedCall`) is itself a program (:func:`~._core.listing.list_pages`: its pages
a window at a time), run the same way by both drivers. These are the only workflow code that knows
how calls are sent; ``Client`` and ``AsyncClient`` hand one driver to every workflow namespace.
"""

from __future__ import annotations

import time
from typing import Any, Generic, Protocol, TypeVar

import anyio
import anyio.to_thread
import httpx

from ._batch import map_async, map_sync
from ._config import ClientConfig
from ._core.call import Call, PagedCall
from ._core.listing import list_pages
from ._core.program import Blocking, Each, Probe, Program, Sleep, Step
from ._core.request import ApiRequest
from ._exceptions import FutureVulsError
from .profile import ApiProfile

__all__ = ["AsyncDriver", "AsyncTransport", "SyncDriver", "SyncTransport"]

R = TypeVar("R")
T = TypeVar("T")


class SyncTransport(Protocol):
    """What the sync driver sends with (the client's ``SyncShell``)."""

    config: ClientConfig
    """The client's configuration (its ``max_pages``)."""

    def call(self, call: Call[T]) -> T:
        """Send one call; its decoded answer."""
        ...

    def probe(self, api_request: ApiRequest) -> httpx.Response:
        """Send once, without retries or a status check."""
        ...


class AsyncTransport(Protocol):
    """What the async driver sends with (the client's ``AsyncShell``)."""

    config: ClientConfig
    """The client's configuration (its ``max_pages``)."""

    async def call(self, call: Call[T]) -> T:
        """Send one call; its decoded answer."""
        ...

    async def probe(self, api_request: ApiRequest) -> httpx.Response:
        """Send once, without retries or a status check."""
        ...


_Answer = tuple[Any, BaseException | None]
"""A step's value, or the exception it raised."""


def _advance(program: Program[Any], answer: _Answer) -> tuple[bool, Any]:
    """Send the answer in (or throw its exception); (True, the program's value) once it returns."""
    value, error = answer
    try:
        return False, (program.send(value) if error is None else program.throw(error))
    except StopIteration as done:
        return True, done.value


def _unknown(step: object) -> TypeError:
    return TypeError(f"a workflow program yielded {step!r}, which is not a step")


IoT = TypeVar("IoT", SyncTransport, AsyncTransport)


class _Driver(Generic[IoT]):
    """What both drivers hold: the transport they send with and the client's profile."""

    def __init__(self, transport: IoT, profile: ApiProfile) -> None:
        self._io: IoT = transport
        self._profile = profile

    @property
    def profile(self) -> ApiProfile:
        """The client's profile."""
        return self._profile


class SyncDriver(_Driver[SyncTransport]):
    """Runs programs with the sync transport; :class:`~._core.program.Each` on a thread pool."""

    def run(self, program: Program[R], /) -> R:
        """Run ``program`` to its end and return its value."""
        answer: _Answer = (None, None)
        while True:
            finished, step = _advance(program, answer)
            if finished:
                return step  # type: ignore[no-any-return]
            try:
                answer = (self._perform(step), None)
            except BaseException as exc:  # thrown back in, so the program's cleanup runs
                answer = (None, exc)

    def _perform(self, step: Step) -> Any:
        if isinstance(step, Call):
            return self._io.call(step)
        if isinstance(step, PagedCall):
            return self.run(list_pages(step, max_pages=self._io.config.max_pages))
        if isinstance(step, Each):
            return map_sync(self._one, step.items, concurrency=step.concurrency)
        if isinstance(step, Blocking):
            return step.fn()
        if isinstance(step, Probe):
            return self._io.probe(step.request)
        if isinstance(step, Sleep):
            return time.sleep(step.seconds)
        raise _unknown(step)

    def _one(self, item: Any) -> Any:
        try:
            return self._io.call(item) if isinstance(item, Call) else self.run(item)
        except FutureVulsError as exc:
            return exc


class AsyncDriver(_Driver[AsyncTransport]):
    """Runs programs with the async transport; :class:`~._core.program.Each` as bounded tasks."""

    async def run(self, program: Program[R], /) -> R:
        """Run ``program`` to its end and return its value."""
        answer: _Answer = (None, None)
        while True:
            finished, step = _advance(program, answer)
            if finished:
                return step  # type: ignore[no-any-return]
            try:
                answer = (await self._perform(step), None)
            except BaseException as exc:  # thrown back in, so the program's cleanup runs
                answer = (None, exc)

    async def _perform(self, step: Step) -> Any:
        if isinstance(step, Call):
            return await self._io.call(step)
        if isinstance(step, PagedCall):
            return await self.run(list_pages(step, max_pages=self._io.config.max_pages))
        if isinstance(step, Each):
            return await map_async(self._one, step.items, concurrency=step.concurrency)
        if isinstance(step, Blocking):
            return await anyio.to_thread.run_sync(step.fn)
        if isinstance(step, Probe):
            return await self._io.probe(step.request)
        if isinstance(step, Sleep):
            return await anyio.sleep(step.seconds)
        raise _unknown(step)

    async def _one(self, item: Any) -> Any:
        try:
            return await (self._io.call(item) if isinstance(item, Call) else self.run(item))
        except FutureVulsError as exc:
            return exc
