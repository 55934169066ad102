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

import contextlib
import http.client
from collections.abc import Iterator
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


@contextlib.contextmanager
def mapped(phase: Phase, request: httpx.Request) -> Iterator[None]:
    """Raise the httpx error for a failure of ``phase`` (the original is its ``__cause__``)."""
    try:
        yield
    except http.client.RemoteDisconnected as exc:  # before the first byte of the status line
        raise httpx.RemoteProtocolError(
            "Server disconnected without sending a response.", request=request
        ) from exc
    except http.client.HTTPException as exc:  # bad status line or headers, too many, a body cut short
        raise httpx.RemoteProtocolError(
            f"malformed or incomplete response ({_message(exc)})", request=request
        ) from exc
    except TimeoutError as exc:
        raise _TIMEOUTS[phase](_message(exc) if str(exc) else "timed out", request=request) from exc
    except (OSError, ValueError) as exc:  # ValueError: a closed socket, or an invalid address
        raise _OS_ERRORS[phase](_message(exc), request=request) from exc
