"""The aiohttp transport (``pip install 'futurevuls-ext[aiohttp]'``) with httpx's exception vocabulary.

``httpx_aiohttp.AiohttpTransport`` sends httpx requests through an ``aiohttp.ClientSession``; it is about
4x cheaper in CPU per request than httpx's own async transport. Its exception mapping, however, turns
every ``aiohttp.ClientConnectionError`` (including "server disconnected" after the request was sent)
into ``httpx.ConnectTimeout``, which the retry policy reads as "never reached the server" and would use
to resend a POST the API may already have acted on; and it lets other ``aiohttp`` errors (a malformed
response, a bad URL) escape as aiohttp types. :class:`FutureVulsAiohttpTransport` maps every aiohttp
error, on the request and while the body streams, to the httpx error the default transport raises for
the same event, so retries, timeouts and error messages mean the same on both transports.

Imported only when an :class:`~futurevuls_ext.AsyncClient` picks this transport (aiohttp is a heavy
import).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport, HttpxAiohttpClient

from ._transport import KeepsNoCookies

__all__ = ["FutureVulsAiohttpClient", "FutureVulsAiohttpTransport", "map_error"]

# Most specific first: the first matching row decides.
_MAPPING: tuple[tuple[type[BaseException], type[httpx.TransportError]], ...] = (
    (aiohttp.ClientProxyConnectionError, httpx.ProxyError),
    (aiohttp.ClientHttpProxyError, httpx.ProxyError),
    (aiohttp.ConnectionTimeoutError, httpx.ConnectTimeout),  # never connected: safe to resend
    (aiohttp.ClientConnectorError, httpx.ConnectError),  # refused, DNS, TLS handshake: never sent
    (aiohttp.SocketTimeoutError, httpx.ReadTimeout),
    (aiohttp.ServerTimeoutError, httpx.ReadTimeout),
    (TimeoutError, httpx.ReadTimeout),
    (aiohttp.ServerDisconnectedError, httpx.RemoteProtocolError),  # may have been acted on
    (aiohttp.ClientPayloadError, httpx.ReadError),
    (aiohttp.InvalidURL, httpx.UnsupportedProtocol),
    (aiohttp.ClientResponseError, httpx.RemoteProtocolError),  # a malformed status line or headers
    (aiohttp.ClientError, httpx.ReadError),
)


def map_error(exc: BaseException, request: httpx.Request) -> httpx.TransportError | None:
    """The httpx error the default transport would raise for ``exc``; None when ``exc`` is not aiohttp's.

    ``httpx_aiohttp`` wraps aiohttp errors in (sometimes misleading) httpx errors raised ``from`` the
    original, so the original (``__cause__``) decides when there is one.
    """
    original = exc.__cause__ if isinstance(exc, httpx.TransportError) and exc.__cause__ else exc
    for source, target in _MAPPING:
        if isinstance(original, source):
            message = str(original) or type(original).__name__
            return target(message, request=request)
    return None


class _MappedStream(httpx.AsyncByteStream):
    """A response body whose aiohttp errors (a connection cut mid-body) become httpx errors."""

    def __init__(self, inner: httpx.AsyncByteStream, request: httpx.Request) -> None:
        self._inner = inner
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._inner:
                yield chunk
        except (httpx.TransportError, aiohttp.ClientError, TimeoutError) as exc:
            mapped = map_error(exc, self._request)
            if mapped is None:  # pragma: no cover - every caught type has a row
                raise
            raise mapped from exc

    async def aclose(self) -> None:
        await self._inner.aclose()


class FutureVulsAiohttpTransport(AiohttpTransport):
    """``httpx_aiohttp.AiohttpTransport`` raising the httpx errors the default transport raises."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` through aiohttp; its errors become httpx transport errors."""
        try:
            response = await super().handle_async_request(request)
        except (httpx.TransportError, aiohttp.ClientError, TimeoutError) as exc:
            mapped = map_error(exc, request)
            if mapped is None:
                raise
            raise mapped from exc
        stream = response.stream
        assert isinstance(stream, httpx.AsyncByteStream)
        response.stream = _MappedStream(stream, request)
        return response


class FutureVulsAiohttpClient(KeepsNoCookies, HttpxAiohttpClient):
    """``httpx.AsyncClient`` whose transports (direct and per proxy) are :class:`FutureVulsAiohttpTransport`.

    Proxies from the environment and ``mounts`` work as with ``httpx.AsyncClient``; no cookies are kept
    (:class:`~futurevuls_ext._transport.KeepsNoCookies`).
    """

    def _init_transport(self, *args: object, **kwargs: object) -> httpx.AsyncBaseTransport:
        transport = kwargs.get("transport")
        if isinstance(transport, httpx.AsyncBaseTransport):
            return transport
        return FutureVulsAiohttpTransport(**_transport_options(kwargs))

    def _init_proxy_transport(
        self, proxy: httpx.Proxy, *args: object, **kwargs: object
    ) -> httpx.AsyncBaseTransport:
        return FutureVulsAiohttpTransport(proxy=proxy, **_transport_options(kwargs))


def _transport_options(kwargs: dict[str, object]) -> dict[str, Any]:
    names = ("verify", "cert", "trust_env", "http1", "http2", "limits")
    return {name: kwargs[name] for name in names if name in kwargs}
