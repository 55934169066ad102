"""Variants seen in real exports (issue 18, second round), each reproduced by a small hand-made fixture.

Every test here failed on the parser before its fix; the docstring names the real layout it stands for.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from futurevuls_ext import ParseError, UnknownFormatError
from futurevuls_ext.parsers import Severity, detect_format, parse_report

DATA = Path(__file__).parent / "data"


def test_nessus_was_names_its_hosts_by_url_and_scores_by_cvss_cvssv3() -> None:
    """Nessus WAS: ``ReportHost@name`` and ``host-fqdn`` are URLs; scores are ``<cvssv3>``, ``<cvss>``."""
    report = parse_report(DATA / "nessus" / "was_web_app.nessus", strict=True)
    assert [h.address for h in report.hosts] == ["shop.example.test", "192.0.2.80"]
    shop, ip_host = report.hosts
    assert shop.hostnames == {"shop.example.test"} and not shop.ip_addresses
    assert shop.cve_ids == {"CVE-2020-11022"}  # <cve> only, never the see_also URL
    assert {str(p) for p in shop.ports} == {"8443/tcp"}
    assert [f.cvss for f in shop.findings] == [6.1, 2.6]  # v3 when given, else v2
    assert ip_host.ip_addresses == {"192.0.2.80"} and not ip_host.hostnames


def test_tenable_vm_findings_export_cvssv3_cvssv2_columns() -> None:
    """Tenable VM findings CSV: ``CVSSv3 Base Score`` / ``CVSSv2 Base Score`` (no space), numeric severity."""
    report = parse_report(DATA / "nessus_csv" / "tvm_cvssv3_columns.csv", strict=True)
    assert report.format == "nessus-csv"
    (host,) = report.hosts
    assert host.address == "192.0.2.5" and host.hostnames == {"web01.example.test"}
    assert [f.cvss for f in host.findings] == [None, 9.8, 5.0]  # v3, else v2
    assert [f.severity for f in host.findings] == [Severity.INFO, Severity.CRITICAL, Severity.INFO]


def test_qualys_scan_api_error_answer_is_refused_with_the_error() -> None:
    """Qualys ``fo/scan`` answer ``<SCAN value="None"><ERROR number="5000">``: not an empty report."""
    with pytest.raises(ParseError, match=r"ERROR 5000 \(Invalid value for 'ip'.*fetch the scan again"):
        parse_report(DATA / "qualys_xml" / "scan_api_error.xml")


def test_qualys_scan_down_host_is_skipped_and_error_warned() -> None:
    """``<IP value=".." status="down"/>`` is no host (never scanned); ``ERROR 3509`` becomes a warning."""
    report = parse_report(DATA / "qualys_xml" / "scan_down_host.xml", strict=True)
    assert [h.address for h in report.hosts] == ["192.0.2.20"]
    assert report.hosts[0].cve_ids == {"CVE-2021-41773"}
    assert [(s.location, s.reason) for s in report.skipped] == [
        ("IP[2] 192.0.2.21", "host status is 'down': it was not scanned")
    ]
    assert len(report.warnings) == 1 and "ERROR 3509 (No host alive...)" in report.warnings[0]


def test_gmp_error_answer_names_its_status() -> None:
    """``gvm-cli`` saves GMP's error answer (``<get_reports_response status="404" ...>``) as the report."""
    answer = b'<get_reports_response status="404" status_text="Failed to find report \'3f7c\'"/>\n'
    with pytest.raises(ParseError, match=r"GMP answer is an error.*status 404.*Failed to find report"):
        parse_report(io.BytesIO(answer), format="openvas")


def _zipped(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("banners.json", data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("pack", "says"),
    [
        (gzip.compress, r"gzip-compressed .*gunzip FILE"),
        (_zipped, r"a ZIP archive .*unzip FILE"),
    ],
    ids=["gzip", "zip"],
)
def test_compressed_report_is_named_as_an_archive(pack: Callable[[bytes], bytes], says: str) -> None:
    """``shodan download`` writes ``.json.gz``; downloads often come zipped: say so, not just 'unknown'."""
    banner = b'{"ip_str": "192.0.2.44", "port": 443, "transport": "tcp", "vulns": {"CVE-2021-44228": {}}}\n'
    with pytest.raises(UnknownFormatError, match=says):
        detect_format(io.BytesIO(pack(banner)))


_OPENVAS_WITH = (
    b'<report id="r" format_id="a994b278-1f62-11e1-96ac-406186ea4fc5"><report id="r"><gmp><version>9.0'
    b"</version></gmp><results><result><host>192.0.2.7</host><port>80/tcp</port>"
    b'<nvt oid="1.3.6.1.4.1.25623.1.0.10330"><name>Nikto</name></nvt><description>+ Server: %s'
    b"</description></result></results></report></report>"
)


@pytest.mark.parametrize(
    ("damage", "says"),
    [(b"\x1b[0;32m", r"control character \(byte 0x1b\).*tr -d"), (b"&#x1b;[0;32m", r"&#x1b;.*delete that")],
    ids=["raw-byte", "char-ref"],
)
def test_control_character_from_tool_output_names_the_fix(damage: bytes, says: str) -> None:
    """gvmd #969: Nikto results with terminal colour codes make the XML not well-formed."""
    with pytest.raises(ParseError, match=says):
        parse_report(io.BytesIO(_OPENVAS_WITH % damage), format="openvas")
