"""Our parsers, measured two ways: ``parse_report`` (a whole ScanReport) and ``iter_findings`` (streaming)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .counts import Counts, Tally

__all__ = ["PARSER_FORMATS", "ours_iter_findings", "ours_parse_report", "ours_parse_report_hosts"]


PARSER_FORMATS = {"zap-json": "zap"}
"""Bench rows whose parser has another name (one parser, two layouts measured apart)."""


def _api(name: str) -> Any:
    import futurevuls_ext

    func = getattr(futurevuls_ext, name, None)
    if func is None:
        import futurevuls_ext.parsers as parsers

        func = getattr(parsers, name)
    return func


def ours_parse_report(path: Path, fmt: str) -> Counts:
    """``parse_report(path, format=fmt)``; counts ``report.hosts`` and their ``cve_ids``."""
    report = _api("parse_report")(path, format=PARSER_FORMATS.get(fmt, fmt))
    every: set[str] = set()
    host_cves = 0
    for host in report.hosts:
        host_cves += len(host.cve_ids)
        every |= host.cve_ids
    return Counts(hosts=len(report.hosts), host_cves=host_cves, cves=len(every))


def ours_parse_report_hosts(path: Path, fmt: str) -> Counts:
    """``parse_report(path, format=fmt, keep_findings=False)``: hosts without findings (as imports use it)."""
    report = _api("parse_report")(path, format=PARSER_FORMATS.get(fmt, fmt), keep_findings=False)
    every: set[str] = set()
    host_cves = 0
    for host in report.hosts:
        host_cves += len(host.cve_ids)
        every |= host.cve_ids
    return Counts(hosts=len(report.hosts), host_cves=host_cves, cves=len(every))


def ours_iter_findings(path: Path, fmt: str) -> Counts:
    """``iter_findings(path, format=fmt)``; groups findings by ``address`` the way the floor groups hosts."""
    tally = Tally()
    for finding in _api("iter_findings")(path, format=PARSER_FORMATS.get(fmt, fmt)):
        tally.add(finding.address, finding.cve_ids)
    return tally.counts()
