"""Import scanner reports as FutureVuls external scan results: plan, then write, idempotently."""

from __future__ import annotations

from ._api import ImportKwargs
from ._interrupt import ImportInterrupted
from ._options import ImportOptions
from ._plan import ImportPlan, PlannedWrite, plan_import
from ._progress import ImportProgress
from ._result import HostOutcome, ImportResult
from ._server_map import load_server_map

__all__ = [
    "HostOutcome",
    "ImportInterrupted",
    "ImportKwargs",
    "ImportOptions",
    "ImportPlan",
    "ImportProgress",
    "ImportResult",
    "PlannedWrite",
    "load_server_map",
    "plan_import",
]
