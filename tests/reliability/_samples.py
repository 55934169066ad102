"""Small hand-made valid reports, one per format, with the hosts and CVEs each must give.

They seed the mutation tests and the hostile-input generators (wrong-format, truncation, invalid
UTF-8). Every sample has at least two hosts so that a cut inside the first host is "before any
complete host".
"""

from __future__ import annotations

import json
from collections.abc import Sequence

__all__ = ["EXPECTED", "SAMPLES", "XML_ROOTS", "XML_TEXT_SLOT"]

XML_TEXT_SLOT = "@@TEXT@@"
"""Where the XML samples have a text node that hostile variants fill with an entity reference."""

XML_ROOTS = {"nessus": "NessusClientData_v2", "nmap": "nmaprun"}

_NESSUS = f"""<?xml version="1.0" ?>
<NessusClientData_v2>
<Policy><policyName>p</policyName></Policy>
<Report name="weekly" xmlns:cm="http://www.nessus.org/cm">
<ReportHost name="10.0.0.1"><HostProperties>
<tag name="host-ip">10.0.0.1</tag><tag name="host-fqdn">web01.example.test</tag>
<tag name="operating-system">{XML_TEXT_SLOT}</tag>
</HostProperties>
<ReportItem port="443" svc_name="www" protocol="tcp" severity="3"
 pluginID="51192" pluginName="a" pluginFamily="f">
<cve>CVE-2014-0160</cve><cve>CVE-2014-0224</cve><description>mentions CVE-2099-0001</description>
</ReportItem>
<ReportItem port="0" svc_name="general" protocol="tcp" severity="0"
 pluginID="19506" pluginName="b" pluginFamily="f">
<plugin_output>info</plugin_output></ReportItem>
</ReportHost>
<ReportHost name="db02"><HostProperties><tag name="host-ip">10.0.0.2</tag></HostProperties>
<ReportItem port="22" svc_name="ssh" protocol="tcp" severity="2" pluginID="1" pluginName="c" pluginFamily="f">
<cve>CVE-2018-15919</cve></ReportItem>
</ReportHost>
</Report>
</NessusClientData_v2>
"""

_NMAP = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nmaprun>
<nmaprun scanner="nmap" args="nmap -sV --script vulners" start="1700000000"
 version="7.94" xmloutputversion="1.05">
