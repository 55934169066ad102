from __future__ import annotations

from pathlib import Path

import pytest

from futurevuls_ext.parsers import (
    ParseError,
    Port,
    TruncatedReportError,
    detect_format,
    iter_findings,
    parse_report,
)
from futurevuls_ext.parsers.nmap import NmapParser


@pytest.fixture
def nmap(data_dir: Path) -> Path:
    return data_dir / "nmap"


def test_sniff_and_doctype_accepted(nmap: Path) -> None:
    assert NmapParser().sniff((nmap / "vulners_old.xml").read_bytes()) == 1.0
    assert NmapParser().sniff((nmap / "bomb.xml").read_bytes()) == 0.5
    assert NmapParser().sniff(b'<?xml version="1.0"?><NessusClientData_v2/>') == 0.0
    assert detect_format(nmap / "vulners_old.xml") == "nmap"


def test_vulners_old_shape(nmap: Path) -> None:
    report = parse_report(nmap / "vulners_old.xml")
    # the down host is skipped (and said so); the hosthint is not a host
    assert [h.address for h in report.hosts] == ["192.0.2.20"]
    host = report.hosts[0]
    assert host.hostnames == {"app.example.test", "ptr-20.example.test"}
    assert host.ip_addresses == {"192.0.2.20"}  # the MAC address is not an IP
    # type=cve rows only; PRION:/MSF: ids that embed a CVE do not count; text output is not read
    assert host.cve_ids == {"CVE-2018-15919", "CVE-2016-6210", "CVE-2018-16843"}
    # open ports only (closed 8080 and open|filtered 161 are not)
    assert host.ports == {Port(port=22, protocol="tcp"), Port(port=80, protocol="tcp")}
    reasons = [s.reason for s in report.skipped]
    assert any("status is 'down'" in r for r in reasons)
    assert any("'closed' is not 'open'" in r for r in reasons)


def test_port_findings_carry_service_details(nmap: Path) -> None:
    findings = {f.port: f for f in iter_findings(nmap / "vulners_old.xml")}
    ssh = findings[22]
    assert ssh.service == "ssh"
    assert ssh.product == "OpenSSH"
    assert ssh.version == "7.4"
    assert ssh.cpes == ("cpe:/a:openbsd:openssh:7.4",)  # the OS CPE is not a service CPE
    assert ssh.source_id == "vulners"
    assert ssh.cvss == 7.8
    assert ssh.title == "OpenSSH 7.4"
    assert ssh.scanner == "nmap"
    assert findings[80].cve_ids == {"CVE-2018-16843"}  # table keyed by "product version", not a CPE


def test_vulners_new_shapes_and_enterprise(nmap: Path) -> None:
    report = parse_report(nmap / "vulners_new.xml")
    (host,) = report.hosts
    assert host.cve_ids == {"CVE-2018-16843", "CVE-2019-11043"}
    (finding,) = host.findings
    assert finding.source_id == "vulners,vulners_enterprise"
    assert finding.cpes == ("cpe:/a:igor_sysoev:nginx:1.13.4", "cpe:/a:php:php:5.6.38")


def test_vulscan_every_cve_token(nmap: Path) -> None:
    (host,) = parse_report(nmap / "vulscan.xml").hosts
    assert host.cve_ids == {"CVE-2020-25681", "CVE-2020-25682", "CVE-2021-3448"}
    assert host.ports == {Port(port=53, protocol="udp")}


def test_vulns_library_tables(nmap: Path) -> None:
    report = parse_report(nmap / "vulns_library.xml")
    (host,) = report.hosts
    # VULNERABLE tables count (port script and host script); NOT/LIKELY VULNERABLE do not, and
    # CVEs in descriptions or references are never read
    assert host.cve_ids == {"CVE-2014-0160", "CVE-2017-0143"}
    by_port = {f.port: f for f in host.findings}
    assert by_port[443].cve_ids == {"CVE-2014-0160"}
    assert by_port[None].cve_ids == {"CVE-2017-0143"}
    assert by_port[None].source_id == "smb-vuln-ms17-010"
    skipped = " | ".join(s.reason for s in report.skipped)
    assert "LIKELY VULNERABLE" in skipped
    assert "NOT VULNERABLE" in skipped


def test_ipv6_only_and_dual_stack_hosts(nmap: Path) -> None:
    report = parse_report(nmap / "ipv6.xml")
    assert [h.address for h in report.hosts] == ["2001:db8::80", "198.51.100.9"]
    assert report.hosts[1].ip_addresses == {"198.51.100.9", "2001:db8::9"}
    assert report.hosts[0].ports == {Port(port=80, protocol="tcp")}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bomb.xml", "EntitiesForbidden"),
        ("xxe.xml", "EntitiesForbidden"),
        ("external_dtd.xml", "DTDForbidden"),
        ("wrong_root.xml", "unsupported root <nmaprunx>"),
        ("truncated_before_host.xml", "cut off"),
        ("truncated.xml", "cut off"),  # the only complete host before the cut is down
    ],
)
def test_rejected(nmap: Path, name: str, message: str) -> None:
    with pytest.raises(ParseError, match=message) as info:
        parse_report(nmap / name, format="nmap")
    assert info.value.source is not None
    assert info.value.source.endswith(name)
    assert info.value.location


def test_truncated_after_a_host_keeps_it(nmap: Path) -> None:
    report = parse_report(nmap / "truncated_after_host.xml")
    assert [h.address for h in report.hosts] == ["192.0.2.20"]
    assert any("truncated" in w for w in report.warnings)
    with pytest.raises(TruncatedReportError):
        parse_report(nmap / "truncated_after_host.xml", strict=True)


def test_non_numeric_portid_is_skipped_but_its_cves_count(tmp_path: Path) -> None:
    path = tmp_path / "placeholder.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE nmaprun><nmaprun><host><status state="up"/>'
        '<address addr="127.0.0.1" addrtype="ipv4"/><ports><port protocol="tcp" portid="TARGET_PORT">'
        '<state state="open"/><service name="http"/><script id="vulners" output="">'
        '<table key="cpe:/a:x:y:1"><table><elem key="id">CVE-2019-20372</elem><elem key="type">cve</elem>'
        "</table></table></script></port></ports></host></nmaprun>"
    )
    report = parse_report(path)
    (host,) = report.hosts
    assert host.ports == frozenset()
    assert host.cve_ids == {"CVE-2019-20372"}
    assert "TARGET_PORT" in report.skipped[0].reason
