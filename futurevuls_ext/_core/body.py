"""Reading a response body as pure code: content decoding with bounded output, and the size cap.

The shells feed the raw bytes of the wire (``iter_raw``) into a :class:`BodyReader` chunk by chunk. It
undoes ``Content-Encoding`` itself (gzip, deflate, identity), never producing more than
:data:`OUTPUT_STEP` bytes per step, and counts the **decoded** bytes: the moment they exceed the limit it
raises :class:`ResponseTooLargeError`, so a gzip bomb costs at most the limit plus one step of memory.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Final, Protocol

import httpx

from .._exceptions import ConfigError, ResponseTooLargeError, ResponseValidationError

__all__ = [
    "ACCEPT_ENCODING",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "OUTPUT_STEP",
    "BodyReader",
    "check_max_response_bytes",
    "decoded_response",
]

DEFAULT_MAX_RESPONSE_BYTES: Final = 64 * 1024 * 1024
"""64 MiB: far above any page of this API (100 items), far below what hurts a laptop."""
OUTPUT_STEP: Final = 256 * 1024
"""Most bytes one decompression step produces."""
ACCEPT_ENCODING: Final = "gzip, deflate"
"""What the clients ask for: exactly the encodings :class:`BodyReader` can undo."""


def check_max_response_bytes(value: int) -> int:
    """``value`` when it is a positive integer; :class:`ConfigError` otherwise."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"max_response_bytes must be a positive integer (bytes), got {value!r}")
    return value


class _Stage(Protocol):
    def feed(self, data: bytes) -> Iterator[bytes]: ...
    def flush(self) -> Iterator[bytes]: ...


class _Zlib:
    """One gzip or deflate layer, decompressed at most :data:`OUTPUT_STEP` bytes at a time."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._decoder: zlib._Decompress | None = None
        self._head = b""

    def _start(self, data: bytes) -> bytes:
        if self.name == "gzip":
            self._decoder = zlib.decompressobj(zlib.MAX_WBITS | 16)
            return data
        # "deflate" is zlib-wrapped by the standard, raw deflate by some servers: look at the header
        head = self._head + data
        if len(head) < 2:
            self._head = head
            return b""
        wrapped = head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
        self._decoder = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        self._head = b""
        return head

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._decoder is None:
            data = self._start(data)
            if self._decoder is None:
                return
        decoder = self._decoder
        while True:
            out = decoder.decompress(data, OUTPUT_STEP)
            if out:
                yield out
            data = decoder.unconsumed_tail
            if not data and len(out) < OUTPUT_STEP:
                return

    def flush(self) -> Iterator[bytes]:
        if self._decoder is None:
            if self._head:
                raise zlib.error("truncated deflate stream")
            return
        while True:  # flush() has no output bound, so drain the pending output in steps
            out = self._decoder.decompress(b"", OUTPUT_STEP)
            if not out:
                break
            yield out
        rest = self._decoder.flush()
        if rest:
            yield rest


def _stages(content_encoding: str | None, *, method: str, url: str) -> list[_Stage]:
    """Decoders for ``Content-Encoding`` (applied in order, so undone in reverse)."""
    names = [n.strip().lower() for n in (content_encoding or "").split(",") if n.strip()]
    stages: list[_Stage] = []
    for name in reversed(names):
        if name in ("identity", "none"):
            continue
        if name in ("gzip", "x-gzip"):
            stages.append(_Zlib("gzip"))
        elif name == "deflate":
            stages.append(_Zlib("deflate"))
        else:
            raise ResponseValidationError(
                f"the API answered with Content-Encoding {name!r}, which the SDK did not ask for "
                f"(Accept-Encoding: {ACCEPT_ENCODING}) and cannot decode",
                method=method,
                url=url,
            )
    return stages


class BodyReader:
    """Decodes and counts one response body; raises as soon as it grows past ``limit`` bytes.

    Args:
        limit: most decoded bytes accepted (``max_response_bytes`` of the client).
        content_encoding: the response's ``Content-Encoding`` header.
        status: the response status, named in error messages.
        method, url: the request, for error messages.
    """

    def __init__(
        self, *, limit: int, content_encoding: str | None, status: int, method: str, url: str
    ) -> None:
        self.limit = limit
        self.status = status
        self.method = method
        self.url = url
        self._stages = _stages(content_encoding, method=method, url=url)
        self._parts: list[bytes] = []
        self._size = 0

    def check_declared_length(self, content_length: str | None) -> None:
        """Refuse before reading when an unencoded body's ``Content-Length`` is already over the limit."""
        if self._stages or content_length is None:
            return
        try:
            declared = int(content_length.strip())
        except ValueError:
            return
        if declared > self.limit:
            raise self._too_large(declared)

    def feed(self, raw: bytes) -> None:
        """Take the next raw (still encoded) chunk."""
        self._push(raw, 0)

    def finish(self) -> bytes:
        """The whole decoded body."""
        for index, stage in enumerate(self._stages):
            try:
                for out in stage.flush():
                    self._push(out, index + 1)
            except zlib.error as exc:
                raise self._undecodable(exc) from None
        return b"".join(self._parts)

    def _push(self, data: bytes, index: int) -> None:
        if index == len(self._stages):
            self._size += len(data)
            if self._size > self.limit:
                raise self._too_large(None)
            self._parts.append(data)
            return
        try:
            for out in self._stages[index].feed(data):
                self._push(out, index + 1)
        except zlib.error as exc:
            raise self._undecodable(exc) from None

    def _too_large(self, declared: int | None) -> ResponseTooLargeError:
        return ResponseTooLargeError(
            limit=self.limit, declared=declared, status_code=self.status, method=self.method, url=self.url
        )

    def _undecodable(self, exc: zlib.error) -> ResponseValidationError:
        return ResponseValidationError(
            f"the API's HTTP {self.status} answer could not be decompressed",
            errors=[str(exc)],
            method=self.method,
            url=self.url,
        )


