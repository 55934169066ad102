"""``futurevuls-ext exposure`` against the fake server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from futurevuls_ext.cli import main
from futurevuls_ext.testing import FakeFutureVuls

FINDINGS = str(Path(__file__).parent / "data" / "inspector_reachability.json")


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeFutureVuls]:
    with FakeFutureVuls(dataset="demo") as server:
        monkeypatch.setenv("FUTUREVULS_API_TOKEN", server.token)
        monkeypatch.delenv("FUTUREVULS_API_PROFILE", raising=False)
        yield server


def _roles(fake: FakeFutureVuls) -> dict[str, int]:
    return {s.name: s.role_id for s in fake.state.servers.values()}


def test_preview_writes_nothing(fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]) -> None:
    before = _roles(fake)
    assert main(["exposure", FINDINGS, "--base-url", fake.url]) == 0
    out = capsys.readouterr().out
    assert "api-01" in out and "dry run" in out and "what-if" in out
    assert "i-0eeeeeeeeeeeeee09" in out  # unmatched instance reported
    assert fake.token not in out
    assert _roles(fake) == before


def test_apply_then_revert_json(
    fake: FakeFutureVuls, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _roles(fake)
    state = tmp_path / "revert.json"
    code = main(
        ["exposure", FINDINGS, "--apply", "--state-file", str(state), "--json", "--base-url", fake.url]
    )
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    moved = {o["server_name"] for o in report["result"]["outcomes"] if o["status"] == "moved"}
    assert moved == {"api-01"}
    assert report["what_if"]["changes"]
    assert _roles(fake)["api-01"] != before["api-01"]
    assert main(["exposure", "--revert", str(state), "--json", "--base-url", fake.url]) == 0
    capsys.readouterr()
    assert _roles(fake) == before
    # the revert file refuses to be overwritten
    assert main(["exposure", FINDINGS, "--apply", "--state-file", str(state), "--base-url", fake.url]) == 2


def test_unknown_role_and_missing_findings_are_usage_errors(
    fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["exposure", FINDINGS, "--role-name", "Nope", "--base-url", fake.url]) == 2
    assert "Nope" in capsys.readouterr().err
    assert main(["exposure", "--base-url", fake.url]) == 2


def test_unparsable_findings_exit_3(fake: FakeFutureVuls, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    assert main(["exposure", str(bad), "--base-url", fake.url]) == 3
