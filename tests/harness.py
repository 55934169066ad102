"""The one sync/async harness: every client test runs once with ``Client`` and once with ``AsyncClient``.

The root fixture ``both`` (tests/conftest.py) hands each test a :class:`Both` for one mode. The test
connects it (to the fake FutureVuls, or to an ``httpx.MockTransport`` handler) and writes each call
once, as a callable taking the client; :meth:`Both.run` awaits the answer when the client is async::

    async def test_apply(both: Both, fake: FakeFutureVuls) -> None:
        both.connect_fake(fake)
        result = await both.run(lambda c: c.exposure.apply(plan))
        servers = await both.items(lambda c: c.servers.list())

The workflow and resource names are the same on both clients, so one callable serves both. The
async runs cover both transports (``"async"``: httpx's own, ``"async-aiohttp"``: the aiohttp extra's,
see ``tests/_transports.py``); a test over ``httpx.MockTransport`` bypasses the transport, so its
``"async-aiohttp"`` run is skipped as a repeat of ``"async"``.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
import pytest

import futurevuls_ext as fv
from futurevuls_ext.testing import FakeFutureVuls

from ._transports import http_backend

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
        return self.kind != "sync"

    def connect(self, handler: Handler | None = None, **options: Any) -> fv.Client | fv.AsyncClient:
        """A strict client of this mode (``handler``: a MockTransport handler); closed at the end."""
        options.setdefault("strict_responses", True)
        if handler is not None:
            if self.kind == "async-aiohttp":
                pytest.skip("httpx.MockTransport bypasses the transport: the 'async' run covers it")
            options["transport"] = httpx.MockTransport(handler)
        client: fv.Client | fv.AsyncClient
        if self.is_async:
            if "transport" not in options:
                options["http_backend"] = http_backend(self.kind)
            client = fv.AsyncClient(**options)
        else:
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

    async def aclose(self) -> None:
        """Close every client this test connected."""
        for client in self._clients:
            if isinstance(client, fv.AsyncClient):
                await client.aclose()
            else:
                client.close()
        self._clients.clear()
