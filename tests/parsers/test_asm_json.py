"""The generic futurevuls-asm v1 shape."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from futurevuls_ext import ParseError
from futurevuls_ext.parsers import Port, Severity, detect_format, parse_report

DATA = Path(__file__).parent / "data" / "asm"


@pytest.mark.parametrize("name", ["asm_assets.json", "asm_assets.jsonl"])
def test_assets(name: str) -> None:
    path = DATA / name
    assert detect_format(path) == "asm-json"
    report = parse_report(path)
    portal = report.host("portal.example.test")
    assert portal is not None
    assert portal.cve_ids == {"CVE-2021-44228"}
    assert portal.ports == {Port(port=8443, protocol="tcp")}
    assert portal.ip_addresses == {"192.0.2.70"}
    f = portal.findings[0]
    assert (f.severity, f.cvss, f.source_id, f.title) == (Severity.CRITICAL, 10.0, "log4j", "Log4Shell")
    ssh = report.host("192.0.2.71")
    assert ssh is not None and ssh.cve_ids == {"CVE-2024-6387"}
    dual = report.host("2001:db8::72")
    assert dual is not None and dual.ip_addresses == {"2001:db8::72", "192.0.2.72"}
    assert dual.hostnames == {"dual.example.test"}


def test_asset_without_target_is_skipped() -> None:
    report = parse_report(DATA / "asm_assets.json")
    assert report.skipped_count == 1


@pytest.mark.parametrize(
    "data",
    [
        b'{"format": "futurevuls-asm", "version": 2, "assets": [{"host": "a"}]}',
        b'{"format": "other", "assets": [{"host": "a"}]}',
        b'{"format": "futurevuls-asm", "version": 9}\n{"host": "a"}\n',
    ],
)
def test_wrong_format_or_version_is_refused(data: bytes) -> None:
    with pytest.raises(ParseError, match=r"version|format"):
        parse_report(io.BytesIO(data), format="asm-json")
