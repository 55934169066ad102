"""Opening a report source (a path or a binary stream) and peeking at its head without losing it."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from .._exceptions import ParseError
from ._protocol import SNIFF_BYTES

__all__ = ["ReportFile", "open_source", "read_head"]

ReportFile = str | os.PathLike[str] | BinaryIO
"""A report on disk or in a stream: a path, or a binary stream (parsers read bytes)."""


class _ReplayStream(io.RawIOBase):
    """A non-seekable stream whose already-read head is served again before the rest."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._pos = 0
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        if self._pos < len(self._head):
            n = min(len(view), len(self._head) - self._pos)
            view[:n] = self._head[self._pos : self._pos + n]
            self._pos += n
            return n
        data = self._rest.read(len(view))
        n = len(data)
        view[:n] = data
        return n


def source_name(source: ReportFile) -> str:
    """A file name for messages: the path, the stream's ``name``, or ``"<stream>"``."""
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "<stream>"


def read_head(stream: BinaryIO, size: int = SNIFF_BYTES) -> bytes:
    """Read up to ``size`` bytes (looping over short reads)."""
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        data = stream.read(remaining)
        if not data:
            break
        if not isinstance(data, bytes | bytearray):
            raise TypeError("a report stream must be opened in binary mode")
        chunks.append(bytes(data))
        remaining -= len(data)
    return b"".join(chunks)


@contextmanager
def open_source(source: ReportFile, *, peek: bool = False) -> Iterator[tuple[BinaryIO, str, bytes]]:
    """Open ``source`` for reading; yield ``(stream, name, head)`` with the stream at the start.

    Paths are opened (and closed afterwards); streams are used as given and not closed. With
    ``peek=True`` the first 64 KiB are read into ``head`` and the stream is rewound (seekable
    streams and files) or wrapped so that the head is read again (pipes and sockets, also when
    given as a path: ``<(cat x)``, ``/dev/stdin``, a FIFO).

    Raises:
        ParseError: the path cannot be opened or the stream is not binary.
    """
    name = source_name(source)
    if isinstance(source, str | os.PathLike):
        try:
            handle: BinaryIO = open(source, "rb", buffering=1 << 16)  # noqa: SIM115 - closed below
        except OSError as exc:
            raise ParseError(f"cannot open report: {exc.strerror or exc}", source=name) from exc
        try:
            stream: BinaryIO = handle
            try:
                head = read_head(handle) if peek else b""
                if peek and handle.seekable():
                    handle.seek(0)
                elif peek:  # a pipe given as a path (<(cat x), /dev/stdin, a FIFO): read as streams are
                    stream = io.BufferedReader(_ReplayStream(head, handle))
            except OSError as exc:
                raise ParseError(f"cannot read report: {exc.strerror or exc}", source=name) from exc
            yield stream, name, head
        finally:
            handle.close()
        return
    probe: object = source
    if isinstance(probe, io.TextIOBase):
        raise ParseError(
            "the report stream is a text stream; open the file in binary mode ('rb')", source=name
        )
    try:
        start = source.tell() if source.seekable() else None
        head = read_head(source) if peek else b""
    except (OSError, TypeError, ValueError) as exc:
        raise ParseError(f"cannot read report stream: {exc}", source=name) from exc
    if not peek:
        yield source, name, head
    elif start is not None:
        source.seek(start)
        yield source, name, head
    else:
        yield io.BufferedReader(_ReplayStream(head, source)), name, head
