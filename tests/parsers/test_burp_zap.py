"""Burp Suite XML and OWASP ZAP XML/JSON parsers on hand-made fixtures (tests/parsers/data/{burp,zap})."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from futurevuls_ext import ParseError
from futurevuls_ext.parsers import Port, Severity, TruncatedReportError, detect_format, parse_report

DATA = Path(__file__).parent / "data"
_JQUERY = {"CVE-2020-11022", "CVE-2019-11358", "CVE-2015-9251"}


def test_burp_issues() -> None:
    path = DATA / "burp" / "issues.xml"
    assert detect_format(path) == "burp"  # the internal DTD of ELEMENT/ATTLIST declarations is accepted
    report = parse_report(path)
    assert [h.address for h in report.hosts] == ["198.51.100.80", "api.example.test"]
    shop = report.host("198.51.100.80")
    assert shop is not None and shop.hostnames == {"shop.example.test"}
    # ids named by URL paths/queries in references and classifications; never issueDetail, nor a URL host
    assert shop.cve_ids == _JQUERY
    assert shop.ports == {Port(port=443, protocol="tcp"), Port(port=80, protocol="tcp")}  # http+https merge
    assert [f.severity for f in shop.findings] == [Severity.LOW, Severity.HIGH]
    assert shop.findings[0].source_id == "5245344"
    api = report.host("api.example.test")  # @ip is not an IP: keyed by the URL host, port from the URL
    assert api is not None and api.ip_addresses == frozenset()
    assert api.ports == {Port(port=8443, protocol="tcp")}


def test_burp_entity_refused_and_wrong_root() -> None:
    data = (DATA / "burp" / "issues.xml").read_bytes()
    hostile = data.replace(b"<!ELEMENT issues (issue*)>", b'<!ENTITY xxe SYSTEM "file:///etc/passwd">', 1)
    with pytest.raises(ParseError, match="EntitiesForbidden"):
        parse_report(io.BytesIO(hostile), format="burp")
    with pytest.raises(ParseError, match="<issues> root"):
        parse_report(io.BytesIO(b"<items/>"), format="burp")


def test_burp_truncated() -> None:
    data = (DATA / "burp" / "issues.xml").read_bytes()
    cut = data[: data.index(b"<serialNumber>3<") + 5]
    report = parse_report(io.BytesIO(cut), format="burp")
    assert [h.address for h in report.hosts] == ["198.51.100.80"]
    with pytest.raises(TruncatedReportError):
        parse_report(io.BytesIO(cut), format="burp", strict=True)


@pytest.mark.parametrize("name", ["report.xml", "report.json"])
def test_zap_sites_are_hosts(name: str) -> None:
    path = DATA / "zap" / name
    assert detect_format(path) == "zap"
    report = parse_report(path)
    assert [h.address for h in report.hosts] == ["app.example.test", "198.51.100.90"]
    app = report.host("app.example.test")
    assert app is not None
    assert app.ports == {Port(port=443, protocol="tcp"), Port(port=80, protocol="tcp")}
    # reference URLs and tags only: otherinfo, desc and evidence are free text
    # (CVE-2020-11022 is only in otherinfo; the XML's second tag link names CVE-2012-6708 in its query)
    expected = {"CVE-2019-11358", "CVE-2015-9251"} | ({"CVE-2012-6708"} if name == "report.xml" else set())
    assert app.cve_ids == expected
    alert = next(f for f in app.findings if f.source_id == "10003")
    assert (alert.severity, alert.title) == (Severity.MEDIUM, "Vulnerable JS Library")
    empty = report.host("198.51.100.90")  # a site without alerts is still a host
    assert empty is not None and empty.ports == {Port(port=8080, protocol="tcp")}


def test_zap_xml_truncated_and_hostile() -> None:
    data = (DATA / "zap" / "report.xml").read_bytes()
    cut = data[: data.index(b"<pluginid>10038") + 5]
    report = parse_report(io.BytesIO(cut), format="zap")
    assert [h.address for h in report.hosts] == ["app.example.test"]
    assert any("truncated" in w for w in report.warnings)
    bomb = b'<!DOCTYPE OWASPZAPReport [<!ENTITY a "aaaa">]><OWASPZAPReport>&a;</OWASPZAPReport>'
    with pytest.raises(ParseError, match="EntitiesForbidden"):
        parse_report(io.BytesIO(bomb), format="zap")


def test_zap_json_truncated_and_wrong_shape() -> None:
    data = (DATA / "zap" / "report.json").read_bytes()
    cut = data[: data.index(b'"@name": "http://198.51.100.90')]
    report = parse_report(io.BytesIO(cut), format="zap")
    assert [h.address for h in report.hosts] == ["app.example.test"]
    with pytest.raises(TruncatedReportError):
        parse_report(io.BytesIO(cut), format="zap", strict=True)
    with pytest.raises(ParseError):
        parse_report(io.BytesIO(b'{"results": [1, 2]}'), format="zap")


def test_zap_ipv6_site_keyed_by_its_url() -> None:
    # ZAP writes host/port by splitting the site URL at ":", so an IPv6 site gets host="[2001" port="80"
    xml = (
        b'<?xml version="1.0"?><OWASPZAPReport version="2.14.0" generated="x">'
        b'<site name="http://[2001:db8::50]:8080" host="[2001" port="80" ssl="false"><alerts><alertitem>'
        b"<pluginid>10038</pluginid><alert>CSP Header Not Set</alert><riskcode>2</riskcode>"
        b"<reference>https://nvd.nist.gov/vuln/detail/CVE-2021-44228</reference></alertitem></alerts></site>"
        b'<site name="https://[2001:db8::50]" host="[2001" port="80" ssl="true"><alerts/></site>'
        b"</OWASPZAPReport>"
    )
    data = (
        b'{"@version": "2.14.0", "@generated": "x", "site": [{"@name": "http://[2001:db8::50]:8080",'
        b' "@host": "[2001", "@port": "80", "@ssl": "false", "alerts": []}]}'
    )
    for blob, ports in ((xml, {8080, 443}), (data, {8080})):
        (host,) = parse_report(io.BytesIO(blob), format="zap").hosts
        assert (host.address, host.ip_addresses) == ("2001:db8::50", frozenset({"2001:db8::50"}))
        assert host.ports == {Port(port=p, protocol="tcp") for p in ports}
    (host,) = parse_report(io.BytesIO(xml), format="zap").hosts
    assert host.cve_ids == {"CVE-2021-44228"}


def test_zap_licence_comment_before_the_xml_declaration_is_refused_with_the_fix() -> None:
    # REUSE tooling writes an SPDX comment before "<?xml ...?>" (secureCodeBox's ZAP reports): not well-formed
    data = (
        b"<!--\nSPDX-FileCopyrightText: the authors\n\nSPDX-License-Identifier: Apache-2.0\n-->\n\n"
        b'<?xml version="1.0"?><OWASPZAPReport version="D-2020-10-13" generated="x">\n'
        b'<site name="http://shop.example.test:3000" host="shop.example.test" port="3000" ssl="false">'
        b"<alerts></alerts></site></OWASPZAPReport>\n"
    )
    assert detect_format(io.BytesIO(data)) == "zap"
    with pytest.raises(ParseError, match="delete everything before '<\\?xml'") as info:
        parse_report(io.BytesIO(data))
    assert info.value.location == "line 7, column 0"
    (host,) = parse_report(io.BytesIO(data[data.index(b"<?xml") :])).hosts  # the fix it names works
    assert host.address == "shop.example.test"
