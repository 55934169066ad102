from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from futurevuls_ext.parsers import (
    Finding,
    ParseContext,
    ParseError,
    Port,
    Registry,
    ScanReport,
    TruncatedReportError,
    _api,
    detect_format,
    group_findings,
    iter_findings,
    parse_report,
)

from ._fakes import LineParser


@pytest.fixture
def reg(empty_registry: Registry, monkeypatch: pytest.MonkeyPatch) -> Registry:
    empty_registry.register(LineParser)
    monkeypatch.setattr(_api, "registry", empty_registry)
    return empty_registry


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(text)
    return path


COMPLETE = "LINES\n10.0.0.1 CVE-2020-0001 22\n10.0.0.1 CVE-2020-0002 0\nhost-end\nweb - 443\nhost-end\nEND\n"


@pytest.mark.usefixtures("reg")
def test_parse_report_groups_findings_by_address(tmp_path: Path) -> None:
    report = parse_report(_write(tmp_path, COMPLETE))
    assert report.format == "lines"
    assert report.source.endswith("report.txt")
    assert [h.address for h in report.hosts] == ["10.0.0.1", "web"]
    first = report.hosts[0]
    assert first.cve_ids == {"CVE-2020-0001", "CVE-2020-0002"}
    assert first.ports == {Port(port=22, protocol="tcp")}
    assert first.ip_addresses == {"10.0.0.1"}  # an IP address is one of the host's IPs
    assert report.hosts[1].ip_addresses == frozenset()
    assert report.cve_ids == {"CVE-2020-0001", "CVE-2020-0002"}
    assert report.host("web") is report.hosts[1]
    assert report.host("nothing") is None
    assert not report.warnings


@pytest.mark.usefixtures("reg")
def test_sources_can_be_streams_seekable_or_not(tmp_path: Path) -> None:
    data = COMPLETE.encode()
    assert detect_format(io.BytesIO(data)) == "lines"
    assert len(parse_report(io.BytesIO(data)).hosts) == 2

    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            chunk = self._data.read(min(len(buffer), 7))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    report = parse_report(io.BufferedReader(Pipe()))
    assert report.source == "<stream>"
    assert [h.address for h in report.hosts] == ["10.0.0.1", "web"]
    assert len(list(iter_findings(io.BufferedReader(Pipe())))) == 3


@pytest.mark.usefixtures("reg")
def test_stream_position_is_restored_after_detection() -> None:
    stream = io.BytesIO(b"junk" + COMPLETE.encode())
    stream.seek(4)
    assert detect_format(stream) == "lines"
    assert stream.tell() == 4


@pytest.mark.usefixtures("reg")
def test_truncated_after_a_complete_host_warns_or_raises_when_strict(tmp_path: Path) -> None:
    path = _write(tmp_path, "LINES\n10.0.0.1 CVE-2020-0001 22\nhost-end\n10.0.0.2 CVE-2020-0003 22\n")
    report = parse_report(path)
    assert [h.address for h in report.hosts] == ["10.0.0.1"]
    assert len(report.warnings) == 1
    assert "truncated" in report.warnings[0]
    assert "line 4" in report.warnings[0]
    with pytest.raises(TruncatedReportError, match="no END line"):
        parse_report(path, strict=True)
    # iter_findings yields the complete host, then raises
    seen: list[Finding] = []
    with pytest.raises(TruncatedReportError):
        seen.extend(iter_findings(path))
    assert [f.address for f in seen] == ["10.0.0.1"]


@pytest.mark.usefixtures("reg")
def test_truncated_before_any_complete_host_raises(tmp_path: Path) -> None:
    with pytest.raises(TruncatedReportError) as info:
        parse_report(_write(tmp_path, "LINES\n10.0.0.1 CVE-2020-0001 22\n"))
    assert info.value.source is not None
    assert info.value.source.endswith("report.txt")


@pytest.mark.usefixtures("reg")
def test_foreign_exceptions_become_parse_errors(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match=r"\[lines\].*internal parser failure: ValueError: boom") as info:
        parse_report(_write(tmp_path, "LINES\nboom\n"))
    assert isinstance(info.value.__cause__, ValueError)


@pytest.mark.usefixtures("reg")
def test_skipped_records_are_counted_beyond_the_detail_cap(tmp_path: Path) -> None:
    report = parse_report(_write(tmp_path, "LINES\nbad\n10.0.0.1 - 22\nbad line\nEND\n"))
    assert report.skipped_count == 2
    assert [s.location for s in report.skipped] == ["line 2", "line 4"]
    ctx = ParseContext(skip_cap=1)
    for i in range(5):
        ctx.skip(f"line {i}", "x")
    assert ctx.skipped_count == 5
    assert len(ctx.skipped) == 1


@pytest.mark.usefixtures("reg")
def test_forced_format_and_unknown_format(tmp_path: Path) -> None:
    path = _write(tmp_path, "not a lines file\nEND\n")
    with pytest.raises(ParseError, match="unknown report format"):
        parse_report(path)
    assert parse_report(path, format="lines").hosts == ()
    with pytest.raises(ParseError, match="unknown format 'nessus'") as info:
        parse_report(path, format="nessus")
    assert info.value.source == str(path)


@pytest.mark.usefixtures("reg")
def test_missing_files_and_text_streams_are_parse_errors(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="cannot open report") as info:
        parse_report(tmp_path / "missing.nessus")
    assert info.value.source is not None
    assert info.value.source.endswith("missing.nessus")
    with pytest.raises(ParseError, match="binary mode"):
        parse_report(io.StringIO("LINES\n"))  # type: ignore[arg-type]


def test_group_findings_merges_names_ips_ports_and_keeps_order() -> None:
    findings = [
        Finding(address="h", hostnames=("a.example",), ip="192.0.2.1", port=80, protocol="tcp"),
        Finding(address="other"),
        Finding(
            address="h",
            hostnames=("b.example",),
            ip_addresses=("2001:db8::1",),
            cve_ids=frozenset({"CVE-1999-0001"}),
        ),
        Finding(address="h", port=53, protocol=None),  # a port without protocol is not an open port
    ]
    hosts = group_findings(findings)
    assert [h.address for h in hosts] == ["h", "other"]
    h = hosts[0]
    assert h.hostnames == {"a.example", "b.example"}
    assert h.ip_addresses == {"192.0.2.1", "2001:db8::1"}
    assert h.ports == {Port(port=80, protocol="tcp")}
    assert h.cve_ids == {"CVE-1999-0001"}
    assert len(h.findings) == 3
    report = ScanReport(format="x", source="y", hosts=hosts)
    assert report.host("B.EXAMPLE") is h
    assert report.host("2001:db8::1") is h
    assert len(report.findings) == 4


def test_parse_report_can_drop_findings_and_keep_hosts() -> None:
    import futurevuls_ext.parsers as parsers

    sample = Path(__file__).parent / "data" / "nessus" / "multi.nessus"
    full = parsers.parse_report(sample)
    light = parsers.parse_report(sample, keep_findings=False)
    assert [(h.address, h.cve_ids, h.ports, h.hostnames) for h in light.hosts] == [
        (h.address, h.cve_ids, h.ports, h.hostnames) for h in full.hosts
    ]
    assert all(h.findings == () for h in light.hosts)
    assert any(h.findings for h in full.hosts)
