"""Shodan host JSON and banner JSON Lines parser on hand-made fixtures."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from futurevuls_ext import ParseError
from futurevuls_ext.parsers import Port, detect_format, parse_report

DATA = Path(__file__).parent / "data" / "asm"


def test_host_json_union_of_host_and_banner_vulns() -> None:
    path = DATA / "shodan_host.json"
    assert detect_format(path) == "shodan"
    report = parse_report(path)
    assert [h.address for h in report.hosts] == ["192.0.2.60"]
    host = report.hosts[0]
    assert host.cve_ids == {"CVE-2021-40438", "CVE-2021-41773"}  # MS17-010 is not a CVE id
    assert host.hostnames == {"host1.example.test", "www.example.test"}
    assert host.ports == {
        Port(port=80, protocol="tcp"),
        Port(port=443, protocol="tcp"),
        Port(port=161, protocol="udp"),
        Port(port=8080, protocol="tcp"),
    }
    banner = host.findings[0]
    assert (banner.product, banner.version, banner.service) == ("Apache httpd", "2.4.49", "http")
    assert banner.cpes == ("cpe:2.3:a:apache:http_server:2.4.49",)


def test_banner_lines() -> None:
    report = parse_report(DATA / "shodan_banners.jsonl", format="shodan")
    one = report.host("192.0.2.61")
    assert one is not None and one.cve_ids == {"CVE-2023-38408"} and one.hostnames == {"b.example.test"}
    assert report.host("192.0.2.62") is not None


def test_not_shodan() -> None:
    with pytest.raises(ParseError):
        parse_report(io.BytesIO(b'{"ip_str": "not-an-ip"}'), format="shodan")
