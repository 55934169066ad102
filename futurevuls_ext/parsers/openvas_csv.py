"""OpenVAS / Greenbone GSA "CSV Results" export (the "CSV Hosts" summary is refused with that advice).

Header on row 1 (``IP,Hostname,Port,Port Protocol,CVSS,Severity,...,NVT Name,...,NVT OID,CVEs,...``,
with or without ``QoD``); one finding per result row:

* address: ``IP`` when it is a valid IP, else ``Hostname``; both kept;
* CVEs: the ``CVEs`` cell (``CVE-a, CVE-b``; ``NOCVE`` ignored) plus ``NVT OID`` when the OID is
  itself a CVE id (rows of GVM's CVE scanner);
* port: ``Port`` > 0 with ``Port Protocol`` (``tcp`` when empty); severity from ``Severity``
  (High/Medium/Low/Log); CVSS from ``CVSS``; ``source_id`` = the NVT OID.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from ._context import ParseContext
from ._csv import clean
from ._csv_table import Columns, RowDetail, find_roles, row_findings, sniff_header
from ._cve import normalize_cve, split_cves
from ._hostid import Identity, cvss_score, identity, port_number
from ._model import Finding, Severity

__all__ = ["OpenVasCsvParser", "openvas_columns"]

_ALIASES: dict[str, tuple[str, ...]] = {
    "ip": ("ip", "ip address", "host ip"),
    "hostname": ("hostname", "host name"),
    "port": ("port",),
    "protocol": ("port protocol", "protocol"),
    "cvss": ("cvss", "cvss base"),
    "severity": ("severity", "threat"),
    "name": ("nvt name", "name"),
    "oid": ("nvt oid", "oid"),
    "cves": ("cves", "cve"),
}
_LEVELS: dict[str, Severity] = {
    "critical": Severity.CRITICAL,
    "high": Severity.HIGH,
    "medium": Severity.MEDIUM,
    "low": Severity.LOW,
    "log": Severity.INFO,
    "debug": Severity.INFO,
}


_HOSTS_SUMMARY = frozenset({"ip", "hostname", "scan start", "scan end", "total"})
"""Columns of GSA's "CSV Hosts" export (per host: ``IP,Hostname,OS,Scan Start,Scan End,...,Total``)."""


def _hosts_summary(row: list[str]) -> bool:
    """Whether ``row`` is the header of GSA's "CSV Hosts" export (no results: counts per host)."""
    names = {c.strip().lower() for c in row}
    return names >= _HOSTS_SUMMARY and "nvt oid" not in names


def openvas_columns(row: list[str]) -> Columns | None:
    """Role -> column when ``row`` is a GSA CSV results header (IP plus NVT OID or NVT Name)."""
    columns = find_roles(row, _ALIASES)
    names = {c.strip().lower() for c in row}
    if "ip" in columns and ("nvt oid" in names or "nvt name" in names):
        return columns
    return None


class OpenVasCsvParser:
    """Reads the GSA "CSV Results" export (see the module docstring)."""

    name: ClassVar[str] = "openvas-csv"
    priority: ClassVar[int] = 45
    description: ClassVar[str] = "OpenVAS / Greenbone GSA CSV results export"

    def sniff(self, head: bytes) -> float:
        """0.95 for a GSA CSV results header; 0.5 for a "CSV Hosts" header (recognised, then refused)."""
        if sniff_header(head, lambda row: openvas_columns(row) is not None):
            return 0.95
        return 0.5 if sniff_header(head, _hosts_summary) else 0.0

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        """The findings, one per result row (identity and detail cells converted once per distinct value)."""

        def header(row: list[str]) -> Columns | None:
            if _hosts_summary(row):
                raise ctx.error(
                    'GSA\'s "CSV Hosts" export (result counts per host, no results): download the report '
                    'again with the "CSV Results" format',
                    location="header row",
                )
            return openvas_columns(row)

        return row_findings(
            stream,
            ctx,
            header=header,
            what="OpenVAS CSV",
            scanner=self.name,
            id_roles=("ip", "hostname"),
            detail_roles=_DETAIL_ROLES,
            identity=_identity,
            detail=_detail,
            no_host="result row without an IP or host name",
        )


def _identity(cell: dict[str, str]) -> Identity | None:
    return identity([clean(cell.get("ip", ""))], [clean(cell.get("hostname", ""))])


# the first two key the row loop's detail memo (short, selective cells)
_DETAIL_ROLES = ("oid", "port", "protocol", "cvss", "severity", "name", "cves")


def _detail(cell: dict[str, str]) -> RowDetail:
    port = port_number(clean(cell.get("port", "")))
    protocol = (clean(cell.get("protocol", "")).lower() or "tcp") if port is not None else None
    oid = clean(cell.get("oid", ""))
    cves = split_cves(cell.get("cves", ""))
    oid_cve = normalize_cve(oid) if oid else None
    if oid_cve is not None:
        cves = cves | {oid_cve}
    return (
        port,
        protocol,
        cves,
        _LEVELS.get(clean(cell.get("severity", "")).lower()),
        cvss_score(clean(cell.get("cvss", ""))),
        oid or None,
        cell.get("name", "").strip() or None,
    )