<scaninfo type="syn" protocol="tcp" numservices="2" services="22,443"/>
<verbose level="0"/><debugging level="0"/>
<host starttime="1" endtime="2"><status state="up" reason="syn-ack" reason_ttl="0"/>
<address addr="10.0.0.1" addrtype="ipv4"/>
<hostnames><hostname name="web01.example.test" type="PTR"/></hostnames>
<ports><port protocol="tcp" portid="22"><state state="open" reason="syn-ack" reason_ttl="0"/>
<service name="ssh" product="OpenSSH" version="7.4" method="probed" conf="10">
<cpe>cpe:/a:openbsd:openssh:7.4</cpe></service>
<script id="vulners" output="{XML_TEXT_SLOT}"><table key="cpe:/a:openbsd:openssh:7.4">
<table><elem key="cvss">5.0</elem><elem key="id">CVE-2018-15919</elem>
<elem key="is_exploit">false</elem><elem key="type">cve</elem></table>
<table><elem key="cvss">4.3</elem><elem key="id">CVE-2017-15906</elem>
<elem key="is_exploit">false</elem><elem key="type">cve</elem></table>
</table></script></port></ports></host>
<host starttime="1" endtime="2"><status state="up" reason="syn-ack" reason_ttl="0"/>
<address addr="10.0.0.2" addrtype="ipv4"/><hostnames/>
<ports><port protocol="tcp" portid="443"><state state="open" reason="syn-ack" reason_ttl="0"/>
<service name="https" method="table" conf="3"/></port></ports></host>
<runstats><finished time="2" timestr="x" elapsed="1" summary="x" exit="success"/>
<hosts up="2" down="0" total="2"/></runstats>
</nmaprun>
"""

_QUALYS = (
    '"Scan Results","November 21, 2026"\r\n'
    '"Example Corp","Tokyo"\r\n'
    "\r\n"
    '"IP","DNS","NetBIOS","QID","Title","Type","Severity","Port","Protocol","CVE ID","Results"\r\n'
    '"10.0.0.1","web01.example.test","WEB01","38173","SSL","Vuln","3","443","tcp",'
    '"CVE-2014-0160, CVE-2014-0224","multi\nline"\r\n'
    '"10.0.0.2","","","38174","SSH","Vuln","2","22","tcp","CVE-2018-15919",""\r\n'
)

_QUALYS_WAS = (
    '"Web Application Scan Report"\r\n'
    '"Example Corp"\r\n'
    '"RESULTS"\r\n'
    '"VULNERABILITY","ID","Detection ID","QID","Url","Param","Function","Detection Date"\r\n'
    '"VULNERABILITY","1","11","150162","https://shop.example.test/cart","","","2026-11-20"\r\n'
    '"VULNERABILITY","2","12","150001","https://api.example.test:8443/x","q","","2026-11-20"\r\n'
)

_NUCLEI_RECORDS = [
    {
        "template-id": "CVE-2021-44228",
        "info": {
            "name": "Log4Shell",
            "severity": "critical",
            "classification": {"cve-id": ["cve-2021-44228"]},
        },
        "type": "http",
        "host": "https://app.example.test",
        "matched-at": "https://app.example.test/login",
        "ip": "192.0.2.10",
    },
    {
        "template-id": "openssh-detect",
        "info": {"name": "OpenSSH", "severity": "info", "classification": {"cve-id": "CVE-2024-6387"}},
        "type": "network",
        "host": "192.0.2.11:22",
        "matched-at": "192.0.2.11:22",
        "port": "22",
    },
]

_ASM_LINES = [
    {"format": "futurevuls-asm", "version": 1},
    {"host": "portal.example.test", "ip": "192.0.2.70", "port": 443, "cve_ids": ["CVE-2021-44228"]},
    {"host": "192.0.2.71", "port": 22, "cve_ids": "CVE-2024-6387"},
]

_CYCOGNITO = [
    {"affected_asset": "ip/192.0.2.50", "port": 22, "cve_ids": ["CVE-2002-20001"], "issue_id": "W-1"},
    {
        "affected_asset": "domain/www.example.test",
        "port": "443",
        "cve_ids": ["CVE-2014-0160"],
        "issue_id": "W-2",
    },
]

_SHODAN = [
    {
        "ip_str": "192.0.2.60",
        "hostnames": ["www.example.test"],
        "ports": [80],
        "vulns": ["CVE-2021-40438"],
        "data": [{"port": 80, "transport": "tcp", "vulns": {"CVE-2021-41773": {"cvss": 7.5}}}],
    },
    {"ip_str": "192.0.2.61", "hostnames": [], "ports": [22], "vulns": ["CVE-2024-6387"], "data": []},
]


def _inspector(instance: str, ip: str, cve: str, n: int) -> dict[str, object]:
    return {
        "awsAccountId": "111122223333",
        "findingArn": f"arn:aws:inspector2:ap-northeast-1:111122223333:finding/f{n:031d}",
        "type": "PACKAGE_VULNERABILITY",
        "status": "ACTIVE",
        "severity": "HIGH",
        "title": f"{cve} - openssl",
        "resources": [
            {
                "type": "AWS_EC2_INSTANCE",
                "id": instance,
                "details": {"awsEc2Instance": {"ipV4Addresses": [ip], "ipV6Addresses": []}},
            }
        ],
        "packageVulnerabilityDetails": {"vulnerabilityId": cve, "source": "NVD"},
    }


def _jsonl(records: Sequence[object]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


SAMPLES: dict[str, bytes] = {
    "nessus": _NESSUS.replace(XML_TEXT_SLOT, "Linux").encode(),
    "nmap": _NMAP.replace(XML_TEXT_SLOT, "vulners").encode(),
    "qualys-csv": _QUALYS.encode(),
    "qualys-was-csv": _QUALYS_WAS.encode(),
    "nuclei": _jsonl(_NUCLEI_RECORDS),
    "asm-json": _jsonl(_ASM_LINES),
    "cycognito": json.dumps(_CYCOGNITO, indent=1).encode(),
    "shodan": _jsonl(_SHODAN),
    "inspector": _jsonl(
        [
            _inspector("i-0aaaaaaaaaaaaaaa1", "203.0.113.10", "CVE-2023-0286", 1),
            _inspector("i-0aaaaaaaaaaaaaaa2", "203.0.113.11", "CVE-2022-3602", 2),
        ]
    ),
}
"""format name -> a small valid report."""

XML_TEMPLATES = {"nessus": _NESSUS, "nmap": _NMAP}
"""The XML samples with :data:`XML_TEXT_SLOT` still in place."""

EXPECTED: dict[str, dict[str, frozenset[str]]] = {
    "nessus": {
        "10.0.0.1": frozenset({"CVE-2014-0160", "CVE-2014-0224"}),
        "10.0.0.2": frozenset({"CVE-2018-15919"}),
    },
    "nmap": {"10.0.0.1": frozenset({"CVE-2018-15919", "CVE-2017-15906"}), "10.0.0.2": frozenset()},
    "qualys-csv": {
        "10.0.0.1": frozenset({"CVE-2014-0160", "CVE-2014-0224"}),
        "10.0.0.2": frozenset({"CVE-2018-15919"}),
    },
    "qualys-was-csv": {"shop.example.test": frozenset(), "api.example.test": frozenset()},
    "nuclei": {"app.example.test": frozenset({"CVE-2021-44228"}), "192.0.2.11": frozenset({"CVE-2024-6387"})},
    "asm-json": {
        "portal.example.test": frozenset({"CVE-2021-44228"}),
        "192.0.2.71": frozenset({"CVE-2024-6387"}),
    },
    "cycognito": {
        "192.0.2.50": frozenset({"CVE-2002-20001"}),
        "www.example.test": frozenset({"CVE-2014-0160"}),
    },
    "shodan": {
        "192.0.2.60": frozenset({"CVE-2021-40438", "CVE-2021-41773"}),
        "192.0.2.61": frozenset({"CVE-2024-6387"}),
    },
    "inspector": {
        "i-0aaaaaaaaaaaaaaa1": frozenset({"CVE-2023-0286"}),
        "i-0aaaaaaaaaaaaaaa2": frozenset({"CVE-2022-3602"}),
    },
}
"""format name -> {host address: CVE set} of the matching sample."""
