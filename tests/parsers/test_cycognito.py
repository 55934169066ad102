"""CyCognito issues export parser on a hand-made fixture."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from futurevuls_ext import ParseError
from futurevuls_ext.parsers import Port, Severity, detect_format, parse_report
from futurevuls_ext.parsers.cycognito import asset_target

DATA = Path(__file__).parent / "data" / "asm"


def test_issues_by_asset_type() -> None:
    path = DATA / "cycognito_issues.json"
    assert detect_format(path) == "cycognito"
    report = parse_report(path)
    ip_host = report.host("192.0.2.50")
    assert ip_host is not None
    assert ip_host.cve_ids == {"CVE-2002-20001", "CVE-2022-40735"}  # summary text not searched
    assert ip_host.ports == {Port(port=22, protocol="tcp")}
    first = ip_host.findings[0]
    assert (first.severity, first.cvss, first.source_id) == (Severity.MEDIUM, 7.5, "WLD-1")
    domain = report.host("www.example.test")
    assert (
        domain is not None
        and domain.cve_ids == {"CVE-2014-0160"}
        and domain.hostnames == {"www.example.test"}
    )
    assert report.host("shop.example.test") is not None
    assert report.host("cert/abc123") is not None
    assert report.skipped_count == 1


def test_asset_target_forms() -> None:
    assert asset_target("ip/2001:DB8::1") == ("2001:db8::1", (), ("2001:db8::1",))
    assert asset_target("webapp/https://a.example.test:8443/x") == ("a.example.test", ("a.example.test",), ())
    assert asset_target("iprange/192.0.2.0-192.0.2.9") == ("iprange/192.0.2.0-192.0.2.9", (), ())
    assert asset_target("nothing") is None


def test_not_cycognito() -> None:
    with pytest.raises(ParseError):
        parse_report(io.BytesIO(b'[{"title": "x"}]'), format="cycognito")
