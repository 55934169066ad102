"""Which HTTP transport a client sends with, and its name for ``repr(client)`` and debug output.

``Client(http_backend=...)``:

- ``"auto"`` (default) or ``"stdlib"``: the standard library's ``http.client``
  (:mod:`._stdlib_transport`; about a third of the CPU per request of httpx's own), except through a
  proxy, which keeps httpx's own;
- ``"httpx"``: httpx's own sync transport (httpcore).

``AsyncClient(http_backend=...)``:

- ``"auto"`` (default): the aiohttp transport when the ``aiohttp`` extra (``httpx-aiohttp``) is installed
  and the event loop is asyncio, else httpx's own;
- ``"aiohttp"``: the aiohttp transport, or :class:`ConfigError` saying how to install it;
- ``"httpx"``: httpx's own async transport.

A ``transport=`` given to the client is used as is (and named by its class).
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import sys
from typing import Any, Final, Literal, get_args

import httpx

from ._exceptions import ConfigError

__all__ = [
    "HTTP_BACKENDS",
    "SYNC_HTTP_BACKENDS",
    "CookielessAsyncClient",
    "CookielessClient",
    "HttpBackend",
    "KeepsNoCookies",
    "SyncHttpBackend",
    "aiohttp_available",
    "make_async_http",
    "make_sync_http",
    "transport_name",
]

HttpBackend = Literal["auto", "aiohttp", "httpx"]
HTTP_BACKENDS: Final[tuple[str, ...]] = get_args(HttpBackend)
SyncHttpBackend = Literal["auto", "stdlib", "httpx"]
SYNC_HTTP_BACKENDS: Final[tuple[str, ...]] = get_args(SyncHttpBackend)

_log = logging.getLogger("futurevuls_ext.transport")


class _IgnoredCookies(httpx.Cookies):
    """A cookie store that never takes a cookie from an answer."""

    def extract_cookies(self, response: httpx.Response) -> None:
        """Ignore the answer's ``Set-Cookie`` headers."""
        del response


class KeepsNoCookies:
    """Mixin for the SDK's httpx clients: answers' ``Set-Cookie`` headers are neither parsed nor kept.

    The API authenticates by token, requests are built without cookies and redirects are not followed,
    so a stored cookie would never be sent; parsing them costs more CPU per request (httpx builds a
    ``urllib`` request and response per answer to feed ``http.cookiejar``) than the rest of httpx's
    answer handling.
    """

    _no_cookies: httpx.Cookies = _IgnoredCookies()

    @property
    def cookies(self) -> httpx.Cookies:
        """An empty cookie store that stays empty."""
        return self._no_cookies

    @cookies.setter
    def cookies(self, cookies: object) -> None:
        del cookies
        raise TypeError("the SDK's HTTP client keeps no cookies (the API authenticates by token)")


class CookielessClient(KeepsNoCookies, httpx.Client):
    """``httpx.Client`` keeping no cookies (see :class:`KeepsNoCookies`)."""


class CookielessAsyncClient(KeepsNoCookies, httpx.AsyncClient):
    """``httpx.AsyncClient`` keeping no cookies (see :class:`KeepsNoCookies`)."""


@functools.cache
def aiohttp_available() -> bool:
    """True when the ``aiohttp`` extra (``httpx-aiohttp`` and ``aiohttp``) is importable."""
    return all(importlib.util.find_spec(name) is not None for name in ("httpx_aiohttp", "aiohttp"))


def _running_trio() -> bool:
    """True inside a trio event loop (aiohttp needs asyncio). Never imports trio itself."""
    trio = sys.modules.get("trio")
    if trio is None:
        return False
    try:
        trio.lowlevel.current_task()
    except RuntimeError:  # trio is imported but this code is not running in it
        return False
    return True


def _resolve(backend: str) -> Literal["aiohttp", "httpx"]:
    if backend not in HTTP_BACKENDS:
        choices = ", ".join(repr(b) for b in HTTP_BACKENDS)
        raise ConfigError(f"http_backend={backend!r} is not one of {choices}")
    if backend == "httpx":
        return "httpx"
    if backend == "aiohttp":
        if not aiohttp_available():
            raise ConfigError(
                "http_backend='aiohttp' needs the aiohttp extra: pip install 'futurevuls-ext[aiohttp]' "
                "(or pass http_backend='httpx')"
            )
        return "aiohttp"
    return "aiohttp" if aiohttp_available() and not _running_trio() else "httpx"


def transport_name(transport: object | None, backend: str = "httpx") -> str:
    """``"aiohttp"``, ``"stdlib"``, ``"httpx"``, or the class name of a transport the caller supplied."""
    return backend if transport is None else type(transport).__name__


def _check_given_transport(backend: str, transport: object | None) -> None:
    if transport is not None and backend != "auto":
        raise ConfigError(
            f"pass either transport= or http_backend={backend!r}, not both (transport= is used as is)"
        )


def make_async_http(
    backend: str, transport: httpx.AsyncBaseTransport | None, options: dict[str, Any]
) -> tuple[httpx.AsyncClient, str]:
    """The ``httpx.AsyncClient`` for an ``AsyncClient`` and the name of its transport.

    Raises:
        ConfigError: ``backend`` is unknown, is ``"aiohttp"`` without the extra, or is not ``"auto"``
            while a ``transport`` is given.
    """
    http: httpx.AsyncClient
    _check_given_transport(backend, transport)
    if transport is not None:
        name = transport_name(transport)
        http = CookielessAsyncClient(transport=transport, **options)
    elif _resolve(backend) == "aiohttp":
        from ._aiohttp_transport import FutureVulsAiohttpClient

        name = "aiohttp"
        http = FutureVulsAiohttpClient(**options)
    else:
        name = "httpx"
        http = CookielessAsyncClient(**options)
    _log.debug("AsyncClient sends with the %s transport", name)
    return http, name


def make_sync_http(
    backend: str, transport: httpx.BaseTransport | None, options: dict[str, Any]
) -> tuple[httpx.Client, str]:
    """The ``httpx.Client`` for a ``Client`` and the name of its transport.

    Raises:
        ConfigError: ``backend`` is unknown (``"aiohttp"`` is for ``AsyncClient``), or is not ``"auto"``
            while a ``transport`` is given.
    """
    if backend not in SYNC_HTTP_BACKENDS:
        choices = ", ".join(repr(b) for b in SYNC_HTTP_BACKENDS)
        hint = " (aiohttp is asynchronous: use AsyncClient for it)" if backend == "aiohttp" else ""
        raise ConfigError(f"Client: http_backend={backend!r} is not one of {choices}{hint}")
    _check_given_transport(backend, transport)
    http: httpx.Client
    if transport is not None:
        name = transport_name(transport)
        http = CookielessClient(transport=transport, **options)
    elif backend == "httpx":
        name = "httpx"
        http = CookielessClient(**options)
    else:
        from ._stdlib_transport import StdlibClient

        name = "stdlib"
        http = StdlibClient(**options)
    _log.debug("Client sends with the %s transport", name)
    return http, name
