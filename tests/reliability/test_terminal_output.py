"""Issue 15 item 8: control characters from reports never reach the terminal raw; ``--json`` stays exact.

Host names (nuclei ``host``, a Qualys DNS cell) and names from the API may hold ANSI escapes, CR, LF,
C1 controls and bidi overrides. Every human-readable output escapes them: ``summary()``, the CLI text
output (both streams), reprs. JSON output carries the exact strings.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import futurevuls_ext as fv
from futurevuls_ext._printable import EscapingWriter, printable
from futurevuls_ext.cli import main
from futurevuls_ext.parsers import parse_report
from futurevuls_ext.testing import FakeFutureVuls

CLEAR = "\x1b[2J\x1b[H"  # clear the screen, cursor home
HOSTILE = [
    f"evil{CLEAR}.example.test",
    "web\nINFO forged log line.example.test",
    "cr\roverwrite.example.test",
    "csi\x9b31m.example.test",  # C1 CSI
    "bidi\u202eexe.txt.example.test",  # right-to-left override
    "bell\x07.example.test",
]
RAW_CONTROLS = ["\x1b", "\r", "\x9b", "\u202e", "\x07"]


def _nuclei(hosts: list[str]) -> bytes:
    records = [
        {
            "template-id": "CVE-2021-44228",
            "info": {"name": f"t{i}", "severity": "high", "classification": {"cve-id": ["CVE-2021-44228"]}},
            "type": "http",
            "host": f"https://{host}",
            "matched-at": f"https://{host}/",
        }
        for i, host in enumerate(hosts)
    ]
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def _clean(text: str, *, lines: int | None = None) -> None:
    for raw in RAW_CONTROLS:
        assert raw not in text, f"raw {raw!r} in output: {text!r}"
    if lines is not None:
        assert text.count("\n") <= lines, f"a host name's newline split the output: {text!r}"


@pytest.fixture
def fake() -> Iterator[FakeFutureVuls]:
    with FakeFutureVuls() as running:
        running.add_server("web01", ipv4="10.0.0.1")
        yield running


@pytest.fixture
def report_path(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(_nuclei(HOSTILE))
    return path


def test_the_parser_keeps_the_hostile_names(report_path: Path) -> None:
    """The premise: these names reach the outputs (canonicalised, control characters intact)."""
    report = parse_report(report_path)
    assert len(report.hosts) == len(HOSTILE)
    assert any("\x1b" in h.address for h in report.hosts)
    assert any("\n" in h.address for h in report.hosts)


def test_import_summary_escapes_host_names(fake: FakeFutureVuls, report_path: Path) -> None:
    with fv.Client(fake.token, base_url=fake.url) as client:
        result = client.import_report(report_path, dry_run=True)
    assert len(result.unresolved) == len(HOSTILE)
    summary = result.summary()
    _clean(summary, lines=1 + len(HOSTILE) + 2)
    assert "evil\\x1b[2j" in summary  # shown, escaped
    assert str(result) == summary
    _clean(repr(result))


def test_report_and_host_reprs_escape(report_path: Path) -> None:
    report = parse_report(report_path)
    _clean(repr(report))
    for host in report.hosts:
        _clean(repr(host))


def test_cli_text_output_is_escaped_and_json_is_exact(
    fake: FakeFutureVuls,
    report_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FUTUREVULS_API_TOKEN", fake.token)
    argv = ["import", str(report_path), "--dry-run", "--base-url", fake.url]
    assert main(argv) == 1  # unresolved hosts
    out = capsys.readouterr()
    _clean(out.out, lines=1 + len(HOSTILE) + 3)
    _clean(out.err)
    assert main([*argv, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    hosts = {row["host"] for result in data for row in result["unresolved"]}
    assert hosts == {h.address for h in parse_report(report_path).hosts}  # exact, control characters kept


def test_cli_error_messages_are_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"bad{CLEAR}\r.nessus"
    path.write_bytes(b"<NessusClientData_v2><Report><ReportHost name='x'>")
    assert main(["import", str(path), "--dry-run", "--base-url", "http://127.0.0.1:9"]) in (2, 3, 4)
    _clean(capsys.readouterr().err)


@pytest.mark.parametrize("value", HOSTILE)
def test_printable_escapes_every_control(value: str) -> None:
    shown = printable(value)
    _clean(shown, lines=0)
    assert shown.isprintable()


def test_escaping_writer_keeps_layout_only() -> None:
    buffer = io.StringIO()
    writer = EscapingWriter(buffer)
    writer.write(f"a\tb\n{CLEAR}c\r\x9b\n")
    assert buffer.getvalue() == "a\tb\n\\x1b[2J\\x1b[Hc\\r\\x9b\n"


def test_log_lines_stay_one_line(caplog: pytest.LogCaptureFixture) -> None:
    from futurevuls_ext.parsers import ScanReport, SkippedRecord
    from futurevuls_ext.parsers._log import log_report

    report = ScanReport(
        format="nuclei",
        source=f"scan{CLEAR}.jsonl",
        warnings=("host web\nERROR forged",),
        skipped=(SkippedRecord(location="line 1", reason=f"host {HOSTILE[1]}"),),
        skipped_count=1,
    )
    with caplog.at_level("INFO", logger="futurevuls_ext"):
        log_report(report)
    assert len(caplog.records) == 2
    for record in caplog.records:
        message = record.getMessage()
        _clean(message, lines=0)
