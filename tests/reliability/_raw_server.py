"""A small hostile HTTP server on 127.0.0.1 for client tests: it answers whatever bytes a test scripts.

Each connection reads one request (head and ``Content-Length`` body), records it, hands the socket to the
test's ``respond`` function and closes. Everything is bounded: the server lives at most ``lifetime``
seconds, every socket has a timeout, and leaving the ``with`` block shuts every open connection.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from types import TracebackType

from attrs import define, field

__all__ = ["RawRequest", "RawServer", "gzip_bomb", "http_head", "json_answer", "pause", "serving", "trickle"]


@define
class RawRequest:
    """One request as the server read it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


Responder = Callable[[socket.socket, RawRequest], None]


def http_head(status: int, headers: dict[str, str] | None = None, *, reason: str = "X") -> bytes:
    """A status line and headers (``Connection: close`` added), ending with the blank line."""
    lines = [f"HTTP/1.1 {status} {reason}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def json_answer(
    status: int, body: bytes, headers: dict[str, str] | None = None, *, reason: str = "X"
) -> Responder:
    """A responder sending ``body`` with a correct ``Content-Length``."""
    head = http_head(
        status,
        {"Content-Type": "application/json", "Content-Length": str(len(body)), **(headers or {})},
        reason=reason,
    )

    def respond(sock: socket.socket, request: RawRequest) -> None:
        del request
        sock.sendall(head + body)

    return respond


def pause(sock: socket.socket, seconds: float) -> None:
    """Wait ``seconds``, or less: raises ``ConnectionAbortedError`` as soon as the peer (or the server's
    shutdown) closes the connection, so a trickle stops when nobody listens."""
    saved = sock.gettimeout()
    sock.settimeout(seconds)
    try:
        if sock.recv(1) == b"":
            raise ConnectionAbortedError("the client went away")
    except TimeoutError:
        pass
    finally:
        sock.settimeout(saved)


def trickle(
    head: bytes, body: bytes, *, every: float, piece: int = 1, head_at_once: bool = False
) -> Responder:
    """A responder sending ``head + body`` ``piece`` bytes at a time, one piece every ``every`` seconds
    (``head_at_once``: the head in one piece first)."""

    def respond(sock: socket.socket, request: RawRequest) -> None:
        del request
        data = head + body
        if head_at_once:
            sock.sendall(head)
            data = body
        for start in range(0, len(data), piece):
            sock.sendall(data[start : start + piece])
            pause(sock, every)

    return respond


def gzip_bomb(size: int) -> bytes:
    """``size`` zero bytes, gzip-compressed (about 1000:1)."""
    out = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    chunk = b"\0" * (1 << 20)
    parts = [out.compress(chunk) for _ in range(size // len(chunk))]
    parts.append(out.compress(b"\0" * (size % len(chunk))))
    parts.append(out.flush())
    return b"".join(parts)


@define
class RawServer:
    """The server; use as a context manager. ``url`` is its base URL, ``requests`` what it read."""

    respond: Responder
    lifetime: float = 30.0
    requests: list[RawRequest] = field(factory=list)
    connections: int = 0
    _listener: socket.socket | None = None
    _threads: list[threading.Thread] = field(factory=list)
    _open: set[socket.socket] = field(factory=set)
    _stop: threading.Event = field(factory=threading.Event)
    _lock: threading.Lock = field(factory=threading.Lock)

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        assert self._listener is not None
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def __enter__(self) -> RawServer:
        listener = socket.create_server(("127.0.0.1", 0))
        listener.settimeout(0.5)
        self._listener = listener
        thread = threading.Thread(target=self._serve, name="raw-server", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        if self._listener is not None:  # wakes the accept() at once
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
        with self._lock:
            for conn in list(self._open):
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(timeout=5)
        if self._listener is not None:
            self._listener.close()

    def _serve(self) -> None:
        assert self._listener is not None
        ends = time.monotonic() + self.lifetime
        while not self._stop.is_set() and time.monotonic() < ends:
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._handle, args=(conn,), daemon=True)
            with self._lock:
                self.connections += 1
                self._open.add(conn)
                self._threads.append(thread)
            thread.start()

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        try:
            request = _read_request(conn)
            if request is None:
                return
            with self._lock:
                self.requests.append(request)
            self.respond(conn, request)
        except OSError:
            pass
        finally:
            with self._lock:
                self._open.discard(conn)
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()


def _read_request(conn: socket.socket) -> RawRequest | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
        if len(data) > 1 << 20:
            return None
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0") or 0)
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        rest += chunk
    return RawRequest(method=method, path=path, headers=headers, body=rest[:length])


@contextlib.contextmanager
def serving(respond: Responder, *, lifetime: float = 30.0) -> Iterator[RawServer]:
    """``with serving(json_answer(200, b"true")) as server: ...``."""
    with RawServer(respond, lifetime=lifetime) as server:
        yield server
