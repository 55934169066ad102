"""Generate a large Nmap ``-oX`` file with ``-sV --script vulners`` output by replicating host templates."""

from __future__ import annotations

import random
from pathlib import Path
from xml.sax.saxutils import quoteattr

import attrs

from ._writer import GenTruth, SizedWriter, hostname_for, ip_sequence, write_truth

__all__ = ["generate"]

EXTENSION = "xml"


@attrs.frozen(kw_only=True)
class Service:
    """An open port's service as ``-sV`` reports it; ``key`` is the vulners table key (CPE or product)."""

    port: int
    name: str
    product: str
    version: str
    extrainfo: str
    cpe: str  # "" when -sV found no CPE: vulners then keys its table by "product version"
    cve_base: tuple[int, int]  # (year, first number) of this product's CVE catalogue
    rows: int  # vulners rows for this product
    tunnel: str = ""

    @property
    def key(self) -> str:
        return self.cpe or f"{self.product} {self.version}"


_SERVICES: tuple[Service, ...] = (
    Service(
        port=22,
        name="ssh",
        product="OpenSSH",
        version="7.4",
        extrainfo="protocol 2.0",
        cpe="cpe:/a:openbsd:openssh:7.4",
        cve_base=(2018, 15473),
        rows=70,
    ),
    Service(
        port=22,
        name="ssh",
        product="OpenSSH",
        version="8.2p1 Ubuntu 4ubuntu0.5",
        extrainfo="Ubuntu Linux; protocol 2.0",
        cpe="cpe:/a:openbsd:openssh:8.2p1",
        cve_base=(2020, 14145),
        rows=45,
    ),
    Service(
        port=80,
        name="http",
        product="Apache httpd",
        version="2.4.41",
        extrainfo="(Ubuntu)",
        cpe="cpe:/a:apache:http_server:2.4.41",
        cve_base=(2021, 40438),
        rows=90,
    ),
    Service(
        port=443,
        name="http",
        product="nginx",
        version="1.18.0",
        extrainfo="Ubuntu",
        tunnel="ssl",
        cpe="cpe:/a:igor_sysoev:nginx:1.18.0",
        cve_base=(2021, 23017),
        rows=25,
    ),
    Service(
        port=21,
        name="ftp",
        product="ProFTPD",
        version="1.3.5",
        extrainfo="",
        cpe="",
        cve_base=(2015, 3306),
        rows=30,
    ),
    Service(
        port=3306,
        name="mysql",
        product="MySQL",
        version="5.7.33",
        extrainfo="",
        cpe="cpe:/a:mysql:mysql:5.7.33",
        cve_base=(2021, 2307),
        rows=60,
    ),
    Service(
        port=8080,
        name="http",
        product="Apache Tomcat",
        version="9.0.31",
        extrainfo="",
        cpe="cpe:/a:apache:tomcat:9.0.31",
        cve_base=(2020, 1938),
        rows=55,
    ),
    Service(
        port=25,
        name="smtp",
        product="Postfix smtpd",
        version="",
        extrainfo="",
        cpe="cpe:/a:postfix:postfix",
        cve_base=(2023, 51764),
        rows=0,
    ),
    Service(
        port=3389,
        name="ms-wbt-server",
        product="Microsoft Terminal Services",
        version="",
        extrainfo="",
        cpe="cpe:/o:microsoft:windows",
        cve_base=(2019, 708),
        rows=0,
    ),
)

_EXPLOIT_KINDS = (
    ("exploitdb", "EDB-ID:{n}"),
    ("packetstorm", "PACKETSTORM:{n}"),
    ("zdt", "1337DAY-ID-{n}"),
    ("metasploit", "MSF:AUXILIARY-SCANNER-SSH-SSH_ENUMUSERS-{n}"),
    ("prion", "PRION:CVE-{y}-{c}"),
    ("githubexploit", "5E{n:06X}-4B2A-5C1D-9E0F-{n:012X}"),
)


@attrs.frozen(kw_only=True)
class Row:
    """One vulners bulletin row."""

    id: str
    type: str
    cvss: str
    exploit: bool


def _catalogue(svc: Service, seed: int) -> tuple[Row, ...]:
    rng = random.Random(f"{seed}-{svc.key}")
    year, first = svc.cve_base
    rows: list[Row] = []
    for i in range(svc.rows):
        cvss = f"{rng.choice((4.3, 5.0, 5.3, 5.9, 6.5, 7.5, 7.8, 8.1, 9.8, 10.0)):.1f}"
        c = first + i * 3
        if rng.random() < 0.62:
            rows.append(Row(id=f"CVE-{year + i % 3}-{c}", type="cve", cvss=cvss, exploit=False))
        else:
            kind, pattern = rng.choice(_EXPLOIT_KINDS)
            rid = pattern.format(n=rng.randrange(10_000, 999_999), y=year, c=c)
            rows.append(Row(id=rid, type=kind, cvss=cvss, exploit=True))
    rows.sort(key=lambda r: -float(r.cvss))
    return tuple(rows)


def _vulners(svc: Service, rows: tuple[Row, ...]) -> str:
    text = [f"\n  {svc.key}: \n"]
    xml = [f"<table key={quoteattr(svc.key)}>\n"]
    for r in rows:
        url = f"https://vulners.com/{r.type}/{r.id}"
        text.append(f"    \t{r.id}\t{r.cvss}\t{url}" + ("\t*EXPLOIT*\n" if r.exploit else "\n"))
        xml.append(
            f'<table>\n<elem key="is_exploit">{"true" if r.exploit else "false"}</elem>\n'
            f'<elem key="cvss">{r.cvss}</elem>\n<elem key="id">{r.id}</elem>\n'
            f'<elem key="type">{r.type}</elem>\n</table>\n'
        )
    xml.append("</table>\n")
    return f'<script id="vulners" output={quoteattr("".join(text))}>' + "".join(xml) + "</script>"


