"""Qualys WAS scan report CSV parser on a hand-made fixture."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from futurevuls_ext import ParseError
from futurevuls_ext.parsers import Port, Severity, detect_format, parse_report

DATA = Path(__file__).parent / "data" / "qualys"


def test_was_report_hosts_ports_and_glossary() -> None:
    path = DATA / "was_report.csv"
    assert detect_format(path) == "qualys-was-csv"
    report = parse_report(path)
    app = report.host("app.example.test")
    assert app is not None
    assert app.ports == {Port(port=443, protocol="tcp"), Port(port=8080, protocol="tcp")}
    xss = app.findings[0]
    assert (xss.source_id, xss.title, xss.severity, xss.cvss) == (
        "150001",
        "Reflected XSS",
        Severity.CRITICAL,
        4.3,
    )
    ip_host = report.host("198.51.100.9")
    assert ip_host is not None and ip_host.ip_addresses == {"198.51.100.9"}
    # WAS has no CVE column: ids in evidence and diagnostics are never findings
    assert report.cve_ids == frozenset()
    assert len(report.hosts) == 2


def test_was_truncated_in_results() -> None:
    data = (DATA / "was_report.csv").read_bytes()
    cut = data[: data.index(b'"VULNERABILITY","3"') + 30]
    report = parse_report(io.BytesIO(cut), format="qualys-was-csv")
    assert [h.address for h in report.hosts] == ["app.example.test"]
    assert any("truncated" in w for w in report.warnings)


def test_not_a_was_report() -> None:
    with pytest.raises(ParseError, match="VULNERABILITY"):
        parse_report(io.BytesIO(b'"IP","QID"\n"192.0.2.1","1"\n'), format="qualys-was-csv")


@pytest.mark.parametrize(
    ("v3", "expected"),
    [("6.1", 6.1), ("", 4.3), ("61", 4.3), ("-", 4.3)],  # empty, out of range or "-": the v2 score
)
def test_was_glossary_cvss_v3_first(v3: str, expected: float) -> None:
    data = (DATA / "was_report.csv").read_bytes()
    header = b'"CWE","CVSS Base","CVSS Temporal",'
    assert data.count(header) == 1, "the fixture changed"
    data = data.replace(header, b'"CWE","CVSS Base","CVSS Temporal","CVSS V3 Base",')
    data = data.replace(b'"CWE-79","4.3","3.9",', b'"CWE-79","4.3","3.9","' + v3.encode() + b'",')
    report = parse_report(io.BytesIO(data), format="qualys-was-csv")
    app = report.host("app.example.test")
    assert app is not None
    assert [f.cvss for f in app.findings if f.source_id == "150001"] == [expected]
