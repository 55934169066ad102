"""What a parse function does with one input, as one comparable value: the differential tests' unit."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import BinaryIO

from futurevuls_ext import ParseError
from futurevuls_ext.parsers import Finding, ParseContext, SkippedRecord

Outcome = tuple[list[Finding], tuple[str, str, str | None] | None, list[SkippedRecord], list[str]]
"""(findings handed out, the error's (type, message, location) or None, skipped records, warnings)."""


def parse_outcome(
    parse: Callable[[BinaryIO, ParseContext], Iterator[Finding]], data: bytes, *, source: str, parser: str
) -> Outcome:
    """Run ``parse`` over ``data`` to its end or its :class:`ParseError`, and say all it did."""
    ctx = ParseContext(source=source, parser=parser)
    findings = []
    error: tuple[str, str, str | None] | None = None
    try:
        for finding in parse(io.BytesIO(data), ctx):
            findings.append(finding)
    except ParseError as exc:
        error = (type(exc).__name__, str(exc), exc.location)
    return findings, error, ctx.skipped, ctx.warnings
