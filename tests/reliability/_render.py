"""Render generated hosts as reports of every format, with decoys a correct parser must ignore.

Decoys: CVE ids in free text (descriptions, plugin output, summaries, evidence), exploit-database rows
of vulners that embed a CVE, hosts that are down and ``<hosthint>`` elements in Nmap, closed and non-EC2
findings in Inspector. ``expected(fmt, hosts)`` is what ``parse_report`` must return: ``{address: CVEs}``.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable, Sequence
from xml.sax.saxutils import quoteattr

from ._generate import GenHost

__all__ = ["DECOY_CVE", "ROUND_TRIP_FORMATS", "expected", "expected_ports", "render"]

DECOY_CVE = "CVE-1998-0042"
"""Mentioned only in free text or non-CVE fields; never a real finding (generated years start at 1999)."""
_DOWN_IP = "192.0.2.254"  # outside the generated ranges


def _nessus(hosts: Sequence[GenHost]) -> bytes:
    out = ['<?xml version="1.0" ?>\n<NessusClientData_v2>\n<Report name="generated">']
    for h in hosts:
        out.append(f"<ReportHost name={quoteattr(h.target)}><HostProperties>")
        out.append(f'<tag name="host-ip">{h.ip}</tag>')
        if h.hostname:
            out.append(f'<tag name="host-fqdn">{h.hostname}</tag>')
        out.append("</HostProperties>")
        for n, p in enumerate(h.ports):
            out.append(
                f'<ReportItem port="{p.port}" svc_name="svc" protocol="{p.protocol}" severity="2" '
                f'pluginID="{10000 + n}" pluginName="check {n}" pluginFamily="General">'
            )
            out.extend(f"<cve>{c}</cve>" for c in p.cves)
            out.append(f"<description>unlike {DECOY_CVE}</description><risk_factor>Medium</risk_factor>")
            out.append(f"<see_also>https://nvd.example/{DECOY_CVE}</see_also></ReportItem>")
        out.append(
            '<ReportItem port="0" svc_name="general" protocol="tcp" severity="0" pluginID="19506" '
            'pluginName="Scan Information" pluginFamily="Settings">'
            f"<plugin_output>{DECOY_CVE}</plugin_output></ReportItem></ReportHost>"
        )
    out.append("</Report>\n</NessusClientData_v2>\n")
    return "\n".join(out).encode()


_VULNERS_ROW = (
    '<table><elem key="cvss">{cvss}</elem><elem key="id">{id}</elem>'
    '<elem key="is_exploit">{exploit}</elem><elem key="type">{type}</elem></table>'
)


def _nmap_port(out: list[str], port: int, protocol: str, cves: Sequence[str]) -> None:
    out.append(f'<port protocol="{protocol}" portid="{port}"><state state="open" reason="x"/>')
    out.append('<service name="svc" product="prod" version="1.0"/>')
    out.append(f'<script id="vulners" output="{DECOY_CVE}"><table key="cpe:/a:vendor:prod:1.0">')
    out.extend(_VULNERS_ROW.format(cvss="5.0", id=c, exploit="false", type="cve") for c in cves)
    out.append(_VULNERS_ROW.format(cvss="0.0", id=f"PRION:{DECOY_CVE}", exploit="false", type="prion"))
    out.append(_VULNERS_ROW.format(cvss="9.8", id="EDB-ID:12345", exploit="true", type="exploitdb"))
    out.append("</table></script></port>")


def _nmap(hosts: Sequence[GenHost]) -> bytes:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>',
        '<nmaprun scanner="nmap" args="nmap -sV --script vulners" start="1" version="7.94" '
        'xmloutputversion="1.05">',
        f'<hosthint><status state="up" reason="arp"/><address addr="{_DOWN_IP}" addrtype="ipv4"/></hosthint>',
    ]
    for h in hosts:
        kind = "ipv6" if ":" in h.ip else "ipv4"
        out.append(f'<host><status state="up" reason="syn-ack"/><address addr="{h.ip}" addrtype="{kind}"/>')
        out.append("<hostnames>")
        if h.hostname:
            out.append(f'<hostname name="{h.hostname}" type="PTR"/>')
        out.append("</hostnames><ports>")
        out.append('<extraports state="closed" count="997"/>')
        for p in h.ports:
            _nmap_port(out, p.port, p.protocol, p.cves)
        out.append('<port protocol="tcp" portid="9"><state state="closed" reason="reset"/></port>')
        out.append("</ports></host>")
    out.append(
        f'<host><status state="down" reason="no-response"/><address addr="{_DOWN_IP}" addrtype="ipv4"/>'
    )
    out.append("</host>")
    out.append('<runstats><finished time="2"/><hosts up="1" down="1" total="2"/></runstats>\n</nmaprun>\n')
    return "\n".join(out).encode()


def _qualys(hosts: Sequence[GenHost]) -> bytes:
    header = '"IP","DNS","QID","Title","Severity","Port","Protocol","CVE ID","Results"'
    rows = ['"Scan Results","generated"', "", '"IP","Network","Total Vulnerabilities"', '"1.2.3.4","x","9"']
    rows += ["", header]
    for h in hosts:
        for n, p in enumerate(h.ports):
            cells = [h.ip, h.hostname or "", str(38000 + n), "title", "3", str(p.port), p.protocol]
            cells += [", ".join(p.cves), f"evidence\nmentions {DECOY_CVE}"]
            rows.append(",".join(json.dumps(c, ensure_ascii=False).replace("\\n", "\n") for c in cells))
    return ("\r\n".join(rows) + "\r\n").encode()


def _authority(h: GenHost, port: int) -> str:
    host = f"[{h.target}]" if ":" in h.target else h.target
    return f"{host}:{port}"


def _nuclei(hosts: Sequence[GenHost]) -> bytes:
    lines: list[dict[str, object]] = []
    for h in hosts:
        for p in h.ports:
            where = _authority(h, p.port)
            classification = {"cve-id": [c.lower() for c in p.cves]} if p.cves else {}
            info = {"name": "check", "severity": "high", "description": f"not {DECOY_CVE}"}
            lines.append(
                {
                    "template-id": "generated-check",
                    "info": {**info, "classification": classification},
                    "type": "network",
                    "host": where,
                    "matched-at": where,
                    "port": str(p.port),
                    "extracted-results": [DECOY_CVE],
                }
            )
    lines.insert(
        len(lines) // 2, {"template-id": DECOY_CVE, "host": "decoy.example.test", "matcher-status": False}
    )
    body = "".join(json.dumps(r) + "\n" for r in lines)
    return ("[INF] Current nuclei version: v3.3.0\n" + body).encode()


def _asm(hosts: Sequence[GenHost]) -> bytes:
    lines: list[dict[str, object]] = [{"format": "futurevuls-asm", "version": 1}]
    for h in hosts:
        for p in h.ports:
            lines.append(
                {
                    "host": h.target,
                    "ip": h.ip,
                    "port": p.port,
                    "protocol": p.protocol,
                    "cve_ids": list(p.cves),
                    "title": f"see {DECOY_CVE}",
                }
            )
    return "".join(json.dumps(r) + "\n" for r in lines).encode()


def _cycognito(hosts: Sequence[GenHost]) -> bytes:
    issues = [
        {
            "affected_asset": f"domain/{h.hostname}" if h.hostname else f"ip/{h.ip}",
            "port": p.port,
            "cve_ids": list(p.cves),
            "issue_id": f"I-{n}-{p.port}",
            "severity": "high",
            "summary": f"similar to {DECOY_CVE}",
        }
        for n, h in enumerate(hosts)
        for p in h.ports
    ]
    return json.dumps(issues, indent=2).encode()


def _shodan(hosts: Sequence[GenHost]) -> bytes:
    records = [
        {
            "ip_str": h.ip,
            "hostnames": [h.hostname] if h.hostname else [],
            "ports": sorted({p.port for p in h.ports}),
            "vulns": sorted(h.cves),
            "data": [
                {
                    "port": p.port,
                    "transport": p.protocol,
                    "data": f"banner {DECOY_CVE}",
                    "vulns": {c: {"cvss": 5.0, "summary": f"cf. {DECOY_CVE}"} for c in p.cves},
                }
                for p in h.ports
            ],
        }
        for h in hosts
    ]
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def _finding(
    h: GenHost, n: int, cve: str, *, status: str = "ACTIVE", resource: str = "AWS_EC2_INSTANCE"
) -> object:
    v4 = [h.ip] if ipaddress.ip_address(h.ip).version == 4 else []
    return {
        "awsAccountId": "111122223333",
        "findingArn": f"arn:aws:inspector2:us-east-1:111122223333:finding/{h.instance}-{n}",
        "type": "PACKAGE_VULNERABILITY",
        "status": status,
        "severity": "HIGH",
        "title": f"{cve} - pkg",
        "description": f"unlike {DECOY_CVE}",
        "resources": [
            {
                "type": resource,
                "id": h.instance if resource == "AWS_EC2_INSTANCE" else f"arn:aws:ecr:repo/{h.instance}",
                "details": {"awsEc2Instance": {"ipV4Addresses": v4, "ipV6Addresses": [] if v4 else [h.ip]}},
            }
        ],
        "packageVulnerabilityDetails": {"vulnerabilityId": cve, "source": "NVD"},
    }


def _inspector(hosts: Sequence[GenHost]) -> bytes:
    findings = []
    for h in hosts:
        findings += [_finding(h, n, cve) for n, cve in enumerate(sorted(h.cves))]
        findings.append(_finding(h, 900, DECOY_CVE, status="CLOSED"))
        findings.append(_finding(h, 901, DECOY_CVE, resource="AWS_ECR_CONTAINER_IMAGE"))
    return json.dumps({"findings": findings, "nextToken": None}, indent=1).encode()


_RENDERERS: dict[str, Callable[[Sequence[GenHost]], bytes]] = {
    "nessus": _nessus,
    "nmap": _nmap,
    "qualys-csv": _qualys,
    "nuclei": _nuclei,
    "asm-json": _asm,
    "cycognito": _cycognito,
    "shodan": _shodan,
    "inspector": _inspector,
}
ROUND_TRIP_FORMATS = tuple(_RENDERERS)
_BY_IP = frozenset({"nessus", "nmap", "qualys-csv", "shodan"})
_WITH_PORTS = frozenset({"nessus", "nmap", "qualys-csv", "asm-json"})


def render(fmt: str, hosts: Sequence[GenHost]) -> bytes:
    """The hosts written as a report of format ``fmt``."""
    return _RENDERERS[fmt](hosts)


def address_of(fmt: str, host: GenHost) -> str:
    """The address the parser must report a generated host under."""
    if fmt == "inspector":
        return host.instance
    return host.ip if fmt in _BY_IP else host.target


def expected(fmt: str, hosts: Sequence[GenHost]) -> dict[str, frozenset[str]]:
    """``{address: CVE set}`` that parsing the rendered report must give."""
    # Inspector: every instance has a CLOSED decoy finding, so it is known even without active CVEs
    return {address_of(fmt, h): h.cves for h in hosts}


def expected_ports(fmt: str, hosts: Sequence[GenHost]) -> dict[str, frozenset[tuple[int, str]]] | None:
    """``{address: {(port, protocol)}}`` for the formats that carry ports faithfully, else None."""
    if fmt not in _WITH_PORTS:
        return None
    return {address_of(fmt, h): frozenset((p.port, p.protocol) for p in h.ports) for h in hosts}
