"""CSV plumbing shared by the Qualys parsers: decoding, the field-size cap, cell cleaning, sniffing.

* Text is decoded as UTF-8 with the BOM stripped (``utf-8-sig``); undecodable bytes become U+FFFD
  rather than failing the file (Qualys exports from old Windows consoles are sometimes cp1252). A
  stream starting with a UTF-16 BOM (Excel's "Unicode Text" save) is transcoded to UTF-8 first.
* ``newline=""`` keeps CR/LF inside quoted multi-line cells; CRLF and LF record ends both work.
* The ``csv`` module's field limit (131 072 characters by default) is too small for Qualys ``Results``
  cells. It is raised, process-wide and never lowered, to :data:`CSV_FIELD_LIMIT` (8 Mi characters):
  large enough for real cells, still a cap against a hostile file. A physical line over
  :data:`MAX_LINE_BYTES` is refused while its bytes are read, before it is held as one string.
* Excel guards are removed from the cells a parser reads: ``="10.0.0.1"`` -> ``10.0.0.1`` and
  ``'-`` -> ``-``. Formula-like text is otherwise kept verbatim.
* A file cut inside a quoted cell (``csv`` silently returns the partial row) is recognised either by
  the parity of its quote bytes (:class:`QuoteParity`) or, without reading every byte again, by
  :data:`END_MARKER`: a line read after the text is the marker row only when ``csv`` is not inside a
  quoted cell at the end (otherwise the marker ends up in that cell).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, BinaryIO, TextIO, TypeVar

from .._numbers import cvss_range
from ._context import ParseContext

__all__ = [
    "CSV_FIELD_LIMIT",
    "END_MARKER",
    "MAX_LINE_BYTES",
    "PREAMBLE_LINE_LIMIT",
    "QuoteParity",
    "capped_lines",
    "clean",
    "csv_text",
    "ensure_field_limit",
    "header_name",
    "is_end_marker",
    "leading_cvss",
    "leading_number",
    "sniff_rows",
    "with_end_marker",
]

CSV_FIELD_LIMIT = 8 * 1024 * 1024
"""Largest CSV cell accepted, in characters (the csv module holds a cell at 4 bytes a character)."""

MAX_LINE_BYTES = 8 * 1024 * 1024
"""Longest physical line accepted, in bytes; checked on the raw bytes before a line is assembled."""

PREAMBLE_LINE_LIMIT = 1 << 20
"""Longest line accepted before the header row is found (a longer one means "not this format")."""

END_MARKER = "\ufdd0end of the CSV text\ufdd0"
"""The line :func:`with_end_marker` puts after a CSV text (U+FDD0 is a Unicode noncharacter)."""

_CHUNK = 1 << 16
_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)")
T = TypeVar("T")


def ensure_field_limit(limit: int = CSV_FIELD_LIMIT) -> None:
    """Raise the ``csv`` module's (process-wide) field size limit to at least ``limit``."""
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def with_end_marker(lines: Iterable[str]) -> Iterator[str]:
    """``lines``, then the line :data:`END_MARKER`, for ``csv.reader``.

    ``csv`` reads the marker as a row of its own (:func:`is_end_marker`) when the text ends outside a
    quoted cell; when it ends inside one (the file is cut off there), the marker becomes part of that
    cell and no marker row comes.
    """
    return itertools.chain(lines, (END_MARKER,))


def is_end_marker(row: list[str]) -> bool:
    """True for the row ``csv`` reads from :data:`END_MARKER`."""
    return len(row) == 1 and row[0] == END_MARKER


@contextmanager
def csv_text(
    stream: BinaryIO, ctx: ParseContext, *, count_quotes: bool = True
) -> Iterator[tuple[TextIO, QuoteParity]]:
    """Wrap a binary stream as text for ``csv.reader`` (the stream is not closed afterwards).

    Yields the text stream and the :class:`QuoteParity` counter under it; with ``count_quotes=False``
    it does not count (its ``quoted`` is still known: for readers that use :func:`with_end_marker`).
    """
    ensure_field_limit()
    if _starts_utf16(stream):
        stream = io.BufferedReader(Utf16AsUtf8(stream), buffer_size=_CHUNK)
    parity = QuoteParity(
        stream,
        count_quotes=count_quotes,
        on_long_line=lambda offset: ctx.error(
            f"a line longer than {MAX_LINE_BYTES} bytes; refusing to read it (not a Qualys export)",
            location=f"byte {offset}",
        ),
    )
    text = io.TextIOWrapper(
        io.BufferedReader(parity, buffer_size=_CHUNK), encoding="utf-8-sig", errors="replace", newline=""
    )
    # Decode in 64 KiB chunks rather than the default 8 KiB: one QuoteParity.readinto call (Python) per
    # chunk, so 8x fewer of them. The text read is the same; the line cap works on any chunk size.
    text._CHUNK_SIZE = _CHUNK  # type: ignore[attr-defined]
    try:
        yield text, parity
    finally:
        with suppress(ValueError):  # already detached
            text.detach()


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def is_utf16(head: bytes) -> bool:
    """True when ``head`` starts with a UTF-16 byte-order mark (Excel's "Unicode Text" save)."""
    return head[:2] in _UTF16_BOMS


def _starts_utf16(stream: BinaryIO) -> bool:
    """Whether the unread bytes of ``stream`` start with a UTF-16 BOM (nothing is consumed)."""
    peek = getattr(stream, "peek", None)
    if peek is not None:
        return is_utf16(peek(2))
    if stream.seekable():
        start = stream.tell()
        head = stream.read(2)
        stream.seek(start)
        return is_utf16(head)
    return False


