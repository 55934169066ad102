"""The streaming JSON record reader shared by the JSON parsers."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from futurevuls_ext import ParseError
from futurevuls_ext.parsers import ParseContext, TruncatedReportError
from futurevuls_ext.parsers import _json as json_mod
from futurevuls_ext.parsers._json import JsonRecordReader, RecordGate, head_keys, head_starts_like_json


def _read(
    data: bytes, *, wrappers: tuple[str, ...] = (), limit: int = 1 << 20, log: bool = False
) -> tuple[list[tuple[Any, int]], ParseContext, JsonRecordReader]:
    ctx = ParseContext(source="t.json", parser="test")
    gate = RecordGate(ctx, "test")
    reader = JsonRecordReader(
        io.BytesIO(data),
        ctx,
        gate,
        wrapper_keys=wrappers,
        max_record_bytes=limit,
        is_log_line=(lambda s: s.startswith("[INF]")) if log else None,
    )
    return list(reader), ctx, reader


class _Endless(io.RawIOBase):
    """A stream producing ``prefix`` then ``filler`` forever, counting what was read."""

    def __init__(self, prefix: bytes, filler: bytes) -> None:
        self.prefix = prefix
        self.filler = filler
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self.served < len(self.prefix):
            chunk = self.prefix[self.served : self.served + len(view)]
        else:
            chunk = (self.filler * (len(view) // len(self.filler) + 1))[: len(view)]
        view[: len(chunk)] = chunk
        self.served += len(chunk)
        return len(chunk)


def test_json_lines_with_bom_blank_and_log_lines() -> None:
    records, ctx, reader = _read(b'\xef\xbb\xbf{"a": 1}\n\n[INF] started\r\n{"b": 2}', log=True)
    assert records == [({"a": 1}, 1), ({"b": 2}, 4)]
    assert reader.log_lines == 1
    assert ctx.skipped[0].location == "line 3"


def test_pretty_array_and_wrapper_object_stream_record_by_record() -> None:
    records, _, _ = _read(b'[\n  {"a": 1},\n  {"b":\n 2}\n]\n')
    assert records == [({"a": 1}, 2), ({"b": 2}, 3)]
    doc = b'{\n "findings": [\n  {"x": 1},\n  {"y": 2}\n ],\n "nextToken": "t"\n}\n'
    records, _, reader = _read(doc, wrappers=("findings",))
    assert [r for r, _ in records] == [{"x": 1}, {"y": 2}]
    assert reader.wrappers == ["findings"]
    assert reader.envelopes == [{"nextToken": "t"}]


def test_one_line_wrapper_and_single_pretty_object() -> None:
    records, _, reader = _read(b'{"findings": [{"x": 1}], "nextToken": null}\n', wrappers=("findings",))
    assert records == [({"x": 1}, 1)]
    assert reader.envelopes == [{"nextToken": None}]
    records, _, _ = _read(b'{\n "ip_str": "192.0.2.1",\n "data": [1, 2]\n}')
    assert records == [({"ip_str": "192.0.2.1", "data": [1, 2]}, 1)]


class _GeneratedArray(io.RawIOBase):
    """``{"findings": [rec, rec, ...]}`` with ``count`` records, produced lazily."""

    def __init__(self, count: int) -> None:
        self.parts = iter(
            [b'{"findings": [\n'] + [b'{"n": %d, "pad": "%s"},\n' % (i, b"x" * 200) for i in range(count)]
        )
        self.tail = b'{"n": -1}\n], "nextToken": null}\n'
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        while len(self.pending) < len(view):
            part = next(self.parts, None)
            if part is None:
                self.pending += self.tail
                self.tail = b""
                break
            self.pending += part
        size = min(len(view), len(self.pending))
        view[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size


def test_a_wrapped_list_streams_with_a_bounded_buffer() -> None:
    ctx = ParseContext(source="big.json")
    reader = JsonRecordReader(
        io.BufferedReader(_GeneratedArray(60_000)), ctx, RecordGate(ctx, "t"), wrapper_keys=("findings",)
    )
    biggest = count = 0
    for _record, _line in reader:
        count += 1
        biggest = max(biggest, len(reader._buf))
    assert count == 60_001  # about 13 MB of records
    assert biggest <= 2 * 1024 * 1024 + 1024


def test_broken_line_is_skipped_and_reading_goes_on() -> None:
    records, ctx, _ = _read(b'{"a": 1}\n{"b": x}\n{"c": 3}\n')
    assert [r for r, _ in records] == [{"a": 1}, {"c": 3}]
    assert ctx.skipped[0].location == "line 2"


def test_broken_element_inside_an_array_resyncs_at_the_next_line() -> None:
    records, ctx, _ = _read(b'[\n{"a": 1},\n{"b": x},\n{"c": 3}\n]\n')
    assert {"a": 1} in [r for r, _ in records]
    assert {"c": 3} in [r for r, _ in records]
    assert ctx.skipped_count >= 1


@pytest.mark.parametrize(
    "data",
    [b'{"a": 1}\n{"b": "xy', b'[\n {"a": 1},\n {"b":', b'{"findings": [{"a": 1}, {"b"'],
)
def test_truncated_after_a_complete_record(data: bytes) -> None:
    ctx = ParseContext(source="t.json", parser="test")
    reader = JsonRecordReader(io.BytesIO(data), ctx, RecordGate(ctx, "t"), wrapper_keys=("findings",))
    got: list[Any] = []

    def consume() -> None:
        for record, _ in reader:
            got.append(record)

    with pytest.raises(TruncatedReportError) as info:
        consume()
    assert got == [{"a": 1}]
    assert info.value.source == "t.json"


def test_truncated_before_any_record_is_a_plain_parse_error() -> None:
    with pytest.raises(ParseError) as info:
        _read(b'[\n {"a": ')
    assert not isinstance(info.value, TruncatedReportError)


def test_record_over_the_limit_fails_without_reading_the_rest() -> None:
    source = _Endless(b'{"a": "', b"x")
    ctx = ParseContext(source="big.json")
    reader = JsonRecordReader(
        io.BufferedReader(source), ctx, RecordGate(ctx, "t"), max_record_bytes=3 * 1024 * 1024
    )
    with pytest.raises(ParseError, match="larger than"):
        list(reader)
    assert source.served < 8 * 1024 * 1024


def test_wrapper_member_over_the_limit_fails() -> None:
    source = _Endless(b'{"findings": [{"a": "', b"y")
    ctx = ParseContext(source="big.json")
    reader = JsonRecordReader(
        io.BufferedReader(source),
        ctx,
        RecordGate(ctx, "t"),
        wrapper_keys=("findings",),
        max_record_bytes=1 << 21,
    )
    with pytest.raises(ParseError, match="larger than"):
        list(reader)
    assert source.served < 6 * 1024 * 1024


def test_huge_non_json_line_fails_after_one_probe() -> None:
    source = _Endless(b"", b"A")
    ctx = ParseContext(source="huge.txt")
    with pytest.raises(ParseError, match="not JSON"):
        list(JsonRecordReader(io.BufferedReader(source), ctx, RecordGate(ctx, "t")))
    assert source.served < 4 * 1024 * 1024


def test_first_thousand_invalid_records_refuse_the_file_early() -> None:
    source = _Endless(b"", b"this is not json\n")
    ctx = ParseContext(source="junk.txt")
    gate = RecordGate(ctx, "t")
    with pytest.raises(
        ParseError,
        match=r"^junk\.txt, line 1000: none of the first 1000 lines is JSON; this is not a t report$",
    ):
        list(JsonRecordReader(io.BufferedReader(source), ctx, gate))
    assert gate.invalid == 1000
    assert source.served < 1024 * 1024


def test_only_invalid_lines_fail_at_the_end() -> None:
    ctx = ParseContext(source="junk.txt")
    gate = RecordGate(ctx, "t")
    list(JsonRecordReader(io.BytesIO(b"a\nb\n"), ctx, gate))
    with pytest.raises(
        ParseError, match=r"^junk\.txt, end of file: none of the 2 lines is JSON; this is not a t report$"
    ):
        gate.finish()


def test_deep_nesting_and_huge_integers_are_invalid_records_not_crashes() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    records, ctx, _ = _read(b'{"x": ' + deep + b"}\n" + b'{"n": ' + b"9" * 5000 + b'}\n{"ok": 1}\n')
    assert [r for r, _ in records] == [{"ok": 1}]
    assert ctx.skipped_count == 2


def test_invalid_utf8_in_a_document_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="UTF-8"):
        _read(b'[\n{"a": "\xff\xfe"}\n]\n')


def test_head_helpers() -> None:
    assert head_keys(b'{"template-id": "x", "info": {"name": "y"}}') >= {"template-id", "info", "name"}
    assert head_starts_like_json(b'  [ {"a": 1}')
    assert not head_starts_like_json(b"[INF] x\n{")
    assert head_starts_like_json(b"[INF] x\n{", allow_log_lines=True)
    assert not head_starts_like_json(b"IP,DNS\n")


_records = st.lists(
    st.dictionaries(
        st.text(min_size=1, max_size=5),
        st.one_of(st.integers(-(10**12), 10**12), st.text(max_size=20), st.booleans(), st.none()),
        max_size=4,
    ),
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(records=_records, layout=st.sampled_from(["lines", "array", "pretty", "wrapper", "pretty-wrapper"]))
def test_every_layout_gives_the_same_records_across_chunk_boundaries(
    records: list[dict[str, Any]], layout: str
) -> None:
    if layout == "lines":
        data = "\n".join(json.dumps(r) for r in records)
    elif layout == "array":
        data = json.dumps(records)
    elif layout == "pretty":
        data = json.dumps(records, indent=2)
    elif layout == "wrapper":
        data = json.dumps({"meta": 1, "findings": records, "nextToken": None})
    else:
        data = json.dumps({"findings": records, "n": [1, 2]}, indent=1)
    old = json_mod._CHUNK, json_mod._LINE_PROBE
    json_mod._CHUNK, json_mod._LINE_PROBE = 7, 64
    try:
        got, _, _ = _read(data.encode(), wrappers=("findings",))
    finally:
        json_mod._CHUNK, json_mod._LINE_PROBE = old
    assert [r for r, _ in got] == records