_WIRE_HEADERS = frozenset({b"content-encoding", b"content-length", b"transfer-encoding"})


def decoded_response(response: httpx.Response, body: bytes) -> httpx.Response:
    """A complete, already decoded copy of a streamed ``response`` carrying ``body``.

    ``Content-Encoding`` and ``Content-Length`` are dropped (they describe the wire, not ``body``); as
    ``httpx.Response(content=body)`` would, a ``Content-Length`` of ``body`` is added when it is not
    empty. The copy is read and closed, as that one is.
    """
    # the raw (bytes) pairs: httpx takes them as they are, without decoding and re-encoding each one
    headers = [(name, value) for name, value in response.headers.raw if name.lower() not in _WIRE_HEADERS]
    if body:
        headers.append((b"Content-Length", str(len(body)).encode("ascii")))
    decoded = httpx.Response(
        response.status_code,
        headers=headers,
        stream=httpx.ByteStream(body),
        request=response.request,
        extensions={k: v for k, v in response.extensions.items() if k != "network_stream"},
    )
    _load(decoded, body)
    return decoded


def _set_content(response: httpx.Response, body: bytes) -> None:
    """Leave ``response`` as its ``read()`` of ``body`` would, without httpx's decoders and chunker.

    Running ``body`` through them again (a second ``Response(content=...)`` per request) was ~8% of an
    import's CPU.
    """
    response._content = body
    response.is_stream_consumed = True
    response.is_closed = True


def _read(response: httpx.Response, body: bytes) -> None:
    del body
    response.read()


def _content_slot_works() -> bool:
    """True when this httpx serves ``content`` from ``_content`` as :func:`_set_content` assumes."""
    probe = httpx.Response(200, stream=httpx.ByteStream(b"probe"))
    _set_content(probe, b"probe")
    try:
        return probe.content == b"probe" and probe.text == "probe"
    except httpx.ResponseNotRead:  # pragma: no cover - an httpx that keeps the body elsewhere
        return False


_load = _set_content if _content_slot_works() else _read
"""How :func:`decoded_response` fills in the body: the direct way, or httpx's own ``read()``."""