def _port(svc: Service, rows: tuple[Row, ...], rng: random.Random) -> str:
    attrs_ = f'name="{svc.name}" product={quoteattr(svc.product)}'
    if svc.version:
        attrs_ += f" version={quoteattr(svc.version)}"
    if svc.extrainfo:
        attrs_ += f" extrainfo={quoteattr(svc.extrainfo)}"
    if svc.tunnel:
        attrs_ += f' tunnel="{svc.tunnel}"'
    cpe = f"<cpe>{svc.cpe}</cpe>" if svc.cpe else ""
    out = (
        f'<port protocol="tcp" portid="{svc.port}"><state state="open" reason="syn-ack" '
        f'reason_ttl="{rng.choice((63, 64, 127, 128))}"/><service {attrs_} method="probed" conf="10">{cpe}'
        "</service>"
    )
    if rows:
        out += _vulners(svc, rows)
    return out + "</port>\n"


def _host(
    n: int, addrtype: str, addr: str, rng: random.Random, cats: dict[str, tuple[Row, ...]]
) -> tuple[str, set[str]]:
    k = rng.randint(1, 4)
    chosen: dict[int, Service] = {}
    for svc in rng.sample(_SERVICES, k):
        chosen.setdefault(svc.port, svc)
    t0 = 1710200000 + n * 13
    lines = [
        f'<host starttime="{t0}" endtime="{t0 + 97}">'
        '<status state="up" reason="echo-reply" reason_ttl="63"/>\n',
        f'<address addr="{addr}" addrtype="{addrtype}"/>\n',
    ]
    if addrtype == "ipv4" and rng.random() < 0.3:
        lines.append(
            f'<address addr="00:50:56:{n % 256:02X}:{(n >> 8) % 256:02X}:1A" addrtype="mac" '
            'vendor="VMware"/>\n'
        )
    lines.append(f'<hostnames>\n<hostname name="{hostname_for(n, rng)}" type="PTR"/>\n</hostnames>\n')
    lines.append(
        f'<ports><extraports state="closed" count="{1000 - len(chosen)}">\n<extrareasons reason="reset" '
        f'count="{1000 - len(chosen)}" proto="tcp" ports="1-20,23-24,26-79,81-442,444-1000"/>\n'
        "</extraports>\n"
    )
    cves: set[str] = set()
    for port in sorted(chosen):
        svc = chosen[port]
        rows = cats[svc.key]
        if rows and rng.random() < 0.15:
            rows = rows[: max(1, len(rows) // 3)]  # a --script-args mincvss=7 style cut
        lines.append(_port(svc, rows, rng))
        cves.update(r.id for r in rows if r.type == "cve")
    lines.append(
        f'</ports>\n<times srtt="{rng.randint(300, 9000)}" rttvar="{rng.randint(100, 3000)}" to="100000"/>\n'
        "</host>\n"
    )
    return "".join(lines), cves


_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n'
    '<?xml-stylesheet href="file:///usr/bin/../share/nmap/nmap.xsl" type="text/xsl"?>\n'
    "<!-- Nmap 7.94SVN scan initiated Tue Mar 12 03:13:20 2024 as: nmap -sV -&#45;script vulners "
    "-oX scan.xml 10.16.0.0/16 -->\n"
    '<nmaprun scanner="nmap" args="nmap -sV --script vulners -oX scan.xml 10.16.0.0/16" start="1710200000" '
    'startstr="Tue Mar 12 03:13:20 2024" version="7.94SVN" xmloutputversion="1.05">\n'
    '<scaninfo type="syn" protocol="tcp" numservices="1000" services="1,3-4,6-7,9,13,17,19-26,30,32-33"/>\n'
    '<verbose level="0"/>\n<debugging level="0"/>\n'
)


def generate(path: Path, *, size_bytes: int, seed: int = 1) -> GenTruth:
    """Write an Nmap XML file of at least ``size_bytes`` (whole hosts) and its truth sidecar."""
    rng = random.Random(seed)
    cats = {svc.key: _catalogue(svc, seed) for svc in _SERVICES}
    addrs = ip_sequence(rng, ipv6_every=25)
    hosts = host_cves = 0
    all_cves: set[str] = set()
    with path.open("wb") as f:
        w = SizedWriter(f)
        w.write(_HEAD)
        while w.written < size_bytes or hosts == 0:
            addrtype, addr = next(addrs)
            text, cves = _host(hosts + 1, addrtype, addr, rng, cats)
            w.write(text)
            hosts += 1
            host_cves += len(cves)
            all_cves |= cves
        w.write(
            f'<runstats><finished time="1710290000" timestr="Wed Mar 13 04:13:20 2024" summary="Nmap done at '
            f'Wed Mar 13 04:13:20 2024; {hosts} IP addresses ({hosts} hosts up) scanned in 90000.00 seconds" '
            f'elapsed="90000.00" exit="success"/><hosts up="{hosts}" down="0" total="{hosts}"/>\n'
            "</runstats>\n</nmaprun>\n"
        )
    truth = GenTruth(
        format="nmap", size_bytes=w.written, hosts=hosts, host_cves=host_cves, cves=len(all_cves), seed=seed
    )
    write_truth(path, truth)
    return truth
