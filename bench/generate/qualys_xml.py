"""Generate a large Qualys VM scan report XML (``SCAN`` root, ``IP`` per host) from the check catalogue."""

from __future__ import annotations

import random
from pathlib import Path

from ._checks import CHECKS, Check, pick
from ._writer import GenTruth, SizedWriter, hostname_for, ip_sequence, write_truth

__all__ = ["generate"]

EXTENSION = "xml"


def _item(check: Check) -> tuple[str, str]:
    """(section, XML) of one check: a VULN / PRACTICE with CVE_ID_LIST, or an INFO."""
    port = f' port="{check.port}" protocol="tcp"' if check.port else ""
    level = check.severity + 1
    body = (
        f"<TITLE><![CDATA[{check.name}]]></TITLE><LAST_UPDATE><![CDATA[2026-11-01T00:00:00Z]]></LAST_UPDATE>"
        f"<CVSS_BASE>{check.cvss}</CVSS_BASE><PCI_FLAG>1</PCI_FLAG>"
        f"<DIAGNOSIS><![CDATA[{check.text}]]></DIAGNOSIS><CONSEQUENCE><![CDATA[N/A]]></CONSEQUENCE>"
        f"<SOLUTION><![CDATA[Apply the vendor update.]]></SOLUTION><RESULT><![CDATA[{check.text}]]></RESULT>"
    )
    if not check.cves:
        return (
            "INFOS",
            f'<CAT value="Information gathering"{port}><INFO number="{check.qid}" severity="{level}">'
            f"{body}</INFO></CAT>",
        )
    cves = "".join(
        f"<CVE_ID><ID><![CDATA[{c}]]></ID><URL><![CDATA[https://nvd.example/{c}]]></URL></CVE_ID>"
        for c in check.cves
    )
    tag, section = ("PRACTICE", "PRACTICES") if check.severity == 2 else ("VULN", "VULNS")
    return section, (
        f'<CAT value="General remote services"{port}><{tag} number="{check.qid}" severity="{level}">'
        f"{body}<CVE_ID_LIST>{cves}</CVE_ID_LIST></{tag}></CAT>"
    )


def generate(path: Path, *, size_bytes: int, seed: int = 1) -> GenTruth:
    """Write a Qualys SCAN XML report of at least ``size_bytes`` and its truth sidecar."""
    rng = random.Random(seed)
    addrs = ip_sequence(rng, ipv6_every=40)
    hosts = host_cves = 0
    every: set[str] = set()
    with path.open("wb") as f:
        w = SizedWriter(f)
        w.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n'
            '<!DOCTYPE SCAN SYSTEM "https://qualysguard.example.invalid/scan-1.dtd">\n'
            '<SCAN value="scan/1700000000.1"><HEADER><KEY value="TITLE"><![CDATA[gen]]></KEY></HEADER>\n'
        )
        while w.written < size_bytes or hosts == 0:
            _kind, ip = next(addrs)
            hosts += 1
            name = hostname_for(hosts, rng) if hosts % 5 else "No registered hostname"
            sections: dict[str, list[str]] = {"INFOS": [], "VULNS": [], "PRACTICES": []}
            cves: set[str] = set()
            for check in pick(rng, CHECKS, 2, 8):
                section, xml = _item(check)
                sections[section].append(xml)
                cves.update(check.cves)
            host_cves += len(cves)
            every |= cves
            parts = "".join(f"<{k}>{''.join(v)}</{k}>" for k, v in sections.items() if v)
            w.write(f'<IP value="{ip}" name="{name}"><OS><![CDATA[Linux 5.x]]></OS>{parts}</IP>\n')
        w.write("</SCAN>\n")
    truth = GenTruth(
        format="qualys-xml",
        size_bytes=w.written,
        hosts=hosts,
        host_cves=host_cves,
        cves=len(every),
        seed=seed,
    )
    write_truth(path, truth)
    return truth
