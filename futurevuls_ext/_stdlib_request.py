"""Writing a request in the stdlib transport: the request line, httpx's headers, and the body.

The head is built in one piece and, with a small body, sent in the same ``sendall`` (``http.client``'s
``putheader`` per header and its separate sends cost several times more CPU). Like h11, it refuses a
method, target or header that could split the request (:class:`httpx.LocalProtocolError`, before
anything is sent). A body of known length is sent as is; a streamed one without a length is chunked
(httpx has set ``Transfer-Encoding: chunked`` for it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, Protocol

import httpx

__all__ = ["request_head", "write_request"]

_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_TARGET = re.compile(rb"[\x21-\x7e]+")
_BAD_VALUE = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")
_JOIN_UNDER: Final = 64 * 1024
"""A body smaller than this goes out in the same send as the head."""


class _Sender(Protocol):
    def sendall(self, data: bytes) -> None: ...


def request_head(request: httpx.Request) -> bytes:
    """The request line and headers, ready to send.

    Raises:
        httpx.LocalProtocolError: the request line or a header would break HTTP/1.1.
    """
    method = request.method.encode("ascii")
    target = request.url.raw_path
    if not _TOKEN.fullmatch(method) or not _TARGET.fullmatch(target):
        raise httpx.LocalProtocolError(f"illegal request line: {method!r} {target!r}", request=request)
    lines = [b"%s %s HTTP/1.1" % (method, target)]
    for name, value in request.headers.raw:
        if not _TOKEN.fullmatch(name) or _BAD_VALUE.search(value):
            raise httpx.LocalProtocolError(f"illegal request header: {name!r}", request=request)
        lines.append(b"%s: %s" % (name, value))
    lines.append(b"\r\n")
    return b"\r\n".join(lines)


def write_request(sock: _Sender, request: httpx.Request, head: bytes) -> None:
    """Send ``request`` on ``sock``: its ``head`` (:func:`request_head`), then its body."""
    try:
        body = request.content
    except httpx.RequestNotRead:  # a streamed body
        stream = request.stream
        assert isinstance(stream, Iterable)
        sock.sendall(head)
        if request.headers.get("transfer-encoding", "").lower() == "chunked":
            for chunk in stream:
                if chunk:
                    sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sock.sendall(b"0\r\n\r\n")
        else:
            for chunk in stream:
                sock.sendall(chunk)
        return
    if len(body) < _JOIN_UNDER:
        sock.sendall(head + body)
    else:
        sock.sendall(head)
        sock.sendall(body)
