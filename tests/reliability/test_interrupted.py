"""Ctrl-C and cancellation during an import: ImportInterrupted.partial says what was written, the CLI
prints that summary and exits 130, and a re-run resumes without duplicates."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import anyio
import pytest

import futurevuls_ext as fv
from futurevuls_ext.importer import ImportInterrupted, ImportProgress
from futurevuls_ext.testing import FakeFutureVuls, FaultConfig

from ._importing import KNOWN, assert_exact, assert_no_duplicate_writes, make_report, run_import, seed_servers
from ._measure import HANG_GUARD_SECONDS, child_env
from .test_resume import wait_for, write_report

pytestmark = pytest.mark.integration


def _stop_after(count: int) -> object:
    def progress(event: ImportProgress) -> None:
        if event.done == count:
            raise KeyboardInterrupt

    return progress


def _check_partial(exc: ImportInterrupted, fake: FakeFutureVuls) -> None:
    partial = exc.partial
    assert len(partial.created) == 3
    assert len(partial.failed) == KNOWN - 3
    assert all("a re-run resumes" in row.reason for row in partial.failed)
    assert "a re-run resumes" in str(exc).lower()
    assert len(fake.state.external_scans) == 3


def test_ctrl_c_in_the_sync_client_carries_the_partial_result() -> None:
    report = make_report()
    with FakeFutureVuls() as fake:
        seed_servers(fake)
        with fv.Client(fake.token, base_url=fake.url) as client, pytest.raises(ImportInterrupted) as info:
            client.import_report(report, concurrency=1, progress=_stop_after(3))  # type: ignore[arg-type]
        _check_partial(info.value, fake)
        again = run_import("async", fake, report)
        assert again.ok and len(again.created) == KNOWN - 3 and len(again.unchanged) == 3
        assert_exact(fake, report)
        assert_no_duplicate_writes(fake)


def test_cancelling_the_async_import_carries_the_partial_result() -> None:
    report = make_report()
    with FakeFutureVuls() as fake:
        seed_servers(fake)

        async def go() -> ImportInterrupted | None:
            async with fv.AsyncClient(fake.token, base_url=fake.url) as client:
                with anyio.CancelScope() as scope:

                    def progress(event: ImportProgress) -> None:
                        if event.done == 3:
                            scope.cancel()

                    try:
                        await client.import_report(report, concurrency=1, progress=progress)
                    except ImportInterrupted as exc:
                        return exc
            return None

        caught = anyio.run(go)
        assert caught is not None
        _check_partial(caught, fake)


def test_cli_sigint_prints_what_was_written_and_exits_130(tmp_path: Path) -> None:
    report_path = tmp_path / "assets.jsonl"
    write_report(report_path)
    faults = FaultConfig(latency=0.15, methods=frozenset({"POST"}))
    with FakeFutureVuls(faults=faults) as fake:
        seed_servers(fake)
        env = child_env(FUTUREVULS_API_TOKEN=fake.token, FUTUREVULS_BASE_URL=fake.url)
        argv = [sys.executable, "-m", "futurevuls_ext", "import", str(report_path), "--concurrency", "1"]
        child = subprocess.Popen(
            [*argv, "--json", "--create-pseudo-servers"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_for(lambda: len(fake.state.external_scans) >= 2, "two results")
            child.send_signal(signal.SIGINT)
            out, err = child.communicate(timeout=HANG_GUARD_SECONDS)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        assert child.returncode == 130, err
        assert "interrupted" in err and "a re-run resumes" in err.lower()
        (result,) = json.loads(out)
        written = result["counts"]["created"]
        assert written >= 1 and result["counts"]["failed"] >= 1
        assert written <= len(fake.state.external_scans) <= written + 1  # at most the write in flight
