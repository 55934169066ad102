"""ParseContext: the per-parse collector of skipped records, warnings and reachability records."""

from __future__ import annotations

from .._exceptions import ParseError
from ._errors import TruncatedReportError
from ._model import Reachability, SkippedRecord

__all__ = ["DEFAULT_SKIP_CAP", "ParseContext"]

DEFAULT_SKIP_CAP = 1000


class ParseContext:
    """Mutable state of one parse, handed to :meth:`ReportParser.parse`.

    Parsers call :meth:`skip` for every record they do not use (nothing is dropped silently),
    :meth:`warn` for oddities, :meth:`add_reachability` for Inspector paths, and :meth:`error` /
    :meth:`truncated` to build exceptions that name the file, the position and the parser.

    Args:
        source: the file name, or ``"<stream>"``.
        parser: the name of the parser running.
        skip_cap: how many skipped records are kept in detail (all are counted).
    """

    def __init__(
        self, *, source: str = "<stream>", parser: str = "", skip_cap: int = DEFAULT_SKIP_CAP
    ) -> None:
        self.source = source
        self.parser = parser
        self.skip_cap = skip_cap
        self.skipped: list[SkippedRecord] = []
        self.skipped_count = 0
        self.warnings: list[str] = []
        self.reachability: list[Reachability] = []

    def skip(self, location: str, reason: str) -> None:
        """Record a skipped record: always counted, detailed up to ``skip_cap``."""
        self.skipped_count += 1
        if len(self.skipped) < self.skip_cap:
            self.skipped.append(SkippedRecord(location=location, reason=reason))

    def warn(self, message: str) -> None:
        """Record a warning (kept once: repeated identical warnings are not duplicated)."""
        if message not in self.warnings:
            self.warnings.append(message)

    def add_reachability(self, record: Reachability) -> None:
        """Record a network-reachability record (Amazon Inspector)."""
        self.reachability.append(record)

    def error(self, message: str, *, location: str | None = None) -> ParseError:
        """Build (not raise) a :class:`ParseError` naming this file, ``location`` and the parser."""
        return ParseError(message, source=self.source, location=location, parser=self.parser or None)

    def truncated(self, message: str, *, location: str | None = None) -> TruncatedReportError:
        """Build (not raise) a :class:`TruncatedReportError` for a report cut off at ``location``."""
        return TruncatedReportError(
            message, source=self.source, location=location, parser=self.parser or None
        )
