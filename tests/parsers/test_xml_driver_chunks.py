"""ExpatDriver counts record end tags exactly however the stream is cut into reads.

The count tells a truncated report whether its last record was complete, so a marker split across
two reads (or spread over several tiny reads, as from a pipe) must be counted once, and never twice.
"""

from __future__ import annotations

import io
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from futurevuls_ext.parsers._context import ParseContext
from futurevuls_ext.parsers._xml import ExpatDriver

MARKER = b"</issue>"


class _Reads(io.RawIOBase):
    """A stream whose reads return the given sizes in turn (short reads, as a pipe gives)."""

    def __init__(self, data: bytes, sizes: list[int]) -> None:
        self._data = data
        self._sizes = sizes
        self._at = 0
        self._turn = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self._at >= len(self._data):
            return b""
        want = self._sizes[self._turn % len(self._sizes)] if self._sizes else size
        self._turn += 1
        if size >= 0:
            want = min(want, size)
        chunk = self._data[self._at : self._at + max(want, 1)]
        self._at += len(chunk)
        return chunk


def _closed(data: bytes, sizes: list[int]) -> int:
    driver = ExpatDriver(ParseContext(source="chunks.xml", parser="test"), record_end=MARKER)
    for _ in driver.chunks(_Reads(data, sizes)):  # type: ignore[arg-type]
        pass
    return driver.closed


def _document(issues: int, pad: int) -> bytes:
    body = b"".join(b"<issue><name>" + b"x" * (i * pad % 23) + b"</name></issue>" for i in range(issues))
    return b"<issues>" + body + b"</issues>"


@settings(max_examples=200, deadline=None)
@given(
    issues=st.integers(min_value=0, max_value=12),
    pad=st.integers(min_value=0, max_value=7),
    sizes=st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=6),
)
def test_every_end_tag_is_counted_once_whatever_the_reads(issues: int, pad: int, sizes: list[int]) -> None:
    data = _document(issues, pad)
    assert _closed(data, sizes) == data.count(MARKER) == issues


@pytest.mark.parametrize("size", [1, 2, 3, 7, 8, 9, 15, 16, 17])
def test_one_byte_to_two_markers_per_read(size: int) -> None:
    data = _document(9, 3)
    assert _closed(data, [size]) == 9


def test_long_random_reads_over_a_large_document() -> None:
    rng = random.Random(7)
    data = _document(3000, 5)
    sizes = [rng.randint(1, 5000) for _ in range(50)]
    assert _closed(data, sizes) == 3000


def test_a_one_byte_marker_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 2 bytes"):
        ExpatDriver(ParseContext(source="x.xml", parser="test"), record_end=b">")
