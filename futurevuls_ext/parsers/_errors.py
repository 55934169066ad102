"""Parser-specific errors (subclasses of :class:`futurevuls_ext.ParseError`)."""

from __future__ import annotations

from .._exceptions import ParseError

__all__ = ["TruncatedReportError"]


class TruncatedReportError(ParseError):
    """The report ends in the middle of a record or host (an interrupted scan, a cut-off download).

    A parser raises it *after* yielding every complete record. :func:`parse_report` then returns the
    complete hosts with a warning, unless ``strict=True`` or no complete host was read.
    """
