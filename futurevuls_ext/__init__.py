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

from ._exceptions import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConfigError,
    ConflictError,
    FutureVulsError,
    InvalidArgumentError,
    NotFoundError,
    PagingError,
    ParseError,
    PermissionDeniedError,
    RateLimitError,
    ResponseTooLargeError,
    ResponseValidationError,
    ServerError,
    UnknownFormatError,
    UnknownOptionError,
    UnprocessableEntityError,
)
from ._version import __version__

if TYPE_CHECKING:
    from ._async_client import AsyncClient
    from ._client import Client
    from ._core.paging import Page
    from ._core.retry import RetryPolicy
    from ._display import to_dataframe
    from ._pagers import AsyncPager, SyncPager
    from .importer import HostOutcome, ImportInterrupted, ImportResult, load_server_map

    # models and resources (issue 3)
    from .models import (
        Cve,
        CveDetail,
        ExternalScan,
        IgnoreUntil,
        Role,
        Server,
        ServerTag,
        Task,
        TaskDetail,
        TaskPriority,
        TaskSsvc,
        TaskStatus,
    )
    from .models.enums import EnumValueError
    from .parsers import (
        Finding,
        HostResult,
        Port,
        Reachability,
        ScanReport,
        Severity,
        SkippedRecord,
        Truncation,
        detect_format,
        iter_findings,
        merge_reports,
        parse_report,
    )
    from .profile import ApiProfile
    from .resources import NOT_GIVEN
    from .ssvc import RoleSsvcSettings, SsvcValueError

# name -> module (relative) that defines it; resolved on first attribute access.
_LAZY: dict[str, str] = {
    "ApiProfile": ".profile",
    "to_dataframe": "._display",
    "EnumValueError": ".models.enums",
    "SsvcValueError": ".ssvc",
    "Finding": ".parsers",
    "HostResult": ".parsers",
    "Port": ".parsers",
    "Reachability": ".parsers",
    "ScanReport": ".parsers",
    "Severity": ".parsers",
    "SkippedRecord": ".parsers",
    "detect_format": ".parsers",
    "iter_findings": ".parsers",
    "parse_report": ".parsers",
    "merge_reports": ".parsers",
    "Truncation": ".parsers",
    "HostOutcome": ".importer",
    "ImportInterrupted": ".importer",
    "ImportResult": ".importer",
    "load_server_map": ".importer",
    "AsyncClient": "._async_client",
    "Client": "._client",
    "RetryPolicy": "._core.retry",
    "Page": "._core.paging",
    "SyncPager": "._pagers",
    "AsyncPager": "._pagers",
    "Cve": ".models",
    "CveDetail": ".models",
    "ExternalScan": ".models",
    "IgnoreUntil": ".models",
    "NOT_GIVEN": ".resources",
    "Role": ".models",
    "RoleSsvcSettings": ".ssvc",
    "Server": ".models",
    "ServerTag": ".models",
    "Task": ".models",
    "TaskDetail": ".models",
    "TaskPriority": ".models",
    "TaskSsvc": ".models",
    "TaskStatus": ".models",
}
_LAZY_MODULES = frozenset({"ssvc", "testing", "parsers", "models", "importer", "exposure", "triage", "demo"})

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "ApiProfile",
    "AsyncClient",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ClientClosedError",
    "ConfigError",
    "ConflictError",
    "Cve",
    "CveDetail",
    "EnumValueError",
    "ExternalScan",
    "Finding",
    "FutureVulsError",
    "HostOutcome",
    "HostResult",
    "IgnoreUntil",
    "ImportInterrupted",
    "ImportResult",
    "InvalidArgumentError",
    "NotFoundError",
    "Page",
    "PagingError",
    "ParseError",
    "PermissionDeniedError",
    "Port",
    "RateLimitError",
    "Reachability",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "RetryPolicy",
    "Role",
    "RoleSsvcSettings",
    "ScanReport",
    "Server",
    "ServerError",
    "ServerTag",
    "Severity",
    "SkippedRecord",
    "SsvcValueError",
    "SyncPager",
    "Task",
    "TaskDetail",
    "TaskPriority",
    "TaskSsvc",
    "TaskStatus",
    "Truncation",
    "UnknownFormatError",
    "UnknownOptionError",
    "UnprocessableEntityError",
    "__version__",
    "detect_format",
    "iter_findings",
    "load_server_map",
    "merge_reports",
    "parse_report",
    "to_dataframe",
]


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
