"""Nessus and Tenable CSV exports: Nessus (default and extended columns), tenable.io, Nessus WAS, Tenable.sc.

Also the ``;``-delimited Tenable VM "vulnerability export" (``asset.*`` / ``definition.*`` columns).
The header is the first row (BOM stripped); columns are read by name, so the layouts differ only in
their aliases below. One finding per row (all-empty ``,,,,`` rows are skipped):

* address: ``IP Address`` when it is a valid IP, else ``Host`` (an IP there counts as the IP; a URL
  there, as Nessus WAS writes, gives its host name);
* hostnames: ``Host`` (when not an IP), ``FQDN`` / ``DNS Name``, ``NetBios`` / ``NetBIOS Name``;
* CVEs: only the ``CVE`` cell (one id per row in Nessus, comma-joined in Tenable.sc), rows of any risk
  (``None`` included);
* port: ``Port`` > 0 with the lower-cased ``Protocol`` (``tcp`` when empty); severity from ``Risk`` /
  ``Severity``; CVSS v3 base, else v2; ``source_id`` = the plugin id.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from ._context import ParseContext
from ._csv import clean
from ._csv_table import Columns, find_roles, sniff_header, table_rows
from ._cve import split_cves
from ._hostid import identity, port_number, score
from ._model import Finding, Severity
from ._speedups import new_finding
from ._target import split_target

__all__ = ["NessusCsvParser", "nessus_columns"]

_ALIASES: dict[str, tuple[str, ...]] = {
    "plugin": ("plugin id", "plugin", "plugin_id", "pluginid", "definition.id"),
    "name": ("name", "plugin name", "definition.name"),
    "cve": ("cve", "cves", "definition.cve"),
    "risk": ("risk", "risk factor", "severity", "definition.severity"),
    "host": ("host", "asset.name", "hostname"),
    "ip": ("ip address", "ip", "asset.display_ipv4_address", "ipv4"),
    "ipv6": ("asset.display_ipv6_address", "ipv6 address", "ipv6"),
    "fqdn": ("fqdn", "dns name", "asset.display_fqdn", "asset.host_name"),
    "netbios": ("netbios", "netbios name", "asset.netbios_name"),
    "port": ("port",),
    "protocol": ("protocol",),
    "cvss3": ("cvss v3 base score", "cvss3 base score", "cvssv3", "definition.cvss3.base_score"),
    "cvss2": ("cvss v2 base score", "cvss base score", "cvss", "definition.cvss2.base_score"),
}
_NAMES = ("host", "fqdn", "netbios")


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
        """Yield one finding per data row."""
        scanner = self.name
        for columns, line, row in table_rows(stream, ctx, header=nessus_columns, what="Nessus / Tenable CSV"):
            cell = {role: row[i] for role, i in columns.items() if i < len(row)}
            host = clean(cell.get("host", ""))
            if "://" in host:
                host = split_target(host).host or ""
            who = identity(
                [clean(cell.get("ip", "")), clean(cell.get("ipv6", ""))],
                [host, *(clean(cell.get(role, "")) for role in _NAMES[1:])],
            )
            if who is None:
                ctx.skip(f"line {line}", "row without an IP address or host name")
                continue
            port = port_number(clean(cell.get("port", "")))
            protocol = None
            if port is not None:
                protocol = clean(cell.get("protocol", "")).lower() or "tcp"
            cvss = score(clean(cell.get("cvss3", ""))) or score(clean(cell.get("cvss2", "")))
            address, ip, names, ips = who
            yield new_finding(
                address=address,
                ip=ip,
                hostnames=names,
                ip_addresses=ips,
                port=port,
                protocol=protocol,
                cve_ids=split_cves(cell.get("cve", "")),
                severity=Severity.parse(clean(cell.get("risk", ""))),
                cvss=cvss,
                source_id=clean(cell.get("plugin", "")) or None,
                title=cell.get("name", "").strip() or None,
                scanner=scanner,
            )
