"""What parsing says in the logs (logger ``futurevuls_ext.parsers``): skipped records and report warnings."""

from __future__ import annotations

from .._core.redact import get_logger
from .._printable import printable
from ._model import ScanReport

__all__ = ["log_report", "logger"]

logger = get_logger("futurevuls_ext.parsers")


def log_report(report: ScanReport) -> None:
    """INFO: how many records the parser skipped (and the first one); WARNING: each report warning."""
    source = printable(report.source)  # report text may hold control characters: a log line stays one line
    if report.skipped_count:
        first = f"; first: {report.skipped[0].location}: {report.skipped[0].reason}" if report.skipped else ""
        logger.info(
            "%s (%s): %d record(s) skipped%s", source, report.format, report.skipped_count, printable(first)
        )
    for warning in report.warnings:
        logger.warning("%s (%s): %s", source, report.format, printable(warning))