class Utf16AsUtf8(io.RawIOBase):
    """UTF-16 text with its BOM (an export re-saved by Excel as "Unicode Text") read as UTF-8 bytes.

    The CSV readers work on UTF-8 bytes (the quote count and the line cap count bytes): the text is
    transcoded chunk by chunk, so nothing else changes.
    """

    def __init__(self, source: BinaryIO) -> None:
        super().__init__()
        self._source = source
        self._decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")
        self._pending = b""
        self._done = False

    def readable(self) -> bool:
        """Always True."""
        return True

    def readinto(self, buffer: Any) -> int:
        """Fill ``buffer`` with the UTF-8 encoding of the next decoded text."""
        while not self._pending and not self._done:
            chunk = self._source.read(_CHUNK)
            self._done = not chunk
            self._pending = self._decoder.decode(chunk, final=self._done).encode("utf-8", "surrogatepass")
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


class QuoteParity(io.RawIOBase):
    """A raw stream over ``source`` that tracks the parity of ``"`` bytes read (one count per chunk).

    In well-formed CSV every record holds an even number of quote characters (``""`` escapes count
    two), so an odd total at the end of the file means it was cut inside a quoted cell; ``csv``
    itself silently returns such a partial row. ``"`` is one byte in UTF-8 and never part of a
    multi-byte sequence, so counting bytes is exact.
    """

    def __init__(
        self,
        source: BinaryIO,
        *,
        count_quotes: bool = True,
        on_long_line: Callable[[int], Exception] | None = None,
        max_line: int = MAX_LINE_BYTES,
    ) -> None:
        super().__init__()
        self._source = source
        self._count = count_quotes
        self._odd = 0
        self._first: bytes | None = None
        self._on_long_line = on_long_line
        self._max_line = max_line
        self._run = 0  # bytes since the last newline
        self._offset = 0  # bytes read so far

    @property
    def cut_in_quotes(self) -> bool:
        """True when the file quotes its cells and the bytes read hold an odd number of quotes.

        Only files whose first cell is quoted (every Qualys VM/VMDR export) are judged: in unquoted
        exports a ``"`` inside a plain cell is literal and would make the count meaningless. Always
        False when the quotes are not counted (``count_quotes=False``).
        """
        return bool(self._odd) and self.quoted

    @property
    def quoted(self) -> bool:
        """True when the file's first cell is quoted (every Qualys VM/VMDR export)."""
        return self._first == b'"'

    def readable(self) -> bool:
        """Always True."""
        return True

    def readinto(self, buffer: Any) -> int:
        """Fill ``buffer`` from the source, counting quotes."""
        data = self._source.read(len(buffer))
        if not data:
            return 0
        size = len(data)
        buffer[:size] = data
        if self._first is None:
            self._first = data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] or None
            if self._first is not None and self._first != b'"':
                self._count = False  # an unquoted file is never judged (cut_in_quotes): no need to count
        if self._count:
            self._odd ^= data.count(b'"') & 1
        if self._on_long_line is not None:
            newline = data.rfind(b"\n")
            newline = max(newline, data.rfind(b"\r", newline + 1))  # CR-only files have lines too
            self._run = self._run + size if newline < 0 else size - newline - 1
            if self._run > self._max_line:
                raise self._on_long_line(self._offset + size - self._run)
        self._offset += size
        return size


def capped_lines(text: TextIO, limit: int, on_long: Callable[[int], Exception]) -> Iterator[str]:
    """Yield the lines of ``text``; raise ``on_long(line_number)`` at a line of ``limit`` characters or more.

    Used while looking for a header, so that a huge single-line file that is not a report fails after
    reading ``limit`` characters instead of being read into memory whole.
    """
    readline = text.readline
    number = 0
    while True:
        line = readline(limit)
        if not line:
            return
        number += 1
        if len(line) >= limit and not line.endswith(("\n", "\r")):
            raise on_long(number)
        yield line


def clean(cell: str) -> str:
    """Strip blanks and Excel guards (``="x"``, ``'x``) from a cell."""
    text = cell.strip()
    if text[:1] == "=" and text[1:2] == '"' and text.endswith('"') and len(text) >= 3:
        text = text[2:-1].strip()
    elif text[:1] == "'":
        text = text[1:].strip()
    return text


def header_name(cell: str) -> str:
    """A header cell folded for matching: cleaned, lower-case, single spaces."""
    return _SPACES.sub(" ", clean(cell)).lower()


def leading_number(cell: str) -> float | None:
    """The number a cell starts with (``"8.1 (AV:N/...)"`` -> 8.1), or None."""
    match = _NUMBER.match(cell)
    return float(match.group(1)) if match else None


def leading_cvss(cell: str) -> float | None:
    """The CVSS score 0-10 a cell starts with, else None (``50`` from an Excel ``,``-decimal re-save)."""
    return cvss_range(leading_number(cell))


def sniff_rows(head: bytes, probe: Callable[[list[str]], T | None], *, max_rows: int = 400) -> T | None:
    """Run ``probe`` over the CSV rows of ``head`` (cut last line tolerated); return its first hit."""
    text = head.decode("utf-8-sig", errors="replace")
    # read as the parsers read (csv_text): any line ending (CR-only from Excel for Mac too), NUL
    # characters kept in their cells; the last, possibly cut, line is left out
    cut = max(text.rfind("\n"), text.rfind("\r"), 0)
    try:
        for index, row in enumerate(csv.reader(io.StringIO(text[:cut] if cut else text, newline=""))):
            if index >= max_rows:
                break
            hit = probe(row)
            if hit is not None:
                return hit
    except csv.Error:
        return None
    return None
