"""The sync client's default transport: HTTP/1.1 on the standard library (sockets, ``ssl``, ``http.client``).

httpx's own sync transport (httpcore with h11) costs about three times the CPU per request: with the
SDK's worker threads that CPU, not the network, bounded how fast an import ran (issue 17).
:class:`StdlibTransport` sends an ``httpx.Request`` and hands back an ``httpx.Response`` whose body
streams from the socket, with:

- a thread-safe pool per origin under ``httpx.Limits`` (:mod:`._stdlib_pool`);
- the request written in one piece (:mod:`._stdlib_request`); the answer's head read by
  :mod:`._stdlib_response` and its body by ``http.client.HTTPResponse`` (Content-Length, chunked, or
  up to the close);
- the request's ``timeout`` extension as socket timeouts (connect, write, read; pool for the wait),
  each cut to what is left before the request's :data:`DEADLINE` extension when it has one
  (the sync client's attempts then run on the caller's thread, see :func:`honours_deadline`);
- the httpx errors httpcore raises for the same failures (:mod:`._stdlib_errors`);
- TLS from ``httpx.create_ssl_context`` (``verify``, ``cert``, ``trust_env``), SNI and the hostname check;
- httpcore's ``trace`` events for a new connection (``connection.connect_tcp.complete``,
  ``connection.start_tls.complete``, ``return_value`` = the stream) and the ``network_stream`` response
  extension.

:class:`StdlibClient` (an ``httpx.Client`` keeping no cookies) uses it for direct connections only:
proxies (from the environment or given), HTTP/2 and custom ``transport=``/``mounts`` stay httpx's own.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
from collections.abc import Iterator
from typing import Any

import httpx

from ._stdlib_errors import mapped
from ._stdlib_pool import Connection, ConnectionPool, NetworkStream, Origin
from ._stdlib_request import request_head, write_request
from ._stdlib_response import Response
from ._stdlib_socket import remaining
from ._transport import KeepsNoCookies

__all__ = ["DEADLINE", "StdlibClient", "StdlibTransport", "honours_deadline"]

DEADLINE = "futurevuls_ext.deadline"
"""Request extension: the ``time.monotonic()`` by which the whole exchange must be done.

