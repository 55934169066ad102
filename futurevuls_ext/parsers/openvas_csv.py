"""OpenVAS / Greenbone GSA "CSV Results" export.

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
        """0.95 when one of the first lines is a GSA CSV results header."""
        return 0.95 if sniff_header(head, lambda row: openvas_columns(row) is not None) else 0.0

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        """The findings, one per result row (identity and detail cells converted once per distinct value)."""
        return row_findings(
            stream,
            ctx,
            header=openvas_columns,
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
