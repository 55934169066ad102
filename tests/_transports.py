"""The clients and transports that tests over real loopback sockets run on.

``"sync"`` is ``Client`` on its default transport (the standard library's ``http.client``),
``"sync-httpx"`` the same client on httpx's own; ``"async"`` is ``AsyncClient`` on httpx's own
transport, ``"async-aiohttp"`` the same client on the aiohttp extra's: every network-level behaviour
(retries, timeouts, dropped connections, token redaction) is checked on each. Tests over
``httpx.MockTransport`` bypass the transport and need only ``"sync"`` and ``"async"``.
"""

from __future__ import annotations

from typing import Any, Literal

import futurevuls_ext as fv

__all__ = ["CLIENT_KINDS", "async_client", "http_backend", "is_async", "sync_backend"]

CLIENT_KINDS = ("sync", "sync-httpx", "async", "async-aiohttp")

REPEATS = frozenset({"sync-httpx", "async-aiohttp"})
"""Kinds that differ from another only by their transport (a MockTransport run of them is a repeat)."""


def is_async(kind: str) -> bool:
    """True for the ``AsyncClient`` kinds."""
    return kind.startswith("async")


def http_backend(kind: str) -> Literal["httpx", "aiohttp"]:
    """The ``AsyncClient(http_backend=...)`` an async client kind stands for."""
    return "aiohttp" if kind == "async-aiohttp" else "httpx"


def sync_backend(kind: str) -> Literal["auto", "httpx"]:
    """The ``Client(http_backend=...)`` a sync client kind stands for."""
    return "httpx" if kind == "sync-httpx" else "auto"


def async_client(kind: str, *args: Any, **kwargs: Any) -> fv.AsyncClient:
    """An ``AsyncClient`` on the transport ``kind`` names."""
    return fv.AsyncClient(*args, http_backend=http_backend(kind), **kwargs)
