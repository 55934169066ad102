"""Nessus and Tenable CSV exports: Nessus (default and extended columns), tenable.io, Nessus WAS, Tenable.sc.

Also the ``;``-delimited Tenable VM "vulnerability export" (``asset.*`` / ``definition.*`` columns).
The header is the first row (BOM stripped); columns are read by name, so the layouts differ only in
their aliases below. One finding per row (all-empty ``,,,,`` rows are skipped):

* address: ``IP Address`` when it is a valid IP, else ``Host`` (an IP there counts as the IP; a URL
  there, as Nessus WAS writes, gives its host name);
* hostnames: ``Host`` (when not an IP), ``FQDN`` / ``DNS Name``, ``NetBios`` / ``NetBIOS Name``;
* CVEs: only the ``CVE`` cell (one id per row in Nessus, comma-joined in Tenable.sc), rows of any risk
  (``None`` included);
* port: ``Port`` > 0 with the lower-cased ``Protocol`` (``tcp`` when empty); severity from ``Risk``,
  else ``Severity`` (Tenable.sc), else ``Risk Factor``; CVSS v3 base, else v2; ``source_id`` = the plugin id.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from ._context import ParseContext
from ._csv import clean
from ._csv_table import Columns, RowDetail, find_roles, row_findings, sniff_header
from ._cve import split_cves
from ._hostid import Identity, cvss_score, identity, port_number
from ._model import Finding, Severity
from ._target import split_target

__all__ = ["NessusCsvParser", "nessus_columns"]

_ALIASES: dict[str, tuple[str, ...]] = {
    "plugin": ("plugin id", "plugin", "plugin_id", "pluginid", "definition.id"),
    "name": ("name", "plugin name", "definition.name"),
    "cve": ("cve", "cves", "definition.cve"),
    # Tenable.sc writes "Severity" (what it shows, recast risk included) beside the plugin's legacy
    # CVSS v2 "Risk Factor": Severity wins over Risk Factor, Nessus's own "Risk" over both
    "risk": ("risk", "severity", "risk factor", "definition.severity"),
    "host": ("host", "asset.name", "hostname", "asset name"),
    "ip": ("ip address", "ip", "asset.display_ipv4_address", "ipv4", "ipv4 address"),
    "ipv6": ("asset.display_ipv6_address", "ipv6 address", "ipv6"),
    "fqdn": ("fqdn", "dns name", "asset.display_fqdn", "asset.host_name"),
    "netbios": ("netbios", "netbios name", "asset.netbios_name"),
    "port": ("port",),
    "protocol": ("protocol",),
    "cvss3": (
        "cvss v3 base score",
        "cvss v3.0 base score",  # Nessus 8+ exports name the CVSS version: "CVSS v3.0 Base Score"
        "cvss v3.1 base score",
        "cvss3 base score",
        "cvssv3 base score",  # Tenable VM findings export: "CVSSv3 Base Score" / "CVSSv2 Base Score"
        "cvssv3",
        "definition.cvss3.base_score",
    ),
    "cvss2": (
        "cvss v2 base score",
        "cvss v2.0 base score",
        "cvss base score",
        "cvssv2 base score",
        "cvss2 base score",
        "cvss",
        "definition.cvss2.base_score",
    ),
}


def nessus_columns(row: list[str]) -> Columns | None:
    """Role -> column when ``row`` is a Nessus / Tenable CSV header (a plugin column and a host column)."""
    columns = find_roles(row, _ALIASES)
    if "plugin" in columns and ("host" in columns or "ip" in columns):
        return columns
    return None


class NessusCsvParser:
    """Reads Nessus / Tenable CSV exports (see the module docstring)."""

    name: ClassVar[str] = "nessus-csv"
    priority: ClassVar[int] = 45
    description: ClassVar[str] = "Nessus / Tenable.io / Tenable.sc / Nessus WAS CSV export"

    def sniff(self, head: bytes) -> float:
        """0.95 when one of the first lines is a Nessus / Tenable CSV header."""
        return 0.95 if sniff_header(head, lambda row: nessus_columns(row) is not None) else 0.0

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        """The findings, one per data row (identity and detail cells converted once per distinct value)."""
        return row_findings(
            stream,
            ctx,
            header=nessus_columns,
            what="Nessus / Tenable CSV",
            scanner=self.name,
            id_roles=_ID_ROLES,
            detail_roles=_DETAIL_ROLES,
            identity=_identity,
            detail=_detail,
            no_host="row without an IP address or host name",
        )


_ID_ROLES = ("ip", "ipv6", "host", "fqdn", "netbios")
# the first two key the row loop's detail memo (short, selective cells)
_DETAIL_ROLES = ("plugin", "cve", "name", "risk", "port", "protocol", "cvss3", "cvss2")


def _identity(cell: dict[str, str]) -> Identity | None:
    host = clean(cell.get("host", ""))
    if "://" in host:
        host = split_target(host).host or ""
    return identity(
        [clean(cell.get("ip", "")), clean(cell.get("ipv6", ""))],
        [host, clean(cell.get("fqdn", "")), clean(cell.get("netbios", ""))],
    )


def _cvss(text: str) -> float | None:
    """A CVSS base score 0-10 of a cell, else None."""
    return cvss_score(clean(text))


def _detail(cell: dict[str, str]) -> RowDetail:
    port = port_number(clean(cell.get("port", "")))
    protocol = (clean(cell.get("protocol", "")).lower() or "tcp") if port is not None else None
    cvss = _cvss(cell.get("cvss3", ""))
    if cvss is None:
        cvss = _cvss(cell.get("cvss2", ""))
    cve = cell.get("cve", "")
    return (
        port,
        protocol,
        split_cves(cve) if cve else frozenset(),
        Severity.parse(clean(cell.get("risk", ""))),
        cvss,
        clean(cell.get("plugin", "")) or None,
        cell.get("name", "").strip() or None,
    )
