"""A bare TCP server on 127.0.0.1 for the wire tests: what the fake FutureVuls never does (garbage
status lines, cut bodies, idle connections closed under the client) needs raw sockets."""

from __future__ import annotations

import socket
import threading
from typing import Self


class LoopbackServer:
    """Accepts connections on 127.0.0.1 in a daemon thread and hands each to :meth:`accepted`.

    Use it as a context manager; ``url`` is ``http(s)://127.0.0.1:<port>``.
    """

    def __init__(self, scheme: str = "http") -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.05)
        self.stopped = threading.Event()
        self.url = f"{scheme}://127.0.0.1:{self.sock.getsockname()[1]}"
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def accepted(self, conn: socket.socket) -> None:
        """Serve one accepted connection (subclasses)."""
        raise NotImplementedError

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted(conn)

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)
        self.sock.close()


def read_head(conn: socket.socket) -> bytes:
    """A request's head (and whatever of its body came with it); b"" when the client closed first."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return b""
        data += chunk
    return data
