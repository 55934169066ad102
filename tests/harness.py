"""The one sync/async harness: every client test runs once with ``Client`` and once with ``AsyncClient``.

The root fixture ``both`` (tests/conftest.py) hands each test a :class:`Both` for one mode. The test
connects it (to the fake FutureVuls, or to an ``httpx.MockTransport`` handler) and writes each call
once, as a callable taking the client; :meth:`Both.run` awaits the answer when the client is async::

    async def test_apply(both: Both, fake: FakeFutureVuls) -> None:
        both.connect_fake(fake)
        result = await both.run(lambda c: c.exposure.apply(plan))
        servers = await both.items(lambda c: c.servers.list())

The workflow and resource names are the same on both clients, so one callable serves both. The runs
cover every transport (``"sync"``: ``http.client``, ``"sync-httpx"``: httpx's own, ``"async"``: httpx's
own, ``"async-aiohttp"``: the aiohttp extra's, see ``tests/_transports.py``); a test over
``httpx.MockTransport`` bypasses the transport, so its ``"sync-httpx"`` and ``"async-aiohttp"`` runs
are skipped as repeats of ``"sync"`` and ``"async"``.

A test that needs a fresh client per call, closed before its server stops, uses :meth:`Both.once`.
Tests of the wire below any resource send a raw ``Call`` (``both.run(sending(call))``) through the
clients' one internal entry point, the workflow runner, never through their I/O shells. Code that
cannot be an async test (worker threads, hypothesis, a re-run with the other client) runs one call on
a client of a named kind with :func:`run_once`, built and closed the same way.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import anyio
import httpx
import pytest

import futurevuls_ext as fv
from futurevuls_ext._core.call import Call
from futurevuls_ext._core.program import answer
from futurevuls_ext.testing import FakeFutureVuls

from ._transports import REPEATS, http_backend, is_async, sync_backend

T = TypeVar("T")
Handler = Callable[[httpx.Request], httpx.Response]


class Both:
    """One mode (``kind``) of a test that runs with both clients."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._clients: list[fv.Client | fv.AsyncClient] = []

    @property
    def is_async(self) -> bool:
        """True in the ``AsyncClient`` runs."""
        return is_async(self.kind)

    def connect(self, handler: Handler | None = None, **options: Any) -> fv.Client | fv.AsyncClient:
        """A strict client of this mode (``handler``: a MockTransport handler); closed at the end."""
        options.setdefault("strict_responses", True)
        if handler is not None:
            if self.kind in REPEATS:
                pytest.skip("httpx.MockTransport bypasses the transport: the 'sync'/'async' runs cover it")
            options["transport"] = httpx.MockTransport(handler)
        client: fv.Client | fv.AsyncClient
        if self.is_async:
            if "transport" not in options:
                options["http_backend"] = http_backend(self.kind)
            client = fv.AsyncClient(**options)
        else:
            if "transport" not in options:
                options["http_backend"] = sync_backend(self.kind)
            client = fv.Client(**options)
        self._clients.append(client)
        return client

    def connect_fake(self, fake: FakeFutureVuls, **options: Any) -> fv.Client | fv.AsyncClient:
        """A client of this mode pointed at ``fake``."""
        return self.connect(api_token=fake.token, base_url=fake.url, **options)

    @property
    def client(self) -> Any:
        """The client connected last (``Any``: tests call the names both clients share)."""
        if not self._clients:
            raise RuntimeError("connect the harness first (both.connect(...) or both.connect_fake(fake))")
        return self._clients[-1]

    async def run(self, call: Callable[[Any], T | Awaitable[T]]) -> T:
        """``call(client)``, awaited when it returns an awaitable (the maybe-await helper)."""
        value = call(self.client)
        if inspect.isawaitable(value):
            return await value
        return value

    async def items(self, listing: Callable[[Any], Any]) -> list[Any]:
        """Every item of a listing: an iterator (``Client``) or an async iterator (``AsyncClient``)."""
        result = listing(self.client)
        if hasattr(result, "__aiter__"):
            return [item async for item in result]
        return list(result)

    async def settle(self, call: Callable[[Any], Any]) -> Any:
        """``call(client)`` awaited when awaitable; a listing (iterator or async iterator) as a list."""
        value = await self.run(call)
        if hasattr(value, "__aiter__"):
            return [item async for item in value]
        if isinstance(value, fv.SyncPager) or inspect.isgenerator(value):
            return list(value)
        return value

    async def once(self, call: Callable[[Any], Any], handler: Handler | None = None, **options: Any) -> Any:
        """:meth:`settle` ``call`` on a fresh client (see :meth:`connect`), closed right after it.

        As ``with Client(...) as client:`` around one call: the client's connections are gone before
        the test stops its server.
        """
        client = self.connect(handler, **options)
        try:
            return await self.settle(call)
        finally:
            self._clients.remove(client)
            await _close(client)

    async def close(self) -> None:
        """Close the client connected last; it stays :attr:`client` (for tests of a closed client)."""
        await _close(self.client)

    async def aclose(self) -> None:
        """Close every client this test connected."""
        for client in self._clients:
            await _close(client)
        self._clients.clear()


async def _close(client: fv.Client | fv.AsyncClient) -> None:
    if isinstance(client, fv.AsyncClient):
        await client.aclose()
    else:
        client.close()


def sending(call: Call[T]) -> Callable[[Any], T | Awaitable[T]]:
    """The callable for :meth:`Both.run` that sends one raw ``call`` through the client's workflow runner."""
    return lambda client: client._runner.run(answer(call))


def blocking(kind: str, work: Callable[[Both], Awaitable[T]]) -> T:
    """``work`` with a harness of ``kind``, run to its end: for code that cannot take the ``both`` fixture.

    The async kinds run in an event loop of their own; the sync ones use none (so a ``KeyboardInterrupt``
    reaches the client as in a script). The clients ``work`` connected are closed afterwards.
    """
    harness = Both(kind)

    async def main() -> T:
        try:
            return await work(harness)
        finally:
            await harness.aclose()

    if is_async(kind):
        return anyio.run(main)
    run = main()
    try:
        run.send(None)  # with Client nothing in main() suspends: it finishes in this one step
    except StopIteration as done:
        value: T = done.value
        return value
    run.close()
    raise RuntimeError("a sync run of the harness waited on an event loop")


def run_once(kind: str, call: Callable[[Any], Any], handler: Handler | None = None, **options: Any) -> Any:
    """Blocking :meth:`Both.once` on a client of ``kind``."""
    return blocking(kind, lambda both: both.once(call, handler, **options))
