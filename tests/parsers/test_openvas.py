"""OpenVAS / GVM XML and GSA CSV parsers on hand-made fixtures (tests/parsers/data/openvas)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from futurevuls_ext import ParseError
from futurevuls_ext.parsers import Port, Severity, TruncatedReportError, detect_format, parse_report

DATA = Path(__file__).parent / "data" / "openvas"


def test_gsa_download_results_hosts_and_cve_sources() -> None:
    path = DATA / "gsa_report.xml"
    assert detect_format(path) == "openvas"
    report = parse_report(path)
    # the <ports> summary host, the task's slave host and the delta result's host are no hosts
    assert [h.address for h in report.hosts] == ["192.0.2.10", "legacy-app", "2001:db8::1", "192.0.2.44"]
    web = report.host("192.0.2.10")
    assert web is not None
    assert web.hostnames == {"web01.example.test"}
    # refs of type cve (any case), never url/cert-bund refs, epss cves, description text or notes
    assert web.cve_ids == {"CVE-2023-38408", "CVE-2023-48795"}
    assert web.ports == {Port(port=22, protocol="tcp"), Port(port=80, protocol="tcp")}
    first = web.findings[0]
    assert (first.severity, first.cvss) == (Severity.HIGH, 9.8)
    assert first.source_id == "1.3.6.1.4.1.25623.1.0.100001"
    assert len(web.findings) == 2  # the nested <result>s of notes, delta and detection are not results
    # a host text that is not an IP is kept as a name; the <hostname> keys the host
    legacy = report.host("legacy-app")
    assert legacy is not None and legacy.ip_addresses == frozenset()
    assert legacy.hostnames == {"legacy-app", "10.0.0.300"}
    assert legacy.cve_ids == {"CVE-2021-44228"}  # the OID of GVM's CVE scanner is itself the id
    # canonical IPv6, general/tcp gives no port, the report-level host entry adds its hostname
    v6 = report.host("2001:db8::1")
    assert v6 is not None and v6.ports == frozenset() and v6.hostnames == {"db01.example.test"}
    assert v6.cve_ids == {"CVE-2022-0001"}  # a Log result's CVEs count too
    idle = report.host("192.0.2.44")
    assert idle is not None and idle.cve_ids == frozenset() and idle.hostnames == {"idle.example.test"}


def test_openvas6_single_report_comma_cves_nocve() -> None:
    report = parse_report(DATA / "openvas6_report.xml")
    assert report.format == "openvas"
    (host,) = report.hosts
    assert host.cve_ids == {"CVE-2014-0224", "CVE-2016-0800", "CVE-2014-3566"}
    assert host.ports == {Port(port=443, protocol="tcp")}
    assert [f.cvss for f in host.findings] == [6.8, 4.3]  # nvt/cvss_base when the result has no severity


def test_gmp_get_reports_response() -> None:
    report = parse_report(DATA / "gmp_response.xml")
    assert report.format == "openvas"
    assert [(h.address, sorted(h.cve_ids)) for h in report.hosts] == [("192.0.2.77", ["CVE-2020-14812"])]


def test_bare_result_and_other_roots_refused() -> None:
    bare = b"<result id='x'><host>192.0.2.1</host><nvt oid='1.2'/></result>"
    assert detect_format(io.BytesIO(bare)) == "openvas"
    with pytest.raises(ParseError, match="bare <result>"):
        parse_report(io.BytesIO(bare))
    with pytest.raises(ParseError, match="unsupported root <nmaprun>"):
        parse_report(io.BytesIO(b"<nmaprun/>"), format="openvas")
    with pytest.raises(ParseError, match="not an OpenVAS"):
        parse_report(io.BytesIO(b"<report><foo/></report>"), format="openvas")


def test_entity_declaration_refused_fast() -> None:
    data = (DATA / "gmp_response.xml").read_bytes()
    bomb = b'<!DOCTYPE r [<!ENTITY a "' + b"x" * 100 + b'"><!ENTITY b "&a;&a;&a;&a;">]>' + data
    with pytest.raises(ParseError, match="EntitiesForbidden") as info:
        parse_report(io.BytesIO(bomb), format="openvas")
    assert info.value.location is not None and "line 1" in info.value.location


def test_truncated_report_keeps_complete_results() -> None:
    data = (DATA / "gsa_report.xml").read_bytes()
    cut = data[: data.index(b'<result id="res-3">') + 40]
    report = parse_report(io.BytesIO(cut), format="openvas")
    assert [h.address for h in report.hosts] == ["192.0.2.10"]
    assert any("truncated" in w for w in report.warnings)
    with pytest.raises(TruncatedReportError):
        parse_report(io.BytesIO(cut), format="openvas", strict=True)


def test_binary_junk_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        parse_report(io.BytesIO(b"<report>\x00\xff\xfe junk"), format="openvas")


def test_gsa_csv_results() -> None:
    path = DATA / "results.csv"
    assert detect_format(path) == "openvas-csv"
    report = parse_report(path)
    assert [h.address for h in report.hosts] == ["192.0.2.10", "45.33.32.156", "legacy-app"]
    web = report.host("192.0.2.10")
    assert web is not None
    # only the CVEs column (NOCVE ignored), never free text
    assert web.cve_ids == {"CVE-2023-38408", "CVE-2023-48795"}
    assert web.ports == {Port(port=22, protocol="tcp")}
    cve_scanner = report.host("45.33.32.156")
    assert cve_scanner is not None and cve_scanner.cve_ids == {"CVE-2021-26690"}  # NVT OID is a CVE id
    legacy = report.host("legacy-app")
    assert legacy is not None and legacy.findings[0].severity is Severity.CRITICAL


def test_gsa_csv_truncated_inside_quoted_cell() -> None:
    data = (DATA / "results.csv").read_bytes()
    cut = data[: data.index(b"over two lines")]
    with pytest.raises(ParseError):  # nothing complete before the cut
        parse_report(io.BytesIO(cut), format="openvas-csv")
    cut = data[: data.index(b'"Log4j"') + 3]
    report = parse_report(io.BytesIO(cut), format="openvas-csv")
    assert [h.address for h in report.hosts] == ["192.0.2.10", "45.33.32.156"]
    assert any("truncated" in w for w in report.warnings)


def test_gsa_csv_without_header_refused() -> None:
    with pytest.raises(ParseError, match="header"):
        parse_report(io.BytesIO(b"a,b,c\n1,2,3\n"), format="openvas-csv")


def test_openvas_results_without_wrapper_and_alarm_threat() -> None:
    data = (
        b"<report><omp><version>5.0</version></omp><result id='a'><host>192.0.2.9</host>"
        b"<port>ssh (22/tcp)</port><nvt oid='1.3.6.1.4.1.25623.1.0.1'><cve>CVE-2016-6210</cve></nvt>"
        b"<threat>Alarm</threat></result></report>"
    )
    (host,) = parse_report(io.BytesIO(data), format="openvas").hosts
    assert host.cve_ids == {"CVE-2016-6210"} and host.ports == {Port(port=22, protocol="tcp")}
    assert host.findings[0].severity is Severity.CRITICAL
