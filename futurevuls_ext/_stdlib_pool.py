"""The connection pool of the stdlib transport: open connections per origin, thread-safe.

:class:`ConnectionPool` honours ``httpx.Limits`` as httpcore's pool does:

- ``max_connections`` bounds every connection, in use or idle; a request that finds none free waits up
  to the pool timeout (then ``httpx.PoolTimeout``), after closing an idle connection of another origin
  when that makes room;
- ``max_keepalive_connections`` bounds the idle ones kept; ``keepalive_expiry`` is how long one stays.

A connection is checked out to one request at a time and comes back only through :meth:`release`, which
keeps it when the response was read to its end and the server did not ask to close. Before an idle
connection is reused it is checked, without waiting, for readability: an idle connection that is readable
was closed by the server (or holds bytes nobody asked for), so it is closed instead. After :meth:`close`
the pool keeps nothing: idle connections are closed at once, the ones still in use when they come back.
"""

from __future__ import annotations

import contextlib
import select
import socket
import ssl
import threading
import time
from typing import Final

import httpx

from ._stdlib_socket import BoundedSocket

__all__ = ["Connection", "ConnectionPool", "NetworkStream", "Origin"]

Origin = tuple[str, str, int]
"""``(scheme, host, port)`` of a connection."""


class NetworkStream:
    """The ``network_stream`` response extension (as httpcore's): what the socket of a response is.

    ``get_extra_info("socket")`` lets another thread shut a stuck connection down (the sync client's
    deadline does).
    """

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def get_extra_info(self, info: str) -> object:
        """``"socket"``, ``"ssl_object"``, ``"client_addr"``, ``"server_addr"`` or ``"is_readable"``."""
        sock = self._sock
        if info == "socket":
            return sock
        if info == "ssl_object":
            return sock if isinstance(sock, ssl.SSLSocket) else None
        try:
            if info == "client_addr":
                return sock.getsockname()
            if info == "server_addr":
                return sock.getpeername()
        except OSError:
            return None
        if info == "is_readable":
            return readable(sock)
        return None


def readable(sock: socket.socket) -> bool:
    """True when a read would not block (data, end of stream, an error), or the socket is closed."""
    if isinstance(sock, ssl.SSLSocket) and sock.pending():
        return True
    try:
        if hasattr(select, "poll"):
            poller = select.poll()
            poller.register(sock, select.POLLIN)
            return bool(poller.poll(0))
        ready, _, _ = select.select([sock], [], [], 0)  # pragma: no cover - Windows
        return bool(ready)
    except (OSError, ValueError):  # closed (fileno -1) or otherwise unusable
        return True


class Connection:
    """One open (possibly TLS) connection to ``origin``.

    Requests are written and answers read through :attr:`bounded`, which bounds each operation in time.
    """

    def __init__(self, origin: Origin, sock: socket.socket) -> None:
        self.origin = origin
        self.sock = sock
        self.bounded = BoundedSocket(sock)
        self.stream = NetworkStream(sock)
        self.idle_since = 0.0

    def close(self) -> None:
        """Close the socket (any thread; never raises)."""
        with contextlib.suppress(OSError):
            self.sock.close()


_UNLIMITED: Final = 1 << 62


