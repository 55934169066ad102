"""The clients and async transports that tests over real loopback sockets run on.

``"async"`` is ``AsyncClient`` on httpx's own transport, ``"async-aiohttp"`` the same client on the
aiohttp extra's transport: every network-level behaviour (retries, timeouts, dropped connections, token
redaction) is checked on both. Tests over ``httpx.MockTransport`` bypass the transport and need only
``"sync"`` and ``"async"``.
"""

from __future__ import annotations

from typing import Any, Literal

import futurevuls_ext as fv

__all__ = ["CLIENT_KINDS", "async_client", "http_backend"]

CLIENT_KINDS = ("sync", "async", "async-aiohttp")


def http_backend(kind: str) -> Literal["httpx", "aiohttp"]:
    """The ``AsyncClient(http_backend=...)`` a client kind stands for."""
    return "aiohttp" if kind == "async-aiohttp" else "httpx"


def async_client(kind: str, *args: Any, **kwargs: Any) -> fv.AsyncClient:
    """An ``AsyncClient`` on the transport ``kind`` names."""
    return fv.AsyncClient(*args, http_backend=http_backend(kind), **kwargs)
