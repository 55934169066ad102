"""Import scanner reports as FutureVuls external scan results: plan, then write, idempotently."""

from __future__ import annotations

from ._interrupt import ImportInterrupted
from ._options import ImportOptions
from ._plan import ImportPlan, PlannedWrite, plan_import
from ._program import ImportTarget, ReportInput, ReportInputs
from ._program import import_report as import_program
from ._progress import ImportProgress
from ._result import HostOutcome, ImportResult
from ._server_map import load_server_map

__all__ = [
    "HostOutcome",
    "ImportInterrupted",
    "ImportOptions",
    "ImportPlan",
    "ImportProgress",
    "ImportResult",
    "ImportTarget",
    "PlannedWrite",
    "ReportInput",
    "ReportInputs",
    "import_program",
    "load_server_map",
    "plan_import",
]
