from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

import pytest

from futurevuls_ext.parsers import (
    Finding,
    ParseError,
    Port,
    Severity,
    TruncatedReportError,
    UnknownFormatError,
    detect_format,
    iter_findings,
    parse_report,
)
from futurevuls_ext.parsers.nessus import NessusParser


@pytest.fixture
def nessus(data_dir: Path) -> Path:
    return data_dir / "nessus"


def test_sniff(nessus: Path) -> None:
    parser = NessusParser()
    assert parser.sniff((nessus / "multi.nessus").read_bytes()[:200]) == 1.0
    assert parser.sniff((nessus / "v1.nessus").read_bytes()) == 0.6  # chosen, then rejected clearly
    assert parser.sniff((nessus / "xxe.nessus").read_bytes()) == 0.5  # never expanded while sniffing
    assert parser.sniff(b"<nmaprun/>") == 0.0
    assert parser.sniff(b"IP,QID\n") == 0.0
    assert detect_format(nessus / "multi.nessus") == "nessus"


def test_hosts_names_cves_ports(nessus: Path) -> None:
    report = parse_report(nessus / "multi.nessus")
    assert report.format == "nessus"
    assert [h.address for h in report.hosts] == ["192.0.2.10", "198.51.100.7", "2001:db8::15"]
    web = report.hosts[0]
    # host-ip is the key; the typed name, FQDN and NetBIOS name are all kept
    assert web.hostnames == {"web01", "web01.example.test", "WEB01"}
    assert web.ip_addresses == {"192.0.2.10"}
    # every <cve> of every item, severity 0 included; lower case normalised; no free-text or
    # patch-summary CVEs
    assert web.cve_ids == {"CVE-2014-0160", "CVE-2014-0346", "CVE-2016-2183", "CVE-2013-5211"}
    assert web.ports == {
        Port(port=443, protocol="tcp"),
        Port(port=123, protocol="udp"),
        Port(port=22, protocol="tcp"),
    }
    # no host-ip tag: the ReportHost name is the key
    assert report.hosts[1].cve_ids == {"CVE-2021-41773", "CVE-2021-42013"}
    # IPv6, no items: the host is still a host
    v6 = report.hosts[2]
    assert v6.hostnames == {"v6host.example.test"}
    assert v6.cve_ids == frozenset()
    assert len(v6.findings) == 1
    assert v6.findings[0].port is None


def test_finding_fields(nessus: Path) -> None:
    findings = list(iter_findings(nessus / "multi.nessus"))
    assert len(findings) == 6
    info, ssl, ntp, ssh = findings[:4]
    assert info.port is None  # port 0: host-level
    assert info.severity is Severity.INFO
    assert info.source_id == "19506"
    assert info.cve_ids == frozenset()
    assert ssl.severity is Severity.HIGH
    assert ssl.cvss == 7.5  # CVSS v3 preferred
    assert ssl.service == "www"
    assert ssl.title == "SSL Certificate Cannot Be Trusted"
    assert ssl.scanner == "nessus"
    assert ntp.protocol == "udp"
    assert ssh.cvss == 4.3
    assert findings[4].title == "Apache < 2.4.50 Path Traversal"


def test_invalid_cve_text_is_reported_as_skipped(nessus: Path) -> None:
    report = parse_report(nessus / "multi.nessus")
    assert report.skipped_count == 1
    assert "NOCVE" in report.skipped[0].reason
    assert "pluginID 90317" in report.skipped[0].location


def test_no_reporthost_is_a_valid_empty_report(nessus: Path) -> None:
    report = parse_report(nessus / "no_reporthost.nessus")
    assert report.hosts == ()
    assert report.warnings == ()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("v1.nessus", "legacy Nessus v1"),
        ("wrong_root.nessus", "unsupported root <NessusClientData_v3>"),
        ("xxe.nessus", "EntitiesForbidden"),
        ("entity_bomb.nessus", "EntitiesForbidden"),
        ("external_dtd.nessus", "DTDForbidden"),
        ("malformed.nessus", "malformed XML: mismatched tag"),
        ("empty.nessus", "empty"),
        ("truncated_first_host.nessus", "cut off"),
    ],
)
def test_rejected_files_name_the_file_and_position(nessus: Path, name: str, message: str) -> None:
    with pytest.raises(ParseError, match=message) as info:
        parse_report(nessus / name, format="nessus")
    assert info.value.source is not None
    assert info.value.source.endswith(name)
    assert info.value.location
    assert info.value.parser == "nessus"


def test_empty_file_is_picked_by_extension_and_rejected(nessus: Path, tmp_path: Path) -> None:
    with pytest.raises(ParseError, match=r"\[nessus\].*the file is empty"):
        parse_report(nessus / "empty.nessus")
    other = tmp_path / "empty.xml"
    other.write_bytes(b"")
    with pytest.raises(UnknownFormatError, match="the file is empty"):
        parse_report(other)


def test_malformed_file_yields_the_hosts_before_the_damage(nessus: Path) -> None:
    seen: list[Finding] = []
    with pytest.raises(ParseError, match="line 7"):
        seen.extend(iter_findings(nessus / "malformed.nessus"))
    assert {f.address for f in seen} == {"192.0.2.1"}


@pytest.mark.parametrize("name", ["truncated.nessus", "truncated_after_host.nessus"])
def test_truncated_returns_complete_hosts(nessus: Path, name: str) -> None:
    report = parse_report(nessus / name)
    assert [h.address for h in report.hosts] == ["192.0.2.10"]
    assert len(report.hosts[0].findings) == 4
    assert any("truncated" in w for w in report.warnings)
    with pytest.raises(TruncatedReportError):
        parse_report(nessus / name, strict=True)


def test_truncated_exactly_after_the_last_host_end_tag_keeps_it(nessus: Path) -> None:
    data = (nessus / "multi.nessus").read_bytes()
    cut = data.rindex(b"</ReportHost>") + len(b"</ReportHost>")
    report = parse_report(io.BytesIO(data[:cut]))
    assert len(report.hosts) == 3


def test_streams_are_read_in_chunks_with_flat_memory() -> None:
    host = (
        '<ReportHost name="10.0.{a}.{b}"><HostProperties>'
        '<tag name="host-ip">10.0.{a}.{b}</tag></HostProperties>'
        '<ReportItem port="443" protocol="tcp" severity="2" pluginID="1" pluginName="x" svc_name="www">'
        "<description>" + "d" * 2000 + "</description><cve>CVE-2020-0001</cve></ReportItem></ReportHost>\n"
    )

    class Generated(io.RawIOBase):
        def __init__(self) -> None:
            self.hosts = 0
            self.pending = b'<?xml version="1.0"?><NessusClientData_v2><Report name="g">'

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
            while len(self.pending) < len(buffer) and self.hosts <= 20_000:
                if self.hosts == 20_000:
                    self.pending += b"</Report></NessusClientData_v2>"
                else:
                    a, b = divmod(self.hosts, 256)
                    self.pending += host.format(a=a % 256, b=b).encode()
                self.hosts += 1
            n = min(len(buffer), len(self.pending))
            buffer[:n] = self.pending[:n]
            self.pending = self.pending[n:]
            return n

    tracemalloc.start()
    count = 0
    for _finding in iter_findings(io.BufferedReader(Generated()), format="nessus"):
        count += 1
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 20_000  # ~45 MB of XML
    assert peak < 16 * 1024 * 1024
