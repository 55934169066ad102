"""Record-level helpers of the JSON parsers: sniffing a file's head, and counting invalid records.

Split from :mod:`._json` (which re-exports every name here) to keep each module small.
"""

from __future__ import annotations

import codecs
import re

from .._wording import article
from ._context import ParseContext

__all__ = ["DEFAULT_MAX_LEADING_INVALID", "RecordGate", "head_keys", "head_starts_like_json"]

DEFAULT_MAX_LEADING_INVALID = 1000
"""A file whose first this-many records are all invalid is not a report of the parser's format."""

_ARRAY_START_B = re.compile(rb"\[\s*(?:[\[{\]\"]|$)")
_HEAD_KEY = re.compile(rb'"([^"\\\r\n]{1,80})"\s*:')


def head_keys(head: bytes) -> set[str]:
    """Every ``"key":`` spelled in ``head`` (any nesting level); a cheap basis for ``sniff``."""
    return {m.decode("utf-8", "replace") for m in _HEAD_KEY.findall(head)}


def head_starts_like_json(head: bytes, *, allow_log_lines: bool = False) -> bool:
    """True when the first non-blank text of ``head`` opens a JSON object or array of records.

    Args:
        head: the first bytes of the file.
        allow_log_lines: also accept heads whose JSON starts after some non-JSON lines.
    """
    text = head.removeprefix(codecs.BOM_UTF8)
    for raw in text.splitlines()[:200] if allow_log_lines else [text]:
        line = raw.lstrip()
        if not line:
            continue
        if line.startswith(b"{") or _ARRAY_START_B.match(line):
            return True
        if not allow_log_lines:
            return False
    return False


class RecordGate:
    """Counts valid and invalid records; refuses a file whose first records are all invalid.

    Args:
        ctx: the parse context (invalid records are reported with ``ctx.skip``).
        what: the format's name for messages (``"nuclei"``, ``"Amazon Inspector"``).
        record: what one record of the format is called (``"result"``, ``"finding"``).
        limit: how many leading invalid records make the file "not this format".
    """

    def __init__(
        self,
        ctx: ParseContext,
        what: str,
        *,
        record: str = "record",
        limit: int = DEFAULT_MAX_LEADING_INVALID,
    ) -> None:
        self.ctx = ctx
        self.what = what
        self.record = record
        self.limit = limit
        self.valid = 0
        self.invalid = 0
        self.not_json = 0

    def reject(self, line: int, reason: str, *, not_json: bool = False) -> None:
        """Report an invalid record at ``line``; raise once ``limit`` leading records were invalid.

        ``not_json``: the line is not JSON at all (so it is no record of any JSON format).
        """
        self.invalid += 1
        self.not_json += not_json
        self.ctx.skip(f"line {line}", reason)
        if self.valid == 0 and self.invalid >= self.limit:
            raise self.ctx.error(self._not_this_format(first=True), location=f"line {line}")

    def finish(self) -> None:
        """At the end of the file: raise when there were invalid records and no valid one."""
        if self.valid == 0 and self.invalid > 0:
            raise self.ctx.error(self._not_this_format(first=False), location="end of file")

    def _not_this_format(self, first: bool) -> str:
        """``none of the 41 lines is JSON; this is not an Amazon Inspector report`` and the like."""
        unit, what = (
            ("line", "JSON")
            if self.not_json == self.invalid
            else ("record", article(f"{self.what} {self.record}"))
        )
        if self.invalid == 1:
            head = f"the only {unit} is not {what}"
        else:
            head = f"none of the {'first ' if first else ''}{self.invalid} {unit}s is {what}"
        return f"{head}; this is not {article(self.what)} report"
