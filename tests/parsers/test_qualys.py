"""Qualys VM / VMDR / PCI CSV parser on hand-made fixtures."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from futurevuls_ext import ParseError
from futurevuls_ext.parsers import Port, Severity, TruncatedReportError, detect_format, parse_report
from futurevuls_ext.parsers.qualys import QualysCsvParser, find_columns

DATA = Path(__file__).parent / "data" / "qualys"


def test_scan_report_after_preamble_with_decoy_table() -> None:
    path = DATA / "scan_report_preamble.csv"
    assert detect_format(path) == "qualys-csv"
    report = parse_report(path)
    assert [h.address for h in report.hosts] == ["192.0.2.10", "192.0.2.11", "2001:db8::20"]
    web = report.hosts[0]
    # comma-separated CVE cell, lower-case id normalised; the CVE in the Results text is not taken
    assert web.cve_ids == {"CVE-2023-48795", "CVE-2024-6387"}
    assert web.hostnames == {"web1.example.test", "WEB1"}
    assert web.ports == {Port(port=22, protocol="tcp"), Port(port=443, protocol="tcp")}
    first = web.findings[0]
    assert (first.source_id, first.severity, first.cvss) == ("38739", Severity.HIGH, 8.1)
    # Excel guard ="..." stripped; "No registered hostname" dropped; agent row without a port
    guarded = report.hosts[1]
    assert guarded.hostnames == frozenset()
    assert guarded.ports == frozenset()
    assert guarded.findings[0].severity is Severity.CRITICAL
    assert report.hosts[2].hostnames == {"v6.example.test"}
    assert "CVE-1999-0001" not in report.cve_ids


def test_vmdr_multi_address_cell_and_guarded_protocol() -> None:
    report = parse_report(DATA / "vmdr_cve_centric.csv")
    ws = report.host("198.51.100.100")
    assert ws is not None
    assert ws.ip_addresses == {"198.51.100.100", "198.51.100.101"}
    assert ws.ports == frozenset()  # Port 0 with Protocol '-
    assert report.host("198.51.100.101") is ws
    v6 = report.host("2001:db8::100")
    assert v6 is not None and v6.cve_ids == {"CVE-2023-0005"}
    agent = report.host("AGENTBOX")  # no address at all: keyed by its asset name
    assert agent is not None and agent.cve_ids == {"CVE-2023-0006"}
    assert report.hosts[0].findings[0].cvss == 3.1


def test_pci_unquoted_with_severity_letters() -> None:
    report = parse_report(DATA / "pci_unquoted.csv")
    shop = report.host("203.0.113.7")
    assert shop is not None
    assert shop.cve_ids == {"CVE-2020-0001", "CVE-2020-0002"}
    assert shop.findings[0].severity is Severity.MEDIUM
    assert shop.findings[0].title == "Windows path disclosed"
    assert report.host("203.0.113.8") is not None


def test_cells_over_the_default_csv_field_limit() -> None:
    big = "A" * 300_000
    data = f'IP,QID,CVE ID,Results\n192.0.2.1,1,CVE-2020-1234,"{big}"\n192.0.2.2,2,,x\n'.encode()
    report = parse_report(io.BytesIO(data), format="qualys-csv")
    assert [h.address for h in report.hosts] == ["192.0.2.1", "192.0.2.2"]


def test_truncated_inside_a_multi_line_cell() -> None:
    data = (DATA / "scan_report_preamble.csv").read_bytes()
    cut = data[: data.index(b"line two")]
    with pytest.raises(ParseError, match="quoted cell"):  # nothing complete before the cut
        parse_report(io.BytesIO(cut), format="qualys-csv")
    data2 = data[: data.index(b"+SUM")]
    report = parse_report(io.BytesIO(data2), format="qualys-csv")
    assert [h.address for h in report.hosts] == ["192.0.2.10"]
    assert any("truncated" in w for w in report.warnings)
    with pytest.raises(TruncatedReportError, match="line"):
        parse_report(io.BytesIO(data2), format="qualys-csv", strict=True)


def test_cut_inside_the_last_cell_of_a_later_row() -> None:
    data = b'"IP","QID","Results"\n"192.0.2.1","1","done"\n"192.0.2.2","2","multi\nline cut'
    report = parse_report(io.BytesIO(data), format="qualys-csv")
    assert [h.address for h in report.hosts] == ["192.0.2.1"]
    assert any("quoted cell" in w for w in report.warnings)


@pytest.mark.parametrize(
    ("tail", "where"),
    [
        (b'"192.0.2.2","2","multi\nline cut', "line 4"),  # inside a later row's multi-line cell
        (b'"192.0.2.2","2","multi\n', "line 3"),  # just after a newline inside that cell
        (b'"192.0.2.', "line 3"),  # inside the first cell: a short last row
    ],
)
def test_a_cut_file_names_the_line_of_the_cut(tail: bytes, where: str) -> None:
    data = b'"IP","QID","Results"\n"192.0.2.1","1","done"\n' + tail
    report = parse_report(io.BytesIO(data), format="qualys-csv")
    assert [h.address for h in report.hosts] == ["192.0.2.1"]
    assert [t.location for t in report.truncations] == [where]


@pytest.mark.parametrize("end", [b"", b"\n", b"\r\n", b"\n\n\n"])
def test_a_complete_file_is_not_a_cut_whatever_its_last_line_ending(end: bytes) -> None:
    data = b'"IP","QID","Results"\r\n"192.0.2.1","1","done"\r\n"192.0.2.2","2","two\nlines"' + end
    report = parse_report(io.BytesIO(data), format="qualys-csv")
    assert [h.address for h in report.hosts] == ["192.0.2.1", "192.0.2.2"]
    assert report.truncations == ()
    assert report.warnings == ()


def test_stray_quote_in_an_unquoted_export_is_not_a_cut() -> None:
    data = b'IP,QID,VULN TITLE\n192.0.2.1,1,5" panel exposed\n192.0.2.2,2,ok\n'
    report = parse_report(io.BytesIO(data), format="qualys-csv")
    assert [h.address for h in report.hosts] == ["192.0.2.1", "192.0.2.2"]
    assert report.warnings == ()


def test_short_row_in_the_middle_is_skipped() -> None:
    data = b"IP,QID,Port,Protocol\n192.0.2.1,1,80,tcp\n192.0.2.9\n192.0.2.2,2,22,tcp\n"
    report = parse_report(io.BytesIO(data), format="qualys-csv")
    assert [h.address for h in report.hosts] == ["192.0.2.1", "192.0.2.2"]
    assert report.skipped[0].location == "line 3"


def test_not_a_qualys_csv() -> None:
    with pytest.raises(ParseError, match="no Qualys detection header"):
        parse_report(io.BytesIO(b"a,b,c\n1,2,3\n"), format="qualys-csv")
    with pytest.raises(ParseError):
        parse_report(io.BytesIO(b"IP,QID\n\x00\x00\x00"), format="qualys-csv")


def test_huge_single_line_non_report_fails_after_the_preamble_limit() -> None:
    class Endless(io.RawIOBase):
        served = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            view = memoryview(buffer).cast("B")
            view[:] = b"A" * len(view)
            self.served += len(view)
            return len(view)

    source = Endless()
    with pytest.raises(ParseError, match="before any header"):
        parse_report(io.BufferedReader(source), format="qualys-csv")
    assert source.served < 16 * 1024 * 1024


def test_header_recognition() -> None:
    assert find_columns(["IP", "Network", "Total Vulnerabilities", "Security Risk"]) is None
    columns = find_columns(["Asset IPV4", "QID", "CVSS Base", "CVSS3.1 Base"])
    assert columns is not None and columns["cvss"] == 3
    assert find_columns(['="IP"', "cveid"]) is not None
    assert QualysCsvParser().sniff(b'"Title"\n"IP","QID"\n') == 0.9
    assert QualysCsvParser().sniff(b"<NessusClientData_v2>") == 0.0
