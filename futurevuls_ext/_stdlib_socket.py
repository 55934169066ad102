"""The socket as ``http.client`` sees it in the stdlib transport: every send and receive time-bounded.

Each operation waits at most the phase's timeout (``httpx.Timeout``'s write or read) and never past
the attempt's deadline when there is one: the sync client then runs the attempt on the caller's own
thread, and a server trickling its answer one byte at a time cannot stretch it (the deadline is checked
before every receive, not once per answer). Past the deadline an operation raises ``TimeoutError``,
which the transport maps to the phase's httpx timeout.
"""

from __future__ import annotations

import io
import socket
import time

__all__ = ["BoundedSocket", "remaining"]


def remaining(timeout: float | None, deadline: float | None) -> float | None:
    """The seconds an operation may wait: ``timeout``, cut to what is left before ``deadline``.

    Raises:
        TimeoutError: the deadline has passed.
    """
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("the attempt's deadline passed")
    return left if timeout is None or timeout > left else timeout


class BoundedSocket:
    """Wraps a connected (TLS) socket for ``http.client.HTTPConnection``: ``sendall``, ``makefile``.

    :meth:`bound` sets the phase's timeout and the deadline for the operations that follow. Closing
    it does nothing: the pooled connection owns the real socket and closes it.
    """

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.timeout: float | None = None
        self.deadline: float | None = None

    def bound(self, timeout: float | None, deadline: float | None) -> None:
        """Bound the operations that follow by ``timeout`` each and by ``deadline`` in all."""
        self.timeout = timeout
        self.deadline = deadline
        if deadline is None:
            self.sock.settimeout(timeout)

    def _arm(self) -> None:
        if self.deadline is not None:
            self.sock.settimeout(remaining(self.timeout, self.deadline))

    def sendall(self, data: bytes) -> None:
        """Send all of ``data`` (``socket.sendall``: its timeout bounds the whole send)."""
        self._arm()
        self.sock.sendall(data)

    def recv_into(self, buffer: memoryview) -> int:
        """One receive into ``buffer``."""
        self._arm()
        return self.sock.recv_into(buffer)

    def makefile(self, mode: str = "rb") -> io.BufferedReader:
        """A buffered reader of the socket (``http.client.HTTPResponse`` reads the answer from it)."""
        del mode
        return io.BufferedReader(_Reader(self))

    def close(self) -> None:
        """Nothing: the connection closes the real socket."""


class _Reader(io.RawIOBase):
    """The raw reader under :meth:`BoundedSocket.makefile`."""

    def __init__(self, sock: BoundedSocket) -> None:
        self._sock = sock

    def readable(self) -> bool:
        """Always: it reads."""
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        """One bounded receive."""
        return self._sock.recv_into(buffer)
