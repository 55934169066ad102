"""Issue 15 item 11: a path that is a pipe (``<(cat x)``, ``/dev/stdin``, a FIFO) is read like a stream.

Opening a path used to ``seek(0)`` after sniffing, which a pipe refuses (``io.UnsupportedOperation``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from futurevuls_ext.parsers import iter_findings, parse_report
from futurevuls_ext.testing import FakeFutureVuls

from ._measure import HANG_GUARD_SECONDS, child_env
from ._samples import EXPECTED, SAMPLES

FORMATS = sorted(SAMPLES)


@contextmanager
def fifo(tmp_path: Path, data: bytes) -> Iterator[Path]:
    """A FIFO a thread writes ``data`` into (the open blocks until the reader opens it)."""
    path = tmp_path / "report.fifo"
    os.mkfifo(path)

    def feed() -> None:
        with open(path, "wb") as out:
            out.write(data)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        yield path
    finally:
        writer.join(timeout=HANG_GUARD_SECONDS)


@contextmanager
def dev_fd(data: bytes) -> Iterator[Path]:
    """``/dev/fd/N`` of a pipe, what bash's ``<(cat x)`` hands a command."""
    read_end, write_end = os.pipe()

    def feed() -> None:
        with os.fdopen(write_end, "wb") as out:
            out.write(data)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        yield Path(f"/dev/fd/{read_end}")
    finally:
        writer.join(timeout=HANG_GUARD_SECONDS)
        os.close(read_end)


def _hosts(fmt: str, path: Path, forced: bool) -> set[str]:
    report = parse_report(path, format=fmt if forced else None)
    assert report.format == fmt
    return {h.address for h in report.hosts}


@pytest.mark.parametrize("forced", [True, False], ids=["forced", "detected"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_fifo_path_parses(fmt: str, forced: bool, tmp_path: Path) -> None:
    with fifo(tmp_path, SAMPLES[fmt]) as path:
        assert _hosts(fmt, path, forced) == set(EXPECTED[fmt])


@pytest.mark.parametrize("forced", [True, False], ids=["forced", "detected"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_dev_fd_pipe_parses(fmt: str, forced: bool) -> None:
    with dev_fd(SAMPLES[fmt]) as path:
        assert _hosts(fmt, path, forced) == set(EXPECTED[fmt])


def test_iter_findings_on_a_pipe_path() -> None:
    with dev_fd(SAMPLES["nessus"]) as path:
        assert {f.address for f in iter_findings(path)} == set(EXPECTED["nessus"])


def test_a_pipe_bigger_than_the_sniffed_head(tmp_path: Path) -> None:
    lines = [SAMPLES["nuclei"].decode().splitlines()[0]] * 3000  # ~1 MB, far past the 64 KiB head
    with fifo(tmp_path, ("\n".join(lines) + "\n").encode()) as path:
        report = parse_report(path)
    assert report.format == "nuclei"
    assert len(report.findings) == 3000


@pytest.fixture
def fake() -> Iterator[FakeFutureVuls]:
    with FakeFutureVuls() as running:
        running.add_server("web01", ipv4="10.0.0.1")
        running.add_server("db02", ipv4="10.0.0.2")
        yield running


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash for <(...)")
def test_cli_import_process_substitution_and_dev_stdin(fake: FakeFutureVuls, tmp_path: Path) -> None:
    report = tmp_path / "scan.nessus"
    report.write_bytes(SAMPLES["nessus"])
    env = child_env(FUTUREVULS_API_TOKEN=fake.token)
    cli = f"{sys.executable} -m futurevuls_ext import"
    runs = [
        ["bash", "-c", f"{cli} <(cat {report}) --dry-run --json --base-url {fake.url}"],
        ["bash", "-c", f"cat {report} | {cli} /dev/stdin --dry-run --json --base-url {fake.url}"],
    ]
    for argv in runs:
        proc = subprocess.run(
            argv, capture_output=True, text=True, env=env, timeout=HANG_GUARD_SECONDS, check=False
        )
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr and "UnsupportedOperation" not in proc.stderr
        assert "10.0.0.1" in proc.stdout and "10.0.0.2" in proc.stdout
