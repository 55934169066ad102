"""Variants seen in real exports (issue 18, third round), each reproduced by a small hand-made fixture.

Every test here failed on the parser before its fix; the docstring names the real layout it stands for.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from futurevuls_ext import ParseError
from futurevuls_ext._numbers import ascii_port
from futurevuls_ext.parsers import Severity, detect_format, parse_report

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("name", "ports"),
    [("detection_indented.xml", {"3389/tcp", "161/udp"}), ("asset_data_indented.xml", {"8443/tcp"})],
)
def test_qualys_ports_survive_deep_indentation(name: str, ports: set[str]) -> None:
    """Qualys API answers indent 3 spaces a level: ``<PORT>3389</PORT>`` reads as 3389 and 18 blanks.

    Such a cell (the element's text up to the next start tag) is longer than a port may be, and the
    port was lost; only the white space is dropped, a long cell of anything else is still no port.
    """
    report = parse_report(DATA / "qualys_xml" / name, strict=True)
    (host,) = report.hosts
    assert {str(p) for p in host.ports} == ports
    assert all(f.port is not None for f in host.findings)


def test_ascii_port_ignores_long_white_space_only() -> None:
    """The length bound applies to what is left after the white space, not to the padded cell."""
    assert ascii_port("3389\n" + " " * 40) == 3389
    assert ascii_port(" " * 20 + "443\t") == 443
    assert ascii_port("3389" + "0" * 20) is None
    assert ascii_port("3389 x" + " " * 20) is None


def test_gmp_answer_without_details_says_how_to_fetch_the_results() -> None:
    """``<get_reports/>`` (python-gvm ``get_reports()``, gvm-cli) lists reports without their results.

    That answer was refused as "not an OpenVAS/GVM report"; it is one, fetched without ``details="1"``.
    """
    with pytest.raises(ParseError, match=r'lists 2 report\(s\) without their results.*details="1"'):
        parse_report(DATA / "openvas" / "gmp_no_details.xml")


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (
            b'<get_reports_response status="200"><report_count>0</report_count></get_reports_response>',
            "no report",
        ),
        (b'<get_results_response status="200"><filters id=""/></get_results_response>', "no result"),
    ],
)
def test_empty_gmp_answers_say_what_is_empty(data: bytes, says: str) -> None:
    """An answer whose filter matched nothing is named as such, not as a file of another format."""
    with pytest.raises(ParseError, match=f"the GMP answer holds {says}"):
        parse_report(io.BytesIO(data), format="openvas")


def test_asset_data_report_takes_title_severity_and_cvss_from_the_glossary() -> None:
    """A real ``ASSET_DATA_REPORT``'s ``VULN_INFO`` has only the QID, port and result.

    Its title, severity and CVSS are in ``GLOSSARY/VULN_DETAILS``, as its CVE ids are; every finding had
    none. A CVE named in the glossary's exploit ``CORRELATION`` is still no CVE of the QID.
    """
    report = parse_report(DATA / "qualys_xml" / "asset_data_glossary.xml", strict=True)
    (host,) = report.hosts
    poodle, timestamp = host.findings
    assert (poodle.source_id, poodle.title, poodle.severity, poodle.cvss) == (
        "38603",
        "SSLv3 Padding Oracle Attack (POODLE)",
        Severity.MEDIUM,
        4.3,
    )
    assert poodle.cve_ids == {"CVE-2014-3566"}
    assert (timestamp.title, timestamp.severity, timestamp.cvss) == (
        "ICMP Timestamp Request",
        Severity.INFO,
        None,
    )


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("csv_hosts.csv", r'"CSV Hosts" export .*"CSV Results" format'),
        ("gmp_get_tasks.xml", r"GMP <get_tasks_response> answer, not a report: fetch the report itself"),
    ],
)
def test_other_gvm_downloads_are_named_with_what_to_fetch(name: str, says: str) -> None:
    """GSA's "CSV Hosts" summary and a GMP ``get_tasks`` answer hold no results.

    Both were an unknown format (no parser recognised them); they are recognised and refused with what
    to download instead.
    """
    path = DATA / "openvas" / name
    assert detect_format(path) == ("openvas-csv" if name.endswith(".csv") else "openvas")
    with pytest.raises(ParseError, match=says):
        parse_report(path)


def test_tenable_sc_severity_column_wins_over_the_legacy_risk_factor() -> None:
    """Tenable.sc exports (DefectDojo issue_9612 / issue_11102) hold ``Severity`` and ``Risk Factor``.

    ``Severity`` is what Tenable.sc shows (CVSS v3 based, recast risk included); ``Risk Factor`` is the
    plugin's CVSS v2 level. The first found alias was ``Risk Factor``: SWEET32 read Medium, not High.
    """
    report = parse_report(DATA / "nessus_csv" / "tenable_sc_severity_and_risk_factor.csv", strict=True)
    (host,) = report.hosts
    assert [(f.source_id, f.severity) for f in host.findings] == [
        ("42873", Severity.HIGH),
        ("51192", Severity.LOW),
    ]
