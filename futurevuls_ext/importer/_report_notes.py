"""The last step of an import: carry the report's skipped records into the result, and log the outcome.

Logger ``futurevuls_ext.importer``: INFO the counts line and healed duplicates, WARNING each failed host.
"""

from __future__ import annotations

from attrs import evolve

from .._core.redact import get_logger
from .._printable import printable
from ..parsers import ScanReport
from ._result import ImportResult

__all__ = ["SKIPPED_SHOWN", "finish_result", "logger"]

logger = get_logger("futurevuls_ext.importer")

SKIPPED_SHOWN = 5
"""Skipped records listed in ``ImportResult.skipped`` (all are counted in ``skipped_records``)."""


def finish_result(result: ImportResult, report: ScanReport) -> ImportResult:
    """``result`` with the report's warnings and skipped records; logs what the import did."""
    result = evolve(
        result,
        warnings=result.warnings or report.warnings,
        skipped_records=report.skipped_count,
        skipped=tuple(f"{s.location}: {s.reason}" for s in report.skipped[:SKIPPED_SHOWN]),
    )
    counts = ", ".join(f"{key} {value}" for key, value in result.counts().items())
    logger.info("import %r%s: %s", result.name, " (dry run)" if result.dry_run else "", counts)
    if result.healed:
        servers = sorted({row.server_id for row in result.healed if row.server_id is not None})
        logger.info(
            "import %r: healed %d duplicate result(s) on server(s) %s",
            result.name,
            len(result.healed),
            ", ".join(map(str, servers)) or "-",
        )
    for row in result.failed:
        logger.warning("import %r: %s failed: %s", result.name, printable(row.host), printable(row.reason))
    return result
