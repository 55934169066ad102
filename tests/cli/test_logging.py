"""INFO/WARNING logs of the SDK (retries, rate-limit waits, skipped records, import counts) and -v/-q."""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import futurevuls_ext as fv
from futurevuls_ext.cli import main
from futurevuls_ext.demo import data_path
from futurevuls_ext.testing import FakeFutureVuls, FaultConfig

pytestmark = pytest.mark.integration

# the servers listing only: the results are listed at the same time, so a global script would race
FAULTS = FaultConfig(script=("429", "503"), retry_after=0, paths=(r"^/v1/servers$",))
FAST = fv.RetryPolicy(backoff_base=0.001, jitter=0.0)
SKIPPED = "1 record(s) skipped; first: host[3] 198.51.100.78: host status is 'down', not 'up'"
COUNTS = "created 1, updated 0, unchanged 0, no_cves 0, pruned 0, healed 0, unresolved 1, failed 0"


def _port(text: str) -> str:
    return re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", text)


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeFutureVuls]:
    shutil.copy(data_path("edge.nmap.xml"), tmp_path / "edge.nmap.xml")
    monkeypatch.chdir(tmp_path)
    with FakeFutureVuls(dataset="demo", faults=FAULTS) as fake:
        monkeypatch.setenv("FUTUREVULS_API_TOKEN", fake.token)
        monkeypatch.setenv("FUTUREVULS_BASE_URL", fake.url)
        yield fake


def test_library_logs(fake: FakeFutureVuls, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="futurevuls_ext")
    with fv.Client(retry=FAST) as client:
        client.import_report("edge.nmap.xml", dry_run=True)
    records = [
        (r.name, r.levelname, _port(r.getMessage()))
        for r in caplog.records
        if r.name.startswith("futurevuls_ext")
    ]
    assert records == [
        ("futurevuls_ext.parsers", "INFO", f"edge.nmap.xml (nmap): {SKIPPED}"),
        (
            "futurevuls_ext.retry",
            "WARNING",
            "rate limited: GET http://127.0.0.1:PORT/v1/servers?page=1&limit=1000 answered 429; "
            "waiting 0.0s (retry 1 of 3)",
        ),
        (
            "futurevuls_ext.retry",
            "INFO",
            "retrying GET http://127.0.0.1:PORT/v1/servers?page=1&limit=1000 after 503 in 0.00s "
            "(retry 2 of 3)",
        ),
        ("futurevuls_ext.importer", "INFO", f"import 'nmap' (dry run): {COUNTS}"),
    ]


def test_failed_hosts_are_warnings(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="futurevuls_ext")
    faults = FaultConfig(error_rate=1.0, error_statuses=(500,), methods=frozenset({"POST"}))
    with (
        FakeFutureVuls(dataset="demo", faults=faults) as fake,
        fv.Client(fake.token, base_url=fake.url) as client,
    ):
        result = client.import_report(data_path("perimeter.nessus"))
    assert len(result.failed) == 2
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert [w.split(" failed: ")[0] for w in warnings] == [
        f"import 'nessus': {row.host}" for row in result.failed
    ]


def _cli(capsys: pytest.CaptureFixture[str], *flags: str) -> str:
    assert main(["import", "edge.nmap.xml", "--dry-run", *flags]) == 1
    return _port(capsys.readouterr().err)


def test_cli_default_shows_only_live_events(fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(capsys) == (
        "futurevuls-ext: warning: rate limited: GET http://127.0.0.1:PORT/v1/servers?page=1&limit=1000 "
        "answered 429; waiting 0.0s (retry 1 of 3)\n"
    )


def test_cli_verbose_shows_info(fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]) -> None:
    lines = _cli(capsys, "-v").splitlines()
    assert lines[0] == f"futurevuls-ext: info: edge.nmap.xml (nmap): {SKIPPED}"
    assert lines[1].startswith("futurevuls-ext: warning: rate limited: ")
    assert re.fullmatch(
        r"futurevuls-ext: info: retrying GET http://127\.0\.0\.1:PORT/v1/servers\?page=1&limit=1000 "
        r"after 503 in \d\.\d\ds \(retry 2 of 3\)",
        lines[2],
    )
    assert lines[3:] == [f"futurevuls-ext: info: import 'nmap' (dry run): {COUNTS}"]


def test_cli_quiet_shows_nothing_but_errors(fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(capsys, "-q") == ""
    assert main(["import", "missing.xml", "-q"]) == 3
    assert capsys.readouterr().err.startswith("futurevuls-ext: cannot parse report: ")


def test_cli_leaves_no_handler_behind(fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]) -> None:
    before = list(logging.getLogger("futurevuls_ext").handlers)
    _cli(capsys, "-v")
    assert logging.getLogger("futurevuls_ext").handlers == before
    assert logging.getLogger("futurevuls_ext").level == logging.NOTSET


def test_verbose_and_quiet_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["import", "x", "-v", "-q"])
    assert info.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "futurevuls-ext import: error: argument -q/--quiet: not allowed with argument -v/--verbose"
    )
