"""``merge_reports``: several parsed reports as one, hosts of one identity merged, nothing dropped."""

from __future__ import annotations

from collections.abc import Iterable

from .._exceptions import InvalidArgumentError
from .._identity import canonical_host
from ._model import HostResult, ScanReport

__all__ = ["merge_hosts", "merge_reports"]


def _union(first: HostResult, other: HostResult) -> HostResult:
    return HostResult(
        address=first.address,
        hostnames=first.hostnames | other.hostnames,
        ip_addresses=first.ip_addresses | other.ip_addresses,
        cve_ids=first.cve_ids | other.cve_ids,
        ports=first.ports | other.ports,
        findings=first.findings + other.findings,
    )


def merge_hosts(hosts: Iterable[HostResult]) -> tuple[HostResult, ...]:
    """Hosts of one canonical identity merged into one (first address kept), in first-seen order."""
    merged: dict[str, HostResult] = {}
    for host in hosts:
        key = canonical_host(host.address)
        found = merged.get(key)
        merged[key] = host if found is None else _union(found, host)
    return tuple(merged.values())


def merge_reports(reports: Iterable[ScanReport], *, format: str | None = None) -> ScanReport:
    """One report holding every host of ``reports``; hosts of the same identity become one host.

    Hosts are merged by their canonical identity (:func:`futurevuls_ext._identity.canonical_host` of
    the address: case-folded names, canonical IPv6, IPv4-mapped -> IPv4), in the order the reports
    first name them. Every report's skipped records, warnings, reachability records and truncation
    markers are kept, so a merged report is :attr:`~ScanReport.truncated` when any input is.

    Args:
        reports: the reports, e.g. two Nessus files of one scan run.
        format: the merged report's format; default the inputs' common format, or the formats joined
            with ``"+"`` when they differ (import such a report with an explicit ``name=``).

    Raises:
        InvalidArgumentError: ``reports`` is empty.
    """
    items = list(reports)
    if not items:
        raise InvalidArgumentError("merge_reports needs at least one report")
    if len(items) == 1 and format in (None, items[0].format):
        return items[0]
    formats = list(dict.fromkeys(report.format for report in items))
    sources = list(dict.fromkeys(report.source for report in items))
    return ScanReport(
        format=format or "+".join(formats),
        source=", ".join(sources),
        hosts=merge_hosts(host for report in items for host in report.hosts),
        skipped=tuple(record for report in items for record in report.skipped),
        skipped_count=sum(report.skipped_count for report in items),
        warnings=tuple(
            warning if len(items) == 1 else f"{report.source}: {warning}"
            for report in items
            for warning in report.warnings
        ),
        reachability=tuple(record for report in items for record in report.reachability),
        truncations=tuple(mark for report in items for mark in report.truncations),
    )
