"""Nessus / Tenable CSV parser on hand-made fixtures (tests/parsers/data/nessus_csv)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from futurevuls_ext import ParseError
from futurevuls_ext.parsers import Port, Severity, TruncatedReportError, detect_format, parse_report

DATA = Path(__file__).parent / "data" / "nessus_csv"


@pytest.mark.parametrize("name", ["nessus.csv", "tenable_io.csv", "tenable_sc.csv", "vm_export.csv"])
def test_layouts_are_detected(name: str) -> None:
    assert detect_format(DATA / name) == "nessus-csv"


def test_nessus_default_layout() -> None:
    report = parse_report(DATA / "nessus.csv")
    host = report.host("192.0.2.20")
    assert host is not None
    # the CVE column only (rows of risk None included), never See Also / Description links
    assert host.cve_ids == {"CVE-2004-2761", "CVE-1999-0524"}
    assert host.ports == {Port(port=80, protocol="tcp"), Port(port=443, protocol="tcp")}  # port 0: none
    assert [f.severity for f in host.findings] == [Severity.INFO, Severity.MEDIUM, Severity.INFO]
    named = report.host("scanner-host.example.test")
    assert named is not None and named.ip_addresses == frozenset()


def test_tenable_io_bom_crlf_ip_column_and_blank_rows() -> None:
    report = parse_report(DATA / "tenable_io.csv")
    assert [h.address for h in report.hosts] == ["198.51.100.7", "bad-ip.example.test"]
    app = report.host("198.51.100.7")
    assert app is not None
    assert app.hostnames == {"app01.example.test", "APP01"}
    assert app.cve_ids == {"CVE-2021-44228", "CVE-2021-45046"}
    assert app.findings[0].cvss == 10.0
    # an "IP Address" that is not an IP: keyed by Host, the bad value kept only as a name
    bad = report.host("bad-ip.example.test")
    assert bad is not None and bad.ip_addresses == frozenset()
    assert bad.ports == {Port(port=25, protocol="tcp")}
    assert report.skipped_count == 0  # all-empty rows are padding, not records


def test_tenable_sc_comma_joined_cves() -> None:
    report = parse_report(DATA / "tenable_sc.csv")
    (host,) = report.hosts
    assert host.address == "203.0.113.5"
    assert host.cve_ids == {"CVE-2013-2566", "CVE-2015-2808"}
    assert host.hostnames == {"www.example.test", "WWW"}
    assert host.findings[0].cvss == 5.9  # v3 preferred


def test_semicolon_vm_export() -> None:
    report = parse_report(DATA / "vm_export.csv")
    (host,) = report.hosts
    assert (host.address, host.hostnames) == ("198.51.100.30", frozenset({"db01"}))
    assert host.cve_ids == {"CVE-2022-21619", "CVE-2022-21624"}
    assert host.ports == {Port(port=22, protocol="tcp")}


def test_non_ascii_digits_give_no_port() -> None:
    data = "Plugin ID,CVE,CVSS,Risk,Host,Protocol,Port,Name\n1,,,,192.0.2.1,tcp,\uff18\uff10,x\n"
    (host,) = parse_report(io.BytesIO(data.encode()), format="nessus-csv").hosts
    assert host.ports == frozenset()


def test_cut_last_row() -> None:
    data = (DATA / "nessus.csv").read_bytes()
    cut = data[: data.index(b'"19506","","","None","scanner') + 12]
    report = parse_report(io.BytesIO(cut), format="nessus-csv")
    assert [h.address for h in report.hosts] == ["192.0.2.20"]
    with pytest.raises(TruncatedReportError):
        parse_report(io.BytesIO(cut), format="nessus-csv", strict=True)


def test_not_a_nessus_csv() -> None:
    with pytest.raises(ParseError, match="header"):
        parse_report(io.BytesIO(b"IP,QID\n192.0.2.1,1\n"), format="nessus-csv")
    with pytest.raises(ParseError):
        parse_report(io.BytesIO(b"\x00\x01\x02" * 100), format="nessus-csv")


def test_nessus_versioned_cvss_columns_and_out_of_range_scores() -> None:
    # Nessus 8+ headers name the CVSS version ("CVSS v3.0 Base Score", "CVSS v2.0 Base Score")
    report = parse_report(DATA / "nessus_v10_columns.csv")
    terrapin = report.host("192.0.2.41")
    assert terrapin is not None and terrapin.cve_ids == {"CVE-2023-48795"}
    assert terrapin.findings[0].cvss == 5.9  # v3.0 preferred over v2.0 (4.3) and v4.0 (5.3)
    # an export re-saved by Excel in a ","-decimal locale: "5.0" became "50", which is no CVSS score
    sweet32 = report.host("192.0.2.42")
    assert sweet32 is not None and sweet32.cve_ids == {"CVE-2016-2183"}
    assert sweet32.findings[0].cvss is None
    assert sweet32.ports == {Port(port=3389, protocol="tcp")}


def test_ipv4_address_and_asset_name_columns() -> None:
    assert detect_format(DATA / "tenable_ipv4_column.csv") == "nessus-csv"
    (host,) = parse_report(DATA / "tenable_ipv4_column.csv").hosts
    assert (host.address, host.hostnames) == ("198.51.100.44", frozenset({"db02.example.test"}))
    assert host.cve_ids == {"CVE-2014-3566"}
    assert host.ports == {Port(port=5432, protocol="tcp")}


@pytest.mark.parametrize("preamble", ["sep=;\n", "Vulnerability export\n\n"])
def test_lines_before_the_header_are_passed_over_by_detection_too(preamble: str) -> None:
    # the parser tolerates a few lines before its header (Excel's "sep=;" hint, a title); so does sniffing
    data = (
        preamble
        + "Plugin ID;CVE;Risk;Host;Protocol;Port;Name\n10863;CVE-2014-3566;Medium;192.0.2.60;tcp;443;x\n"
    )
    assert detect_format(io.BytesIO(data.encode())) == "nessus-csv"
    (host,) = parse_report(io.BytesIO(data.encode())).hosts
    assert (host.address, host.cve_ids) == ("192.0.2.60", frozenset({"CVE-2014-3566"}))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_excel_unicode_text(encoding: str) -> None:
    # Excel's "Unicode Text" save: UTF-16 with a BOM, TAB-delimited; read as if it were the UTF-8 export
    text = (
        "Plugin ID\tCVE\tRisk\tHost\tProtocol\tPort\tName\tPlugin Output\r\n"
        '51192\tCVE-2021-3449\tMedium\tsrv-münchen.example.test\ttcp\t443\tSSL\t"line 1\r\nline 2"\r\n'
        "51192\tCVE-2021-3450\tMedium\t192.0.2.70\ttcp\t8443\tSSL\tx\r\n"
    )
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert detect_format(io.BytesIO(data)) == "nessus-csv"
    report = parse_report(io.BytesIO(data), strict=True)
    assert [h.address for h in report.hosts] == ["srv-münchen.example.test", "192.0.2.70"]
    assert report.cve_ids == {"CVE-2021-3449", "CVE-2021-3450"}
    assert report.host("192.0.2.70").ports == {Port(port=8443, protocol="tcp")}  # type: ignore[union-attr]
