"""A killed import resumes cleanly: SIGKILL an import running in a subprocess, re-run it in-process.

The fake runs in this process (its POSTs slowed by injected latency so the child is caught mid-way);
the child is the CLI (``python -m futurevuls_ext import``) or a script using ``AsyncClient``.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from futurevuls_ext.testing import FakeFutureVuls, FaultConfig

from ._importing import (
    KNOWN,
    PSEUDO,
    assert_exact,
    assert_no_duplicate_writes,
    make_report,
    run_import,
    seed_servers,
)
from ._measure import HANG_GUARD_SECONDS, child_env

pytestmark = pytest.mark.integration

LATENCY = 0.15  # seconds added to every POST
NAME = "asm-json"  # the result name: the report's format


def write_report(path: Path) -> None:
    """The report of ``make_report`` as a futurevuls-asm JSON Lines file."""
    lines = [{"format": "futurevuls-asm", "version": 1}]
    lines += [{"host": h.address, "cve_ids": sorted(h.cve_ids)} for h in make_report(pseudo=PSEUDO).hosts]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")


def start_child(how: str, report: Path, fake: FakeFutureVuls) -> subprocess.Popen[bytes]:
    env = child_env(FUTUREVULS_API_TOKEN=fake.token, FUTUREVULS_BASE_URL=fake.url)
    if how == "cli":
        args = [
            "-m",
            "futurevuls_ext",
            "import",
            str(report),
            "--create-pseudo-servers",
            "--concurrency",
            "1",
        ]
    else:
        args = [str(Path(__file__).with_name("_import_child.py")), str(report)]
    return subprocess.Popen(
        [sys.executable, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Poll ``condition()`` (a hang guard, not a timing assertion)."""
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.01)


def wait_until_quiet(fake: FakeFutureVuls) -> None:
    """Wait until no request has arrived for a few latencies (the killed child's last POST is applied)."""
    seen, since = len(fake.requests), time.monotonic()
    while time.monotonic() - since < 4 * LATENCY:
        time.sleep(LATENCY / 3)
        if len(fake.requests) != seen:
            seen, since = len(fake.requests), time.monotonic()


def kill_point(fake: FakeFutureVuls, when: str) -> Callable[[], bool]:
    """``"N results"``: N results exist; ``"pseudo"``: the first pseudo server exists (its result may not)."""
    if when == "pseudo":
        return lambda: len(fake.state.servers) > KNOWN
    count = int(when.split(maxsplit=1)[0])
    return lambda: len(fake.state.external_scans) >= count


@pytest.mark.parametrize(
    ("how", "when"), [("cli", "2 results"), ("async-script", "7 results"), ("cli", "pseudo")]
)
def test_killed_import_resumes_without_duplicates(how: str, when: str, tmp_path: Path) -> None:
    report_path = tmp_path / "assets.jsonl"
    write_report(report_path)
    report = make_report(pseudo=PSEUDO)
    faults = FaultConfig(latency=LATENCY, methods=frozenset({"POST"}))
    with FakeFutureVuls(faults=faults) as fake:
        seed_servers(fake)
        child = start_child(how, report_path, fake)
        try:
            wait_for(kill_point(fake, when), when)
            assert child.poll() is None, "the import finished before it could be killed"
            child.send_signal(signal.SIGKILL)
            assert child.wait(timeout=HANG_GUARD_SECONDS) == -signal.SIGKILL
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        wait_until_quiet(fake)
        partial = len(fake.state.external_scans)
        assert partial < KNOWN + PSEUDO
        kind = "sync" if how == "async-script" else "async"  # re-run with the other client
        result = run_import(kind, fake, report_path, create_pseudo_servers=True)
        assert result.ok, [o.reason for o in result.failed]
        assert len(result.created) + len(result.unchanged) == KNOWN + PSEUDO
        assert len(result.unchanged) == partial
        assert len(fake.state.servers) == KNOWN + PSEUDO
        assert_exact(fake, report, name=NAME)
        assert_no_duplicate_writes(fake)
        again = run_import("sync", fake, report_path, create_pseudo_servers=True)
        assert again.write_count == 0
