"""futurevuls_ext: the Python SDK for FutureVuls external scan import and SSVC exposure.

Quick start::

    import futurevuls_ext as fv

    with fv.Client() as client:            # token from FUTUREVULS_API_TOKEN
        report = fv.parse_report("scan.nessus")
        result = client.import_report(report, create_pseudo_servers=True)

Heavy parts (parsers, the fake server, the CLI) load lazily on first use, so ``import
futurevuls_ext`` costs little more than importing httpx, attrs and cattrs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._exceptions import *  # noqa: F403 - every exception class, as listed in _exceptions.__all__
from ._exceptions import __all__ as _EXCEPTIONS
from ._version import __version__ as __version__

# THE table of the package's public names: name -> module (relative) that defines it, loaded on first
# attribute access so that ``import futurevuls_ext`` stays light. ``__all__`` is derived from it (plus
# the exceptions, which are cheap and loaded at once); the TYPE_CHECKING block below mirrors it for type
# checkers and editors (tests/test_layering.py checks that the two agree).
_LAZY: dict[str, str] = {
    "AsyncClient": "._async_client",
    "Client": "._client",
    "Page": "._core.paging",
    "RetryPolicy": "._core.retry",
    "to_dataframe": "._display",
    "AsyncPager": "._pagers",
    "SyncPager": "._pagers",
    "HostOutcome": ".importer",
    "ImportInterrupted": ".importer",
    "ImportResult": ".importer",
    "load_server_map": ".importer",
    "Cve": ".models",
    "CveDetail": ".models",
    "ExternalScan": ".models",
    "IgnoreUntil": ".models",
    "Role": ".models",
    "Server": ".models",
    "ServerTag": ".models",
    "Task": ".models",
    "TaskDetail": ".models",
    "TaskPriority": ".models",
    "TaskSsvc": ".models",
    "TaskStatus": ".models",
    "EnumValueError": ".models.enums",
    "Finding": ".parsers",
    "HostResult": ".parsers",
    "Port": ".parsers",
    "Reachability": ".parsers",
    "ScanReport": ".parsers",
    "Severity": ".parsers",
    "SkippedRecord": ".parsers",
    "Truncation": ".parsers",
    "detect_format": ".parsers",
    "iter_findings": ".parsers",
    "merge_reports": ".parsers",
    "parse_report": ".parsers",
    "ApiProfile": ".profile",
    "NOT_GIVEN": ".resources",
    "RoleSsvcSettings": ".ssvc",
    "SsvcValueError": ".ssvc",
}
_LAZY_MODULES = frozenset(
    {"ssvc", "testing", "parsers", "models", "importer", "exposure", "triage", "nmap_job", "demo"}
)

__all__ = sorted([*_EXCEPTIONS, *_LAZY, "__version__"])  # noqa: PLE0605 - derived from the one table

if TYPE_CHECKING:  # the same names, for type checkers (``X as X``: explicitly re-exported)
    from ._async_client import AsyncClient as AsyncClient
    from ._client import Client as Client
    from ._core.paging import Page as Page
    from ._core.retry import RetryPolicy as RetryPolicy
    from ._display import to_dataframe as to_dataframe
    from ._pagers import AsyncPager as AsyncPager
    from ._pagers import SyncPager as SyncPager
    from .importer import (
        HostOutcome as HostOutcome,
    )
    from .importer import (
        ImportInterrupted as ImportInterrupted,
    )
    from .importer import (
        ImportResult as ImportResult,
    )
    from .importer import (
        load_server_map as load_server_map,
    )
    from .models import (
        Cve as Cve,
    )
    from .models import (
        CveDetail as CveDetail,
    )
    from .models import (
        ExternalScan as ExternalScan,
    )
    from .models import (
        IgnoreUntil as IgnoreUntil,
    )
    from .models import (
        Role as Role,
    )
    from .models import (
        Server as Server,
    )
    from .models import (
        ServerTag as ServerTag,
    )
    from .models import (
        Task as Task,
    )
    from .models import (
        TaskDetail as TaskDetail,
    )
    from .models import (
        TaskPriority as TaskPriority,
    )
    from .models import (
        TaskSsvc as TaskSsvc,
    )
    from .models import (
        TaskStatus as TaskStatus,
    )
    from .models.enums import EnumValueError as EnumValueError
    from .parsers import (
        Finding as Finding,
    )
    from .parsers import (
        HostResult as HostResult,
    )
    from .parsers import (
        Port as Port,
    )
    from .parsers import (
        Reachability as Reachability,
    )
    from .parsers import (
        ScanReport as ScanReport,
    )
    from .parsers import (
        Severity as Severity,
    )
    from .parsers import (
        SkippedRecord as SkippedRecord,
    )
    from .parsers import (
        Truncation as Truncation,
    )
    from .parsers import (
        detect_format as detect_format,
    )
    from .parsers import (
        iter_findings as iter_findings,
    )
    from .parsers import (
        merge_reports as merge_reports,
    )
    from .parsers import (
        parse_report as parse_report,
    )
    from .profile import ApiProfile as ApiProfile
    from .resources import NOT_GIVEN as NOT_GIVEN
    from .ssvc import RoleSsvcSettings as RoleSsvcSettings
    from .ssvc import SsvcValueError as SsvcValueError


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    if name in _LAZY_MODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'futurevuls_ext' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY, *_LAZY_MODULES})
