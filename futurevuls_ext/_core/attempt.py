"""What one attempt of a request may take, as values: the limits, the deadline error, the body reader.

``timeout`` bounds one attempt end to end: connecting, sending the request and receiving the whole
answer (headers and every byte of the body). ``max_response_bytes`` bounds the decoded body. The I/O
that enforces both, for the sync and the async shell, is :mod:`futurevuls_ext._attempt`.
"""

from __future__ import annotations

import httpx
from attrs import frozen

from .._exceptions import ResponseTooLargeError
from .body import DEFAULT_MAX_RESPONSE_BYTES, BodyReader

__all__ = ["AttemptLimits", "DeadlineExceeded", "already_read", "body_reader", "deadline_exceeded"]


@frozen(kw_only=True)
class AttemptLimits:
    """The bounds of one attempt.

    Attributes:
        timeout: seconds from the start of the attempt to the last byte of the answer.
        max_response_bytes: most bytes of decoded (decompressed) body accepted.
    """

    timeout: float
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES


class DeadlineExceeded(httpx.TimeoutException):
    """The attempt did not complete within ``timeout``; retried like any timeout."""


def deadline_exceeded(request: httpx.Request, timeout: float) -> DeadlineExceeded:
    """The outcome of an attempt that ran out of time."""
    return DeadlineExceeded(
        f"no complete answer within timeout={timeout:g}s (connect, send and the whole body)", request=request
    )


def body_reader(response: httpx.Response, limits: AttemptLimits) -> BodyReader:
    """A :class:`BodyReader` for a streamed ``response``; refuses an oversized ``Content-Length`` at once."""
    request = response.request
    reader = BodyReader(
        limit=limits.max_response_bytes,
        content_encoding=response.headers.get("content-encoding"),
        status=response.status_code,
        method=request.method,
        url=str(request.url),
    )
    reader.check_declared_length(response.headers.get("content-length"))
    return reader


def already_read(response: httpx.Response, limits: AttemptLimits) -> bool:
    """True when the transport handed back a response it had read itself (``httpx.MockTransport``).

    Its decoded ``content`` is checked against the size cap here; there is nothing left to stream.

    Raises:
        ResponseTooLargeError: when that content is over ``max_response_bytes``.
    """
    if not response.is_stream_consumed:
        return False
    if len(response.content) > limits.max_response_bytes:
        raise ResponseTooLargeError(
            limit=limits.max_response_bytes,
            status_code=response.status_code,
            method=response.request.method,
            url=str(response.request.url),
        )
    return True
