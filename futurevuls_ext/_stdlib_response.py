"""Reading an answer's head in the stdlib transport: status line, headers, and how its body is framed.

``http.client.HTTPResponse`` reads the body (Content-Length, chunked, or up to the close). Its head is
read here instead: ``http.client`` parses headers with the ``email`` package, which cost a tenth of the
sync client's CPU per request, and is lenient where httpx's own transport (h11) refuses an answer.
:class:`Response` keeps the headers as the raw bytes sent and refuses, with
``http.client.HTTPException`` subclasses (the transport's ``RemoteProtocolError``): a header line
without a name or colon, more than 100 header lines or one over 64 KiB (as ``http.client``), a
``Content-Length`` that is not one decimal number, a ``Transfer-Encoding`` other than ``chunked``.
Interim answers (1xx but 101) are skipped, not only ``100 Continue``.
"""

from __future__ import annotations

import http.client
import re
from typing import Final

__all__ = ["MalformedHead", "Response"]

_MAX_LINE: Final = 65536
_MAX_HEADERS: Final = 100
_NAME = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_DIGITS = re.compile(rb"[0-9]+")


class MalformedHead(http.client.HTTPException):
    """The answer's headers break HTTP/1.1 (the message says how)."""


def _tokens(values: list[bytes]) -> set[bytes]:
    return {token.strip().lower() for value in values for token in value.split(b",")}


class Response(http.client.HTTPResponse):
    """``HTTPResponse`` with the head read by this module; ``raw_headers`` are the headers as sent.

    ``headers``/``msg`` stay an empty ``HTTPMessage``: nothing in the transport reads them.
    """

    raw_headers: list[tuple[bytes, bytes]]

    def begin(self) -> None:
        """Read the status line (interim answers skipped) and the headers; decide the body's framing."""
        if hasattr(self, "raw_headers"):  # already begun
            return
        while True:
            version, status, reason = self._read_status()  # type: ignore[attr-defined]
            headers = self._read_head()
            if not 100 <= status < 200 or status == 101:
                break
        self.code = self.status = status
        self.reason = reason.strip()
        if version in ("HTTP/1.0", "HTTP/0.9"):
            self.version = 10
        elif version.startswith("HTTP/1."):
            self.version = 11
        else:
            raise http.client.UnknownProtocol(version)
        self.headers = self.msg = http.client.HTTPMessage()
        self.raw_headers = headers
        self._frame(status, headers)

    def _read_head(self) -> list[tuple[bytes, bytes]]:
        headers: list[tuple[bytes, bytes]] = []
        while True:
            line = self.fp.readline(_MAX_LINE + 1)
            if len(line) > _MAX_LINE:
                raise http.client.LineTooLong("header line")
            if line in (b"\r\n", b"\n", b""):
                return headers
            if line[:1] in (b" ", b"\t"):  # obsolete line folding: one space, as h11 reads it
                if not headers:
                    raise MalformedHead(f"a continuation line before any header: {line!r}")
                name, value = headers[-1]
                headers[-1] = (name, value + b" " + line.strip(b" \t\r\n"))
                continue
            name, colon, value = line.partition(b":")
            if not colon or not _NAME.fullmatch(name):
                raise MalformedHead(f"not a header line: {line[:80]!r}")
            headers.append((name, value.strip(b" \t\r\n")))
            if len(headers) > _MAX_HEADERS:
                raise MalformedHead(f"got more than {_MAX_HEADERS} headers")

    def _frame(self, status: int, headers: list[tuple[bytes, bytes]]) -> None:
        """Set what ``HTTPResponse`` reads the body by: ``chunked``, ``length``, ``will_close``."""
        lowered = [(name.lower(), value) for name, value in headers]
        encodings = [v for n, v in lowered if n == b"transfer-encoding"]
        lengths = [v for n, v in lowered if n == b"content-length"]
        self.chunked = bool(encodings)
        self.chunk_left = None
        if encodings and _tokens(encodings) != {b"chunked"}:
            raise MalformedHead(f"unsupported Transfer-Encoding: {b', '.join(encodings)!r}")
        self.length = None
        if lengths and not self.chunked:
            parts = {part.strip() for value in lengths for part in value.split(b",")}
            if len(parts) != 1 or not _DIGITS.fullmatch(next(iter(parts))):
                raise MalformedHead(f"invalid Content-Length: {b', '.join(lengths)!r}")
            self.length = int(next(iter(parts)))
        if status in (101, 204, 304) or self._method == "HEAD":  # type: ignore[attr-defined]
            self.chunked = False  # no body, whatever the headers announce
            self.length = 0
        connection = _tokens([v for n, v in lowered if n == b"connection"])
        if self.version == 11:
            self.will_close = b"close" in connection
        else:
            self.will_close = b"keep-alive" not in connection
        if not self.chunked and self.length is None:  # the body ends with the connection
            self.will_close = True
