"""What the parsers of JSON records share: the record size cap, the record reader and key sniffing.

Used by the nuclei, Shodan, CyCognito, asm-json and Amazon Inspector parsers (:mod:`._json` reads the
records; these are the parser-side pieces around it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from ._context import ParseContext
from ._json import DEFAULT_MAX_RECORD_BYTES, JsonRecordReader, RecordGate, head_keys, head_starts_like_json

__all__ = ["JsonRecordsParser", "keyed_score"]


class JsonRecordsParser:
    """Base of the parsers that read a stream of JSON records (JSON Lines, an array or wrapper lists).

    Args:
        max_record_bytes: the largest record read (one line, or one element of a list); a larger one
            is reported as skipped.
    """

    def __init__(self, *, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES) -> None:
        self.max_record_bytes = max_record_bytes

    def records(
        self,
        stream: BinaryIO,
        ctx: ParseContext,
        gate: RecordGate,
        *,
        wrapper_keys: tuple[str, ...],
        is_log_line: Callable[[str], bool] | None = None,
    ) -> JsonRecordReader:
        """The ``(record, line)`` reader over ``stream``, with this parser's record size cap."""
        return JsonRecordReader(
            stream,
            ctx,
            gate,
            wrapper_keys=wrapper_keys,
            is_log_line=is_log_line,
            max_record_bytes=self.max_record_bytes,
        )


def keyed_score(head: bytes, key: str, typical: frozenset[str]) -> float:
    """Sniff score of JSON records carrying ``key``: 0.9 with one of the ``typical`` keys too, else 0.5.

    0.0 when ``head`` does not start like JSON or never spells ``key``.
    """
    if not head_starts_like_json(head):
        return 0.0
    keys = head_keys(head)
    if key not in keys:
        return 0.0
    return 0.9 if keys & typical else 0.5