Every wait of the exchange (for a pooled connection, connecting, each send and each receive, the
body's included) is cut to it; past it the phase's httpx timeout is raised.
"""

_CHUNK = 64 * 1024
_DEFAULT_PORTS = {"http": 80, "https": 443}
_DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)  # httpx's default


class _Body(httpx.SyncByteStream):
    """The body of one response, streamed from the socket; hands the connection back when done.

    The connection returns to the pool only when the body was read to its end and neither side asked
    to close; a body closed before its end (an error, a size cap, a caller giving up) closes it.
    """

    def __init__(
        self,
        pool: ConnectionPool,
        conn: Connection,
        response: http.client.HTTPResponse,
        request: httpx.Request,
    ) -> None:
        self._pool = pool
        self._conn: Connection | None = conn
        self._response = response
        self._request = request
        self._complete = False

    def __iter__(self) -> Iterator[bytes]:
        response = self._response
        while self._conn is not None:
            with mapped("read", self._request):
                chunk = response.read1(_CHUNK)
            if chunk:
                yield chunk
                continue
            if response.length:  # http.client reports a short Content-Length body as a plain end
                raise httpx.RemoteProtocolError(
                    f"peer closed connection without sending complete message body: "
                    f"{response.length} more bytes were announced",
                    request=self._request,
                )
            self._complete = True
            self._finish()
            return

    def _finish(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            reusable = self._complete and not self._response.will_close
            self._response.close()
            self._pool.release(conn, reusable=reusable)

    def close(self) -> None:
        """End the body: the connection is kept only when it was read to its end."""
        self._finish()


class StdlibTransport(httpx.BaseTransport):
    """An ``httpx.BaseTransport`` sending HTTP/1.1 with ``http.client`` (see the module docstring).

    Args:
        verify, cert, trust_env: as for ``httpx.HTTPTransport`` (the TLS context is built on first use).
        limits: the pool's ``httpx.Limits``.
    """

    def __init__(
        self,
        verify: ssl.SSLContext | str | bool = True,
        cert: Any = None,
        trust_env: bool = True,
        limits: httpx.Limits = _DEFAULT_LIMITS,
    ) -> None:
        self._tls_options = (verify, cert, trust_env)
        self._tls: ssl.SSLContext | None = None
        self._tls_lock = threading.Lock()
        self._pool = ConnectionPool(limits)

    @property
    def pool(self) -> ConnectionPool:
        """The connection pool (tests look at its counts)."""
        return self._pool

    def _context(self) -> ssl.SSLContext:
        with self._tls_lock:
            if self._tls is None:
                verify, cert, trust_env = self._tls_options
                self._tls = httpx.create_ssl_context(verify=verify, cert=cert, trust_env=trust_env)
            return self._tls

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` on a pooled connection; the response's body streams from the socket."""
        url = request.url
        if url.scheme not in _DEFAULT_PORTS:
            raise httpx.UnsupportedProtocol(
                f"the URL {str(url)!r} has an unsupported scheme: only http:// and https:// are",
                request=request,
            )
        origin: Origin = (url.scheme, url.raw_host.decode("ascii"), url.port or _DEFAULT_PORTS[url.scheme])
        head = request_head(request)  # refused before any connection is taken
        timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
        deadline: float | None = request.extensions.get(DEADLINE)
        try:
            pool_timeout = remaining(timeouts.get("pool"), deadline)
        except TimeoutError:
            raise httpx.PoolTimeout("the attempt's deadline passed", request=request) from None
        conn = self._pool.acquire(origin, pool_timeout, request)
        if conn is None:
            try:
                conn = self._connect(origin, timeouts.get("connect"), deadline, request)
            except BaseException:
                self._pool.forfeit()
                raise
        try:
            response = self._exchange(conn, request, head, timeouts, deadline)
        except BaseException:
            self._pool.release(conn, reusable=False)
            raise
        return self._wrap(conn, response, request)

    def _connect(
        self, origin: Origin, timeout: float | None, deadline: float | None, request: httpx.Request
    ) -> Connection:
        scheme, host, port = origin
        trace = request.extensions.get("trace")
        with mapped("connect", request):
            sock = socket.create_connection((host, port), remaining(timeout, deadline))
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                _emit(trace, "connection.connect_tcp.complete", sock)
                if scheme == "https":
                    sock = self._context().wrap_socket(sock, server_hostname=host)
                    _emit(trace, "connection.start_tls.complete", sock)
            except BaseException:
                sock.close()
                raise
        return Connection(origin, sock)

    def _exchange(
        self,
        conn: Connection,
        request: httpx.Request,
        head: bytes,
        timeouts: dict[str, float | None],
        deadline: float | None,
    ) -> Response:
        """Send the request head and body, then read the status line and headers."""
        sock = conn.bounded
        try:
            with mapped("write", request):
                sock.bound(timeouts.get("write"), deadline)
                write_request(sock, request, head)
        except httpx.WriteError:
            pass  # as httpcore: a server may answer (an error) and close before taking the whole body
        response = Response(sock, method=request.method)  # type: ignore[arg-type]  # reads via makefile
        try:
            with mapped("read", request):
                sock.bound(timeouts.get("read"), deadline)
                response.begin()
        except BaseException:
            response.close()
            raise
        return response

    def _wrap(self, conn: Connection, response: Response, request: httpx.Request) -> httpx.Response:
        body = _Body(self._pool, conn, response, request)
        headers = response.raw_headers
        if response.status == 101:  # no upgrades: the connection is not HTTP any more
            response.will_close = True
        return httpx.Response(
            response.status,
            headers=headers,
            stream=body,
            extensions={
                "http_version": b"HTTP/1.1" if response.version == 11 else b"HTTP/1.0",
                "reason_phrase": response.reason.encode("latin-1", "replace"),
                "network_stream": conn.stream,
            },
        )

    def close(self) -> None:
        """Close the idle connections; the ones in use close when their response ends."""
        self._pool.close()


def _emit(trace: object, event: str, sock: socket.socket) -> None:
    """Tell a ``trace`` hook of the request about a new connection, as httpcore does."""
    if callable(trace):
        trace(event, {"return_value": NetworkStream(sock)})


def honours_deadline(http: httpx.Client, url: httpx.URL) -> bool:
    """True when ``http`` sends to ``url`` through a :class:`StdlibTransport`: it honours :data:`DEADLINE`."""
    return isinstance(http, StdlibClient) and isinstance(http._transport_for_url(url), StdlibTransport)


class StdlibClient(KeepsNoCookies, httpx.Client):
    """``httpx.Client`` on :class:`StdlibTransport` for direct connections, keeping no cookies.

    Proxies (the environment's or given), ``mounts``, a given ``transport`` and ``http2=True`` keep
    httpx's own transport, exactly as ``httpx.Client`` would use it.
    """

    def _init_transport(self, *args: Any, **kwargs: Any) -> httpx.BaseTransport:
        if kwargs.get("transport") is not None or kwargs.get("http2") or not kwargs.get("http1", True):
            return super()._init_transport(*args, **kwargs)
        options = {name: kwargs[name] for name in ("verify", "cert", "trust_env", "limits") if name in kwargs}
        return StdlibTransport(**options)