class ConnectionPool:
    """Idle connections per origin and the count of all open ones, under ``limits``."""

    def __init__(self, limits: httpx.Limits) -> None:
        self.max_connections = limits.max_connections or _UNLIMITED
        keep = limits.max_keepalive_connections
        self.max_idle = _UNLIMITED if keep is None else min(keep, self.max_connections)
        self.keepalive_expiry = limits.keepalive_expiry
        self._cond = threading.Condition(threading.Lock())
        self._idle: dict[Origin, list[Connection]] = {}
        self._idle_count = 0
        self._open = 0
        self._closed = False

    def acquire(self, origin: Origin, timeout: float | None, request: httpx.Request) -> Connection | None:
        """An idle connection to ``origin`` that still looks alive, or None: the caller may open one.

        A None is a reserved place: the caller must :meth:`release` the connection it opens, or
        :meth:`forfeit` the place when opening failed.

        Raises:
            httpx.PoolTimeout: every place stayed taken for ``timeout`` seconds.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            stale: list[Connection] = []
            with self._cond:
                conn = self._take(origin, stale)
                if conn is None and self._open >= self.max_connections:
                    evicted = self._evict_other()
                    if evicted is not None:
                        stale.append(evicted)
                if conn is None and self._open < self.max_connections:
                    self._open += 1
                    reserved = True
                else:
                    reserved = False
                if conn is None and not reserved and not stale:
                    remaining = None if deadline is None else deadline - time.monotonic()
                    if remaining is not None and remaining <= 0:
                        raise httpx.PoolTimeout(
                            f"no free connection within the pool timeout ({timeout:g}s): all "
                            f"{self.max_connections} allowed connections are in use",
                            request=request,
                        )
                    self._cond.wait(remaining)
                    continue
            for old in stale:
                old.close()
            if reserved:
                return None
            if conn is None:
                continue
            if readable(conn.sock):  # the server closed it while idle (or sent what nobody asked for)
                conn.close()
                self.forfeit()
                continue
            return conn

    def _take(self, origin: Origin, stale: list[Connection]) -> Connection | None:
        """Pop the newest idle connection to ``origin``; expired ones go to ``stale`` (lock held)."""
        if self.keepalive_expiry is not None and self._idle_count:
            oldest = time.monotonic() - self.keepalive_expiry
            for key, conns in list(self._idle.items()):
                alive = [c for c in conns if c.idle_since > oldest]
                if len(alive) != len(conns):
                    stale.extend(c for c in conns if c.idle_since <= oldest)
                    self._forget(key, alive, len(conns) - len(alive))
        idle = self._idle.get(origin)
        if not idle:
            return None
        conn = idle.pop()
        if not idle:
            del self._idle[origin]
        self._idle_count -= 1
        return conn

    def _forget(self, key: Origin, alive: list[Connection], dropped: int) -> None:
        if alive:
            self._idle[key] = alive
        else:
            del self._idle[key]
        self._idle_count -= dropped
        self._open -= dropped

    def _evict_other(self) -> Connection | None:
        """Drop the oldest idle connection (of any origin) to make room; None when none is idle."""
        if not self._idle_count:
            return None
        key = min(self._idle, key=lambda k: self._idle[k][0].idle_since)
        conns = self._idle[key]
        oldest = conns.pop(0)
        self._forget(key, conns, 1)
        return oldest

    def release(self, conn: Connection, *, reusable: bool) -> None:
        """Hand ``conn`` back: kept idle when ``reusable`` and there is room, else closed."""
        with self._cond:
            keep = reusable and not self._closed and self._idle_count < self.max_idle
            if keep:
                conn.idle_since = time.monotonic()
                self._idle.setdefault(conn.origin, []).append(conn)
                self._idle_count += 1
            else:
                self._open -= 1
            self._cond.notify()
        if not keep:
            conn.close()

    def forfeit(self) -> None:
        """Give back a place taken by :meth:`acquire` whose connection is gone (never opened, or closed)."""
        with self._cond:
            self._open -= 1
            self._cond.notify()

    def close(self) -> None:
        """Close every idle connection; connections in use are closed when they come back."""
        with self._cond:
            self._closed = True
            idle = [c for conns in self._idle.values() for c in conns]
            self._open -= len(idle)
            self._idle.clear()
            self._idle_count = 0
            self._cond.notify_all()
        for conn in idle:
            conn.close()

    @property
    def counts(self) -> tuple[int, int]:
        """``(open, idle)`` connections now (tests)."""
        with self._cond:
            return self._open, self._idle_count
