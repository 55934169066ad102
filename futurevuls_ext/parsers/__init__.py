"""Streaming scanner-report parsers: Nessus, Qualys CSV, Nmap XML, ASM JSON, Amazon Inspector.

>>> import futurevuls_ext.parsers as p
>>> report = p.parse_report("scan.nessus")          # doctest: +SKIP
>>> for finding in p.iter_findings("big.nessus"):   # doctest: +SKIP
...     print(finding.address, sorted(finding.cve_ids))

Importing this package imports no parser module; each parser loads when first needed.
Third-party parsers register through the entry-point group ``futurevuls_ext.parsers`` or
:func:`register`.
"""

from __future__ import annotations

from .._exceptions import ParseError, UnknownFormatError
from ._api import detect_format, group_findings, iter_findings, parse_report
from ._context import ParseContext
from ._cve import normalize_cve, split_cves
from ._errors import TruncatedReportError
from ._merge import merge_reports
from ._model import Finding, HostResult, Port, Reachability, ScanReport, Severity, SkippedRecord, Truncation
from ._protocol import SNIFF_BYTES, ReportParser
from ._registry import ENTRY_POINT_GROUP, Registry, register, registry

__all__ = [
    "ENTRY_POINT_GROUP",
    "SNIFF_BYTES",
    "Finding",
    "HostResult",
    "ParseContext",
    "ParseError",
    "Port",
    "Reachability",
    "Registry",
    "ReportParser",
    "ScanReport",
    "Severity",
    "SkippedRecord",
    "TruncatedReportError",
    "Truncation",
    "UnknownFormatError",
    "detect_format",
    "group_findings",
    "iter_findings",
    "merge_reports",
    "normalize_cve",
    "parse_report",
    "register",
    "registry",
    "split_cves",
]
