"""Streaming JSON record reader shared by the JSON parsers (nuclei, CyCognito, Shodan, asm-json, Inspector).

One reader accepts every layout the JSON exports come in and hands the parser one *record* (a decoded
JSON value, usually an object) at a time, with the line it starts on:

* JSON Lines / NDJSON: one value per line (the fast path: ``json.loads`` per line);
* a JSON array of records (``[{...}, {...}]``, pretty-printed or not): element by element;
* a wrapper object holding the records in a list under a known key (``{"findings": [...],
  "nextToken": ...}``): the list element by element; the other members are kept in
  :attr:`JsonRecordReader.envelopes`;
* a single object (pretty-printed or not): one record;
* several of the above concatenated, with blank lines and non-JSON lines (log output) in between.

Memory is bounded by the largest record: the file is read in chunks and decoded incrementally with
:meth:`json.JSONDecoder.raw_decode`; only the record being decoded is held. A record larger than
``max_record_bytes`` (default 16 MiB; a real finding is a few KB) raises
:class:`~futurevuls_ext.ParseError` as soon as the buffer passes the limit. The default keeps a hostile
100 MB one-line file under 64 MB of memory: holding a record of the limit briefly costs about twice it.
A line that is not JSON is reported with ``ctx.skip`` (and counts as an
invalid record unless the parser recognises it as a log line); a syntax error inside a record skips
that record and resumes at the next line. A file that ends inside a record yields the complete records
and then raises :class:`~futurevuls_ext.parsers.TruncatedReportError` (a ``ParseError`` when nothing
complete was read).
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from ._context import ParseContext
from ._json_gate import (
    _ARRAY_START_B,
    DEFAULT_MAX_LEADING_INVALID,
    RecordGate,
    head_keys,
    head_starts_like_json,
)

__all__ = [
    "DEFAULT_MAX_LEADING_INVALID",
    "DEFAULT_MAX_RECORD_BYTES",
    "JsonRecordReader",
    "RecordGate",
    "head_keys",
    "head_starts_like_json",
    "refuse_empty",
]

DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024
"""Largest record (line, array element or object) accepted, in bytes (characters once decoded)."""

_LINE_PROBE = 1 << 20  # the line fast path reads at most this much of one line
_CHUNK = 1 << 20
_NON_WS = re.compile(r"[^ \t\r\n]")
_ARRAY_START = re.compile(r"\[\s*(?:[\[{\]\"]|$)")
_decoder = json.JSONDecoder()
_raw_decode = _decoder.raw_decode
# the C scanner json.loads runs under its Python layers (set by JSONDecoder.__init__; not in typeshed)
_scan_once: Callable[[str, int], tuple[Any, int]] = _decoder.scan_once  # type: ignore[attr-defined]
_NO_VALUE: Any = object()


class _Truncated(Exception):
    """The file ended inside a value."""

    def __init__(self, line: int, what: str) -> None:
        super().__init__(what)
        self.line = line
        self.what = what


class _Invalid(Exception):
    """A syntax error inside a value (the value is skipped)."""

    def __init__(self, message: str, pos: int, line: int = 0) -> None:
        super().__init__(message)
        self.pos = pos
        self.line = line


def _incomplete(exc: json.JSONDecodeError, end: int, slack: int) -> bool:
    """True when a decode error is (probably) only the end of the available text."""
    if exc.msg.startswith("Unterminated string") or exc.pos >= end - slack:
        return True
    tail = exc.doc[exc.pos : exc.pos + 6].rstrip()
    return exc.pos + len(tail) >= end and any(word.startswith(tail) for word in ("true", "false", "null"))


class JsonRecordReader:
    """Iterate ``(record, line)`` pairs over a JSON / JSON Lines stream (see the module docstring).

    Args:
        stream: the binary stream, positioned at the start.
        ctx: the parse context (non-JSON lines and broken records are reported there).
        gate: counts invalid records (non-JSON lines and syntax errors count as invalid).
        wrapper_keys: member names of a top-level object whose list holds the records
            (``("findings", "Findings")`` for Inspector).
        is_log_line: recognises harmless non-JSON lines (e.g. nuclei's ``[INF] ...``); those are
            reported but not counted as invalid.
        max_record_bytes: the record size limit.

    Attributes:
        envelopes: for each wrapper object, its members other than the record list.
        wrappers: the wrapper keys met, in order (``["findings"]``).
        current_envelope: the members of the wrapper object being read, known so far.
        records: how many records were yielded.
        arrays: how many top-level JSON arrays were met (an empty ``[]`` is a valid empty list).
        log_lines: how many non-JSON lines were recognised as log lines.
    """

    def __init__(
        self,
        stream: BinaryIO,
        ctx: ParseContext,
        gate: RecordGate,
        *,
        wrapper_keys: tuple[str, ...] = (),
        is_log_line: Callable[[str], bool] | None = None,
        max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    ) -> None:
        self._stream = stream
        self._ctx = ctx
        self._gate = gate
        self._wrappers = wrapper_keys
        self._is_log_line = is_log_line
        self._limit = max_record_bytes
        self.envelopes: list[dict[str, Any]] = []
        self.wrappers: list[str] = []
        self.current_envelope: dict[str, Any] = {}
        self.records = 0
        self.arrays = 0
        self.log_lines = 0
        # document-mode state
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._line = 1  # line number at self._line_pos
        self._line_pos = 0
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
        self._bytes_read = 0
        self._buf_offset = 0  # absolute character offset of self._buf[0]
        self._record_start = 0  # absolute character offset where the current record starts

    # -- reporting ---------------------------------------------------------------------------
    def _non_json_line(self, line: int, text: str) -> None:
        snippet = text.strip()[:80]
        if self._is_log_line is not None and self._is_log_line(snippet):
            self.log_lines += 1
            self._ctx.skip(f"line {line}", f"log line, not a JSON record: {snippet!r}")
            return
        self._gate.reject(line, f"not JSON: {snippet!r}", not_json=True)

    def _truncated(self, line: int, what: str) -> Exception:
        if self.records:
            return self._ctx.truncated(f"the file ends inside {what}", location=f"line {line}")
        return self._ctx.error(f"the file ends inside {what}; no complete record", location=f"line {line}")

    def _too_big(self, line: int) -> Exception:
        return self._ctx.error(
            f"a JSON record larger than {self._limit} bytes starts here; refusing to read it "
            "(not a report of this format, or raise max_record_bytes)",
            location=f"line {line}",
        )

    def _unwrap(self, value: Any, line: int) -> Iterator[tuple[Any, int]]:
        if isinstance(value, dict):
            for key in self._wrappers:
                items = value.get(key)
                if isinstance(items, list):
                    self.wrappers.append(key)
                    self.envelopes.append({k: v for k, v in value.items() if k != key})
                    for item in items:
                        self.records += 1
                        yield item, line
                    return
            self.records += 1
            yield value, line
        elif isinstance(value, list):
            self.arrays += 1
            for item in value:
                self.records += 1
                yield item, line
        else:
            self._gate.reject(line, f"a JSON {type(value).__name__}, not a record")

    # -- fast path: JSON Lines -----------------------------------------------------------------
    def __iter__(self) -> Iterator[tuple[Any, int]]:
        """Yield ``(record, line)`` pairs; raise ParseError / TruncatedReportError as described."""
        readline = self._stream.readline
        loads = json.loads
        scan = _scan_once
        wrappers = self._wrappers
        line_no = 0
        while True:
            try:
                raw = readline(_LINE_PROBE)
            except OSError as exc:
                raise self._ctx.error(
                    f"cannot read the report: {exc}", location=f"line {line_no + 1}"
                ) from exc
            if not raw:
                return
            line_no += 1
            if line_no == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            value = _NO_VALUE
            if raw[:1] == b"{" and raw[1:2] != b"\x00":
                # What json.loads(raw) does for a line json.detect_encoding reads as UTF-8, without its
                # Python-level layers; anything unusual (an error, extra data) goes to loads below.
                try:
                    text = raw.decode("utf-8", "surrogatepass")
                    value, end = scan(text, 0)
                except Exception:  # json.loads below raises the real error
                    value = _NO_VALUE
                else:
                    if end != len(text) and text[end:].strip(" \t\n\r"):
                        value = _NO_VALUE
            if value is _NO_VALUE:
                try:
                    value = loads(raw)
                except (ValueError, RecursionError) as exc:
                    action = self._classify_line(raw, exc, line_no)
                    if action == "skip":
                        continue
                    yield from self._document(raw, line_no)
                    return
            if type(value) is dict:
                for key in wrappers:
                    if isinstance(value.get(key), list):
                        break
                else:
                    self.records += 1
                    yield value, line_no
                    continue
            yield from self._unwrap(value, line_no)

    def _classify_line(self, raw: bytes, exc: Exception, line_no: int) -> str:
        """Decide what to do with a line ``json.loads`` refused: "skip" it or switch to "document"."""
        stripped = raw.strip()
        if not stripped:
            return "skip"
        long_line = len(raw) >= _LINE_PROBE and not raw.endswith(b"\n")
        if not stripped.startswith(b"{") and not _ARRAY_START_B.match(stripped):
            if long_line:
                if not self._gate.valid:
                    raise self._ctx.error(
                        f"a line of over {_LINE_PROBE} bytes that is not JSON, before any "
                        f"{self._gate.what} record: not a report of this format",
                        location=f"line {line_no}",
                    )
                self._skip_rest_of_line()
            self._non_json_line(line_no, stripped[:200].decode("utf-8", "replace"))
            return "skip"
        if long_line or not raw.endswith(b"\n"):
            return "document"  # a long line, or the last line: decided by the incremental scanner
        if not isinstance(exc, json.JSONDecodeError):
            self._gate.reject(line_no, f"invalid JSON record: {type(exc).__name__}: {exc}"[:300])
            return "skip"
        if not _incomplete(exc, len(exc.doc.rstrip()), 0):
            self._gate.reject(line_no, f"invalid JSON: {exc.msg} (column {exc.colno})", not_json=True)
            return "skip"
        return "document"

    def _skip_rest_of_line(self) -> None:
        while True:
            part = self._stream.readline(_LINE_PROBE)
            if not part or part.endswith(b"\n"):
                return

    # -- general path: arrays, wrapper objects, pretty-printed objects -------------------------------
    def _fill(self) -> None:
        """Append at least one more chunk (growing with the pending text) to the buffer."""
        if self._eof:
            return
        pending = len(self._buf) - self._pos
        record = self._buf_offset + len(self._buf) - self._record_start
        if record >= self._limit:
            raise self._too_big(self._line_at(self._pos))
        self._line_at(self._pos)
        self._line_pos -= self._pos
        self._buf = self._buf[self._pos :]
        self._buf_offset += self._pos
        self._pos = 0
        try:
            data = self._stream.read(max(_CHUNK, min(pending, self._limit - record)))
        except OSError as exc:
            raise self._ctx.error(f"cannot read the report: {exc}", location=f"line {self._line}") from exc
        if record + len(data or b"") > self._limit and pending:
            # Decide before decoding and concatenating, which would briefly hold the record three times.
            raise self._too_big(self._line)
        try:
            text = self._decoder.decode(data or b"", final=not data)
        except UnicodeDecodeError as exc:
            raise self._ctx.error(
                f"not UTF-8 text (byte {self._bytes_read + exc.start}); a binary file?",
                location=f"line {self._line}",
            ) from exc
        self._bytes_read += len(data or b"")
        if not data:
            self._eof = True
        self._buf += text

    def _line_at(self, pos: int) -> int:
        if pos > self._line_pos:
            self._line += self._buf.count("\n", self._line_pos, pos)
            self._line_pos = pos
        return self._line

    def _skip_ws(self) -> bool:
        """Advance past whitespace; False at the end of the file."""
        while True:
            match = _NON_WS.search(self._buf, self._pos)
            if match is not None:
                self._pos = match.start()
                return True
            self._pos = len(self._buf)
            if self._eof:
                return False
            self._fill()

    def _decode(self, line: int, what: str) -> Any:
        """Decode the value at the position (refilling as needed); advance past it."""
        while True:
            try:
                value, end = _raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                if self._eof:
                    if _incomplete(exc, len(self._buf.rstrip()), 0):
                        raise _Truncated(line, what) from None
                elif _incomplete(exc, len(self._buf), 16):
                    self._fill()
                    continue
                raise _Invalid(exc.msg, exc.pos, line) from None
            except (ValueError, RecursionError) as exc:
                raise _Invalid(f"{type(exc).__name__}: {exc}"[:200], self._pos + 1, line) from None
            if end >= len(self._buf) and not self._eof:
                self._fill()  # a number at the end of the buffer may continue
                continue
            self._pos = end
            return value

    def _skip_rest_of_doc_line(self) -> str:
        start_text = ""
        while True:
            idx = self._buf.find("\n", self._pos)
            if idx >= 0:
                if not start_text:
                    start_text = self._buf[self._pos : min(idx, self._pos + 200)]
                self._pos = idx + 1
                return start_text
            if not start_text:
                start_text = self._buf[self._pos : self._pos + 200]
            self._pos = len(self._buf)
            if self._eof:
                return start_text
            self._fill()

    def _document(self, prefix: bytes, line_no: int) -> Iterator[tuple[Any, int]]:
        try:
            self._buf = self._decoder.decode(prefix)
        except UnicodeDecodeError as exc:
            raise self._ctx.error("not UTF-8 text; a binary file?", location=f"line {line_no}") from exc
        self._line = line_no
        while self._skip_ws():
            line = self._line_at(self._pos)
            char = self._buf[self._pos]
            self._record_start = self._buf_offset + self._pos
            try:
                if char == "{":
                    yield from self._top_object(line)
                elif char == "[" and self._array_starts():
                    self.arrays += 1
                    yield from self._array(line, None)
                else:
                    self._non_json_line(line, self._skip_rest_of_doc_line())
            except _Truncated as exc:
                raise self._truncated(exc.line, exc.what) from None
            except _Invalid as exc:
                # skip the broken value: report it and continue at the line after the error
                self._pos = max(exc.pos, self._pos)
                err_line = self._line_at(self._pos)
                self._gate.reject(
                    exc.line or line, f"invalid JSON: {exc} (at line {err_line})", not_json=True
                )
                self._skip_rest_of_doc_line()

    def _array_starts(self) -> bool:
        while len(self._buf) - self._pos < 64 and not self._eof:
            self._fill()
        return bool(_ARRAY_START.match(self._buf, self._pos, min(len(self._buf), self._pos + 64)))

    def _array(self, line: int, wrapper: str | None) -> Iterator[tuple[Any, int]]:
        """Yield the elements of the array at the position."""
        self._pos += 1
        while True:
            if not self._skip_ws():
                raise _Truncated(line, f"a JSON array (started at line {line}, no closing ']')")
            char = self._buf[self._pos]
            if char == "]":
                self._pos += 1
                return
            if char == ",":
                self._pos += 1
                continue
            item_line = self._line_at(self._pos)
            self._record_start = self._buf_offset + self._pos
            value = self._decode(item_line, "a JSON record")
            if wrapper is None and isinstance(value, list):
                for item in value:
                    self.records += 1
                    yield item, item_line
                continue
            self.records += 1
            yield value, item_line

    def _top_object(self, line: int) -> Iterator[tuple[Any, int]]:
        """Yield a top-level object as one record, or stream its wrapper list."""
        if not self._wrappers:
            value = self._decode(line, "a JSON record")
            self.records += 1
            yield value, line
            return
        members: dict[str, Any] = {}
        self.current_envelope = members
        wrapped = False
        what = f"a JSON object (started at line {line})"
        self._pos += 1
        while True:
            if not self._skip_ws():
                raise _Truncated(line, what)
            char = self._buf[self._pos]
            if char == "}":
                self._pos += 1
                break
            if char == ",":
                self._pos += 1
                continue
            key = self._decode(line, what)
            if not isinstance(key, str) or not self._skip_ws() or self._buf[self._pos] != ":":
                if self._eof and self._pos >= len(self._buf):
                    raise _Truncated(line, what)
                raise _Invalid("expecting a member name and ':'", self._pos, line)
            self._pos += 1
            if not self._skip_ws():
                raise _Truncated(line, what)
            if key in self._wrappers and self._buf[self._pos] == "[" and not wrapped:
                wrapped = True
                self.wrappers.append(key)
                yield from self._array(line, key)
                self._record_start = self._buf_offset + self._pos
            else:
                members[key] = self._decode(line, what)
        if wrapped:
            self.envelopes.append(members)
        else:
            self.records += 1
            yield members, line


def refuse_empty(reader: JsonRecordReader, gate: RecordGate, *, empty_export: str) -> None:
    """Raise ParseError when the file held no record, no array and no wrapper list (empty or blank).

    For formats whose empty export is still a JSON document (``empty_export``, e.g. ``[]``); an empty
    nuclei output, by contrast, is a valid scan that found nothing.
    """
    if not reader.wrappers and not reader.arrays and gate.valid == 0:
        raise gate.ctx.error(
            f"no {gate.what} record: the file is empty or blank (an empty export is {empty_export})",
            location="end of file",
        )
