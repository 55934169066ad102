"""nuclei JSON / JSON Lines parser on hand-made fixtures."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from futurevuls_ext import ParseError
from futurevuls_ext.parsers import (
    Port,
    ScanReport,
    Severity,
    TruncatedReportError,
    detect_format,
    parse_report,
)
from futurevuls_ext.parsers._target import authority_host, split_target
from futurevuls_ext.parsers.nuclei import NucleiParser, is_nuclei_log_line

DATA = Path(__file__).parent / "data" / "asm"


def _hosts(report: ScanReport) -> dict[str, tuple[list[str], list[str], list[str]]]:
    return {
        h.address: (sorted(h.cve_ids), sorted(str(p) for p in h.ports), sorted(h.ip_addresses))
        for h in report.hosts
    }


def test_mixed_jsonl_every_rule() -> None:
    report = parse_report(DATA / "nuclei_mixed.jsonl")
    assert report.format == "nuclei"
    hosts = _hosts(report)
    # lower-case list, comma-joined scalar, and a CVE only in template-id
    assert hosts["ssh.example.test"] == (["CVE-2018-15473"], ["22/tcp"], ["192.0.2.21"])
    assert hosts["192.0.2.22"] == (["CVE-2016-6210", "CVE-2018-15473"], ["2222/tcp"], ["192.0.2.22"])
    assert hosts["app.example.test"][0] == ["CVE-2021-44228"]
    # the ip of a match on another host is not attributed; the matcher-status:false CVE is absent
    assert hosts["app.example.test"][2] == ["192.0.2.23"]
    assert "CVE-2020-0001" not in report.cve_ids
    # dns result: no port; javascript result with only url + port; old keys; bracketed IPv6
    assert hosts["mail.example.test"] == ([], [], [])
    assert hosts["js.example.test"] == ([], ["8081/tcp"], [])
    assert hosts["legacy.example.test"] == ([], ["8080/tcp"], ["192.0.2.30"])
    assert hosts["2001:db8::30"] == ([], ["8000/tcp"], ["2001:db8::30"])
    assert set(hosts) == {
        "ssh.example.test",
        "192.0.2.22",
        "app.example.test",
        "mail.example.test",
        "js.example.test",
        "legacy.example.test",
        "2001:db8::30",
    }
    reasons = " | ".join(s.reason for s in report.skipped)
    assert "matcher-status false" in reasons
    assert "names no target" in reasons
    assert "log line" in reasons
    assert "invalid JSON" in reasons
    assert any("log line" in w for w in report.warnings)


def test_finding_fields() -> None:
    report = parse_report(DATA / "nuclei_mixed.jsonl")
    host = report.host("ssh.example.test")
    assert host is not None
    finding = host.findings[0]
    assert finding.source_id == "CVE-2018-15473"
    assert finding.severity is Severity.HIGH
    assert finding.cvss == 7.5
    assert finding.scanner == "nuclei"
    assert finding.hostnames == ("ssh.example.test",)


@pytest.mark.parametrize("name", ["nuclei_array.json", "nuclei_single.json"])
def test_array_and_single_object(name: str) -> None:
    report = parse_report(DATA / name)
    host = report.host("rdp.example.test")
    assert host is not None
    assert host.cve_ids == {"CVE-2019-0708"}
    assert Port(port=3389, protocol="tcp") in host.ports


def test_detection_despite_leading_log_lines() -> None:
    assert detect_format(DATA / "nuclei_mixed.jsonl") == "nuclei"
    assert NucleiParser().sniff(b"IP,DNS,QID\n") == 0.0


def test_empty_output_is_an_empty_report() -> None:
    assert parse_report(io.BytesIO(b""), format="nuclei").hosts == ()


def test_truncated_last_line_keeps_complete_results() -> None:
    data = (DATA / "nuclei_array.json").read_bytes()
    lines = [json.dumps(r) for r in json.loads(data)]
    cut = (lines[0] + "\n" + lines[1][:40]).encode()
    report = parse_report(io.BytesIO(cut), format="nuclei")
    assert [h.address for h in report.hosts] == ["rdp.example.test"]
    assert any("truncated" in w for w in report.warnings)
    with pytest.raises(TruncatedReportError):
        parse_report(io.BytesIO(cut), format="nuclei", strict=True)


def test_not_nuclei_is_refused() -> None:
    with pytest.raises(
        ParseError, match=r"the only record is not a nuclei result; this is not a nuclei report$"
    ):
        parse_report(io.BytesIO(b'{"hello": "world"}\n'), format="nuclei")
    with pytest.raises(ParseError):
        parse_report(io.BytesIO(b"\x00\x01binary\xff" * 100), format="nuclei")


def test_log_line_recogniser() -> None:
    assert is_nuclei_log_line("[INF] Templates loaded")
    assert is_nuclei_log_line("   ____  __  _______/ /__  (_)")
    assert not is_nuclei_log_line("some random text")


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=40),
        st.builds(
            lambda s, h, p, rest: f"{s}{h}{p}{rest}",
            st.sampled_from(["", "http://", "https://", "/http://", "HTTPS://"]),
            st.sampled_from(["Example.test", "10.0.0.1", "[2001:db8::1]", "2001:db8::1", "u@h.test", ""]),
            st.sampled_from(["", ":443", ":0", ":99999", ":x"]),
            st.sampled_from(["", "/", "/a?b#c", "?q", "#f"]),
        ),
    )
)
def test_authority_host_agrees_with_split_target(value: str) -> None:
    assert authority_host(value) == split_target(value).host
