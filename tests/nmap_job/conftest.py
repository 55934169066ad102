"""Fixtures: a stub nmap first on PATH, and a fake FutureVuls with two servers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from futurevuls_ext.testing import FakeFutureVuls

from .helpers import StubNmap


@pytest.fixture
def stub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StubNmap:
    """A stub ``nmap`` that never scans, first on PATH."""
    nmap = StubNmap(tmp_path / "stub")
    monkeypatch.setenv("PATH", nmap.path_env())
    return nmap


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeFutureVuls]:
    """A running fake with servers 'web01' and 'db01'; the CLI's token and base URL point at it."""
    with FakeFutureVuls() as running:
        running.add_server("web01", ipv4="127.0.0.1")
        running.add_server("db01", ipv4="192.0.2.20")
        monkeypatch.setenv("FUTUREVULS_API_TOKEN", running.token)
        monkeypatch.setenv("FUTUREVULS_BASE_URL", running.url)
        yield running
