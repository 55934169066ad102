"""Qualys VM XML parser on hand-made fixtures (tests/parsers/data/qualys_xml)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from futurevuls_ext import ParseError
from futurevuls_ext.parsers import Port, Severity, TruncatedReportError, detect_format, parse_report

DATA = Path(__file__).parent / "data" / "qualys_xml"


def test_scan_report() -> None:
    path = DATA / "scan.xml"
    assert detect_format(path) == "qualys-xml"  # the external DTD is accepted (never fetched)
    report = parse_report(path)
    assert [h.address for h in report.hosts] == ["192.0.2.10", "192.0.2.11"]
    web = report.host("192.0.2.10")
    assert web is not None and web.hostnames == {"web01.example.test"}
    # CVE_ID_LIST of VULN and PRACTICE, the old cveid attribute; never diagnosis, result or URL text
    assert web.cve_ids == {"CVE-2023-31122", "CVE-2023-43622", "CVE-2004-0230", "CVE-2011-3389"}
    assert web.ports == {Port(port=22, protocol="tcp"), Port(port=443, protocol="tcp")}
    assert {f.source_id for f in web.findings} == {"6", "82023", "13607", "82054", "42366"}
    apache = next(f for f in web.findings if f.source_id == "13607")
    assert (apache.severity, apache.cvss) == (Severity.HIGH, 7.5)
    bare = report.host("192.0.2.11")
    assert bare is not None and bare.hostnames == frozenset()  # "No registered hostname" is no name


def test_asset_data_report_joins_the_glossary() -> None:
    report = parse_report(DATA / "asset_data.xml")
    assert report.format == "qualys-xml"
    assert [h.address for h in report.hosts] == ["198.51.100.20", "198.51.100.21"]  # not the risk summary
    app = report.host("198.51.100.20")
    assert app is not None
    assert app.cve_ids == {"CVE-2008-5161"}  # CVE-2099-0001 is in the glossary but on no host
    assert app.hostnames == {"app.example.test", "APP"}
    assert app.ports == {Port(port=22, protocol="tcp"), Port(port=123, protocol="udp")}


def test_host_list_vm_detection_has_qids_no_cves() -> None:
    report = parse_report(DATA / "detection.xml")
    (host,) = report.hosts
    assert host.address == "203.0.113.40"
    assert {"dc.example.test", "DC"} <= host.hostnames
    assert host.cve_ids == frozenset()
    assert [(f.source_id, f.severity) for f in host.findings] == [
        ("90007", Severity.LOW),
        ("105936", Severity.HIGH),
    ]
    assert host.ports == {Port(port=445, protocol="tcp")}


def test_was_report_refused_with_advice() -> None:
    path = DATA / "was.xml"
    assert detect_format(path) == "qualys-xml"
    with pytest.raises(ParseError, match="qualys-was-csv"):
        parse_report(path)


def test_other_root_and_entities_refused() -> None:
    with pytest.raises(ParseError, match="unsupported root <OTHER>"):
        parse_report(io.BytesIO(b"<OTHER/>"), format="qualys-xml")
    bomb = b'<!DOCTYPE SCAN [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><SCAN>&b;</SCAN>'
    with pytest.raises(ParseError, match="EntitiesForbidden"):
        parse_report(io.BytesIO(bomb), format="qualys-xml")


def test_truncated_scan_keeps_complete_hosts() -> None:
    data = (DATA / "scan.xml").read_bytes()
    cut = data[: data.index(b'<IP value="192.0.2.11"') + 30]
    report = parse_report(io.BytesIO(cut), format="qualys-xml")
    assert [h.address for h in report.hosts] == ["192.0.2.10"]
    with pytest.raises(TruncatedReportError):
        parse_report(io.BytesIO(cut), format="qualys-xml", strict=True)


def test_host_list_output_and_api_error_answer() -> None:
    hosts = (
        b'<?xml version="1.0"?>\n<!DOCTYPE HOST_LIST_OUTPUT SYSTEM "https://x.invalid/host_list_output.dtd">'
        b"<HOST_LIST_OUTPUT><RESPONSE><HOST_LIST><HOST><ID>1</ID><IP>192.0.2.5</IP>"
        b"<DNS><![CDATA[a.example.test]]></DNS></HOST></HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>"
    )
    assert detect_format(io.BytesIO(hosts)) == "qualys-xml"
    (host,) = parse_report(io.BytesIO(hosts)).hosts
    assert (host.address, host.hostnames, host.cve_ids) == (
        "192.0.2.5",
        frozenset({"a.example.test"}),
        frozenset(),
    )
    error = b"<SIMPLE_RETURN><RESPONSE><CODE>1965</CODE><TEXT>bad</TEXT></RESPONSE></SIMPLE_RETURN>"
    assert detect_format(io.BytesIO(error)) == "qualys-xml"
    with pytest.raises(ParseError, match="API error"):
        parse_report(io.BytesIO(error))


def test_detection_page_with_more_records_warns() -> None:
    # the API answers a long host list page by page: a RESPONSE/WARNING (code 1980) names the next page
    data = (
        (DATA / "detection.xml")
        .read_bytes()
        .replace(
            b"</HOST_LIST>",
            b"</HOST_LIST><WARNING><CODE>1980</CODE><TEXT>1000 record limit exceeded."
            b" Use URL to get next batch</TEXT><URL><![CDATA[https://qualysapi.example.invalid/api/2.0/fo/asset/host/vm/detection/"
            b"?action=list&id_min=2]]></URL></WARNING>",
        )
    )
    report = parse_report(io.BytesIO(data), format="qualys-xml")
    assert [h.address for h in report.hosts] == ["203.0.113.40"]
    (warning,) = report.warnings
    assert "one page of a longer list" in warning and "id_min=2" in warning
    assert not parse_report(DATA / "detection.xml").warnings
