"""Per-host state of the Nmap parser and its conversion to findings."""

from __future__ import annotations

import attrs

from .._numbers import ascii_port, cvss_number
from ._context import ParseContext
from ._model import Finding, is_ip

__all__ = ["NmapHost", "NmapPort"]


@attrs.define
class _Evidence:
    cves: set[str] = attrs.Factory(set)
    sources: set[str] = attrs.Factory(set)
    cvss: float | None = None

    def add(self, cve: str, source: str, cvss: str | None = None) -> None:
        """Record a CVE found by script ``source`` (with the row's CVSS score text, if any)."""
        self.cves.add(cve)
        self.sources.add(source)
        if cvss:
            self.add_cvss(cvss)

    def add_cvss(self, cvss: str | None) -> None:
        """Keep the highest CVSS score seen."""
        if not cvss:
            return
        score = cvss_number(cvss)
        if score is None:  # not a number, or outside 0-10 (no CVSS score)
            return
        if self.cvss is None or score > self.cvss:
            self.cvss = score


@attrs.define
class NmapPort(_Evidence):
    """One ``<port>`` being read."""

    portid: str = ""
    protocol: str = ""
    state: str = ""
    service: str | None = None
    product: str | None = None
    version: str | None = None
    cpes: list[str] = attrs.Factory(list)


@attrs.define
class NmapHost(_Evidence):
    """One ``<host>`` being read (host-level evidence comes from ``<hostscript>``)."""

    index: int = 0
    state: str = ""
    addresses: list[tuple[str, str]] = attrs.Factory(list)
    hostnames: list[str] = attrs.Factory(list)
    ports: list[NmapPort] = attrs.Factory(list)

    def findings(self, ctx: ParseContext, scanner: str) -> list[Finding]:
        """The host's findings: one per open port, one for host-level CVEs, or one bare host finding."""
        where = f"host[{self.index}]"
        if self.state != "up":
            first = self.addresses[0][0] if self.addresses else "?"
            ctx.skip(f"{where} {first}", f"host status is {self.state or 'missing'!r}, not 'up'")
            return []
        v4 = [a for a, kind in self.addresses if kind == "ipv4" and is_ip(a)]
        v6 = [a for a, kind in self.addresses if kind == "ipv6" and is_ip(a)]
        address = (v4 or v6 or [""])[0]
        if not address:
            ctx.skip(where, "host has no IPv4 or IPv6 address")
            return []
        where = f"{where} {address}"
        base = {
            "address": address,
            "ip": address,
            "hostnames": tuple(dict.fromkeys(self.hostnames)),
            "ip_addresses": tuple(dict.fromkeys(v4 + v6)),
            "scanner": scanner,
        }
        out: list[Finding] = []
        host_level = _Evidence(cves=set(self.cves), sources=set(self.sources), cvss=self.cvss)
        for port in self.ports:
            label = f"{where} port {port.portid}/{port.protocol}"
            if port.state != "open":
                if port.cves:
                    ctx.skip(label, f"port state {port.state!r} is not 'open'; its CVEs are not counted")
                continue
            number = ascii_port(port.portid)
            if number is None:
                ctx.skip(label, f"portid {port.portid!r} is not a port number; its CVEs count for the host")
                host_level.cves |= port.cves
                host_level.sources |= port.sources
                continue
            title = " ".join(p for p in (port.product, port.version) if p) or port.service
            out.append(
                Finding(
                    **base,  # type: ignore[arg-type]
                    port=number,
                    protocol=port.protocol.lower() or None,
                    service=port.service,
                    product=port.product,
                    version=port.version,
                    cpes=tuple(port.cpes),
                    cve_ids=frozenset(port.cves),
                    cvss=port.cvss,
                    source_id=",".join(sorted(port.sources)) or None,
                    title=title,
                )
            )
        if host_level.cves or not out:
            out.append(
                Finding(
                    **base,  # type: ignore[arg-type]
                    cve_ids=frozenset(host_level.cves),
                    cvss=host_level.cvss,
                    source_id=",".join(sorted(host_level.sources)) or None,
                )
            )
        return out
