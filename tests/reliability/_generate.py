"""Hypothesis strategies for scan results, renderers to every report format, and byte mutations.

A generated :class:`GenHost` has one IP (v4 or v6), maybe a host name, and at least one open port,
each port carrying 0-4 CVE ids. ``render(fmt, hosts)`` writes them the way the scanner would;
``expected(fmt, hosts)`` is what ``parse_report`` must then return: ``{address: CVE set}``.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable, Sequence
from xml.sax.saxutils import quoteattr

import attrs
from hypothesis import strategies as st

__all__ = [
    "ROUND_TRIP_FORMATS",
    "GenHost",
    "GenPort",
    "apply_mutations",
    "expected",
    "expected_ports",
    "hosts_strategy",
    "mutations_strategy",
    "render",
]


@attrs.frozen(kw_only=True)
class GenPort:
    """An open port and the CVEs found on it."""

    port: int
    protocol: str
    cves: tuple[str, ...]


@attrs.frozen(kw_only=True)
class GenHost:
    """A scanned host: its IP, an optional DNS name, its ports, and an EC2 instance id."""

    ip: str
    hostname: str | None
    ports: tuple[GenPort, ...]
    instance: str

    @property
    def cves(self) -> frozenset[str]:
        """Every CVE of every port."""
        return frozenset(c for p in self.ports for c in p.cves)

    @property
    def target(self) -> str:
        """The name an ASM tool would report it by: the host name, else the IP."""
        return self.hostname or self.ip


_cve = st.builds(
    lambda year, num: f"CVE-{year}-{num:04d}", st.integers(1999, 2030), st.integers(1, 9_999_999)
)
_port = st.builds(
    GenPort,
    port=st.integers(1, 65535),
    protocol=st.sampled_from(["tcp", "udp"]),
    cves=st.lists(_cve, max_size=4, unique=True).map(tuple),
)
_label = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8).filter(
    lambda s: not s.isdigit()
)
_hostname = st.lists(_label, min_size=1, max_size=2).map(
    lambda labels: ".".join([*labels, "example", "test"])
)
_ip = st.one_of(
    st.ip_addresses(v=4, network="10.0.0.0/8"),
    st.ip_addresses(v=4, network="198.51.100.0/24"),
    st.ip_addresses(v=6, network="2001:db8::/32"),
).map(str)


@st.composite
def _host(draw: st.DrawFn, index: int) -> GenHost:
    ports = draw(st.lists(_port, min_size=1, max_size=4, unique_by=lambda p: (p.port, p.protocol)))
    return GenHost(
        ip=draw(_ip),
        hostname=draw(st.none() | _hostname),
        ports=tuple(ports),
        instance=f"i-{index:017x}",
    )


@st.composite
def hosts_strategy(draw: st.DrawFn, *, max_hosts: int = 5) -> list[GenHost]:
    """1..max_hosts hosts with distinct IPs, names and instance ids."""
    count = draw(st.integers(1, max_hosts))
    hosts: list[GenHost] = []
    ips: set[str] = set()
    names: set[str] = set()
    for index in range(count):
        host = draw(_host(index + 1))
        if host.ip in ips or (host.hostname is not None and host.hostname in names):
            continue
        ips.add(host.ip)
        if host.hostname:
            names.add(host.hostname)
        hosts.append(host)
    return hosts


# -- renderers -------------------------------------------------------------------------------------


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
            out.append("<description>text</description><risk_factor>Medium</risk_factor></ReportItem>")
        out.append(
            '<ReportItem port="0" svc_name="general" protocol="tcp" severity="0" pluginID="19506" '
            'pluginName="Scan Information" pluginFamily="Settings"><plugin_output>ok</plugin_output>'
            "</ReportItem></ReportHost>"
        )
    out.append("</Report>\n</NessusClientData_v2>\n")
    return "\n".join(out).encode()


def _nmap(hosts: Sequence[GenHost]) -> bytes:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>',
        '<nmaprun scanner="nmap" args="nmap -sV --script vulners" start="1" version="7.94" '
        'xmloutputversion="1.05">',
    ]
    for h in hosts:
        kind = "ipv6" if ":" in h.ip else "ipv4"
        out.append(f'<host><status state="up" reason="syn-ack"/><address addr="{h.ip}" addrtype="{kind}"/>')
        out.append("<hostnames>")
        if h.hostname:
            out.append(f'<hostname name="{h.hostname}" type="PTR"/>')
        out.append("</hostnames><ports>")
        for p in h.ports:
            out.append(f'<port protocol="{p.protocol}" portid="{p.port}"><state state="open" reason="x"/>')
            out.append('<service name="svc" product="prod" version="1.0"/>')
            if p.cves:
                out.append('<script id="vulners" output="list"><table key="cpe:/a:vendor:prod:1.0">')
                for c in p.cves:
                    out.append(
                        f'<table><elem key="cvss">5.0</elem><elem key="id">{c}</elem>'
                        '<elem key="is_exploit">false</elem><elem key="type">cve</elem></table>'
                    )
                out.append("</table></script>")
            out.append("</port>")
        out.append("</ports></host>")
    out.append('<runstats><finished time="2"/><hosts up="1" down="0" total="1"/></runstats>\n</nmaprun>\n')
    return "\n".join(out).encode()


def _qualys(hosts: Sequence[GenHost]) -> bytes:
    rows = [
        '"Scan Results","generated"',
        "",
        '"IP","DNS","QID","Title","Severity","Port","Protocol","CVE ID"',
    ]
    for h in hosts:
        for n, p in enumerate(h.ports):
            cells = [
                h.ip,
                h.hostname or "",
                str(38000 + n),
                "title",
                "3",
                str(p.port),
                p.protocol,
                ", ".join(p.cves),
            ]
            rows.append(",".join(json.dumps(c) for c in cells))
    return ("\r\n".join(rows) + "\r\n").encode()


def _authority(h: GenHost, port: int) -> str:
    host = f"[{h.target}]" if ":" in h.target else h.target
    return f"{host}:{port}"


def _nuclei(hosts: Sequence[GenHost]) -> bytes:
    lines = []
    for h in hosts:
        for p in h.ports:
            where = _authority(h, p.port)
            classification = {"cve-id": [c.lower() for c in p.cves]} if p.cves else {}
            lines.append(
                {
                    "template-id": "generated-check",
                    "info": {"name": "check", "severity": "high", "classification": classification},
                    "type": "network",
                    "host": where,
                    "matched-at": where,
                    "port": str(p.port),
                }
            )
    return "".join(json.dumps(r) + "\n" for r in lines).encode()


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
                {"port": p.port, "transport": p.protocol, "vulns": {c: {"cvss": 5.0} for c in p.cves}}
                for p in h.ports
            ],
        }
        for h in hosts
    ]
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def _inspector(hosts: Sequence[GenHost]) -> bytes:
    findings = []
    for h in hosts:
        v4 = [h.ip] if ipaddress.ip_address(h.ip).version == 4 else []
        v6 = [h.ip] if not v4 else []
        for n, cve in enumerate(sorted(h.cves)):
            findings.append(
                {
                    "awsAccountId": "111122223333",
                    "findingArn": f"arn:aws:inspector2:us-east-1:111122223333:finding/{h.instance}-{n}",
                    "type": "PACKAGE_VULNERABILITY",
                    "status": "ACTIVE",
                    "severity": "HIGH",
                    "title": f"{cve} - pkg",
                    "resources": [
                        {
                            "type": "AWS_EC2_INSTANCE",
                            "id": h.instance,
                            "details": {"awsEc2Instance": {"ipV4Addresses": v4, "ipV6Addresses": v6}},
                        }
                    ],
                    "packageVulnerabilityDetails": {"vulnerabilityId": cve, "source": "NVD"},
                }
            )
    return json.dumps({"findings": findings}, indent=1).encode()


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


def expected(fmt: str, hosts: Sequence[GenHost]) -> dict[str, frozenset[str]]:
    """``{address: CVE set}`` that parsing the rendered report must give."""
    if fmt == "inspector":
        return {h.instance: h.cves for h in hosts if h.cves}
    if fmt in _BY_IP:
        return {h.ip: h.cves for h in hosts}
    return {h.target: h.cves for h in hosts}


def expected_ports(fmt: str, hosts: Sequence[GenHost]) -> dict[str, frozenset[tuple[int, str]]] | None:
    """``{address: {(port, protocol)}}`` for the formats that carry ports faithfully, else None."""
    if fmt not in _WITH_PORTS:
        return None
    by_ip = fmt in _BY_IP
    return {(h.ip if by_ip else h.target): frozenset((p.port, p.protocol) for p in h.ports) for h in hosts}


# -- mutations -------------------------------------------------------------------------------------

_INSERTS = [
    *(bytes([c]) for c in b"<>&\"',\n\r{}[]:\x00\xff\xc3"),
    *(b"&x;", b"<!ENTITY x 'y'>", b"]]>", b"<![CDATA[", b"\\u0000", b"-1e999"),
]
_op = st.tuples(
    st.sampled_from(["flip", "truncate", "insert", "delete", "duplicate"]),
    st.floats(0.0, 1.0),
    st.integers(0, 255),
    st.sampled_from(_INSERTS) | st.binary(min_size=1, max_size=8),
)
mutations_strategy = st.lists(_op, min_size=1, max_size=4)
"""A few mutations: (kind, relative position, a byte value, bytes to insert)."""


def apply_mutations(data: bytes, ops: Sequence[tuple[str, float, int, bytes]]) -> bytes:
    """Apply byte flips, truncations, insertions, deletions and duplications to ``data``."""
    buf = bytearray(data)
    for kind, where, value, insert in ops:
        pos = min(int(where * len(buf)), max(len(buf) - 1, 0))
        if kind == "flip" and buf:
            buf[pos] ^= value or 1
        elif kind == "truncate":
            del buf[pos:]
        elif kind == "insert":
            buf[pos:pos] = insert
        elif kind == "delete":
            del buf[pos : pos + 1 + value % 16]
        elif kind == "duplicate":
            buf[pos:pos] = buf[pos : pos + 1 + value]
    return bytes(buf)
