"""The httpx errors of the stdlib transport: for each failure, the type httpcore raises for the same event.

Which type matters beyond its message: the retry policy resends a POST only after
``httpx.ConnectError`` / ``httpx.ConnectTimeout`` (the request never reached the server), so only a
failure before the connection existed maps to those. Once a byte of the request may have been sent,
a failure is a write, read or protocol error.

============================================  =====================================
while connecting (TCP and TLS handshake)       ``ConnectTimeout`` / ``ConnectError``
while sending the request                      ``WriteTimeout`` (other write errors: the response is
                                               still read, as httpcore does; see the transport)
while waiting for / reading the response       ``ReadTimeout`` / ``ReadError``
no status line, a malformed one, bad headers,  ``RemoteProtocolError``
too many headers, a body cut short
============================================  =====================================
"""

from __future__ import annotations

import http.client
from typing import Literal

import httpx

__all__ = ["Phase", "mapped"]

Phase = Literal["connect", "write", "read"]

_TIMEOUTS: dict[Phase, type[httpx.TimeoutException]] = {
    "connect": httpx.ConnectTimeout,
    "write": httpx.WriteTimeout,
    "read": httpx.ReadTimeout,
}
_OS_ERRORS: dict[Phase, type[httpx.TransportError]] = {
    "connect": httpx.ConnectError,
    "write": httpx.WriteError,
    "read": httpx.ReadError,
}


def _message(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class mapped:  # used as a function: ``with mapped("read", request):``
    """Raise the httpx error for a failure of ``phase`` (the original is its ``__cause__``).

    A class, not a generator context manager: it wraps every receive of a body, and the generator's
    machinery cost more than the receive's own Python code.
    """

    __slots__ = ("phase", "request")

    def __init__(self, phase: Phase, request: httpx.Request) -> None:
        self.phase = phase
        self.request = request

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if exc is None:
            return
        mapped_exc = _mapped(self.phase, exc, self.request)
        if mapped_exc is not None:
            raise mapped_exc from exc


def _mapped(phase: Phase, exc: BaseException, request: httpx.Request) -> httpx.TransportError | None:
    if isinstance(exc, http.client.RemoteDisconnected):  # before the first byte of the status line
        return httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)
    if isinstance(exc, http.client.HTTPException):  # bad status line or headers, a body cut short
        return httpx.RemoteProtocolError(
            f"malformed or incomplete response ({_message(exc)})", request=request
        )
    if isinstance(exc, TimeoutError):
        return _TIMEOUTS[phase](_message(exc) if str(exc) else "timed out", request=request)
    if isinstance(exc, OSError | ValueError):  # ValueError: a closed socket, or an invalid address
        return _OS_ERRORS[phase](_message(exc), request=request)
    return None
