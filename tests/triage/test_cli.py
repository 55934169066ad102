"""``futurevuls-ext triage`` against the fake server."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from futurevuls_ext.cli import main
from futurevuls_ext.cli.triage import QUEUES
from futurevuls_ext.testing import FakeFutureVuls
from futurevuls_ext.triage import Queue


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeFutureVuls]:
    with FakeFutureVuls(dataset="demo") as server:
        monkeypatch.setenv("FUTUREVULS_API_TOKEN", server.token)
        monkeypatch.delenv("FUTUREVULS_API_PROFILE", raising=False)
        yield server


def test_queue_choices_match_the_enum() -> None:
    assert tuple(q.value for q in Queue) == QUEUES


def test_drill_down_every_exposed_cve(fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["triage", "--base-url", fake.url]) == 0
    out = capsys.readouterr().out
    assert "CVE-2022-40684" in out and "edge-fw-01" in out and "\u2713" in out


def test_drill_down_one_cve_json(fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["triage", "--cve", "CVE-2023-38408", "--json", "--base-url", fake.url]) == 0
    (cve,) = json.loads(capsys.readouterr().out)
    web = next(s for s in cve["servers"] if s["server_name"] == "web-01")
    assert web["packages"][0]["processes"] == ["sshd (pid 702)"]


def test_queue_bulk_preview_then_apply(fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "triage",
        "--queue",
        "unassigned",
        "--exposed-only",
        "--set-assignee",
        "3",
        "--base-url",
        fake.url,
    ]
    assert main([*args, "--json"]) == 0
    preview = json.loads(capsys.readouterr().out)
    count = preview["queue"]["count"]
    assert count >= 3 and preview["bulk_update"]["dry_run"] is True
    assert all(t.main_user_id != 3 for t in fake.state.tasks.values())
    assert main([*args, "--apply"]) == 0
    assert "updated" in capsys.readouterr().out
    assert sum(t.main_user_id == 3 for t in fake.state.tasks.values()) == count


def test_bad_bulk_usage(fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["triage", "--set-status", "new", "--base-url", fake.url]) == 2
    assert main(["triage", "--queue", "new", "--set-status", "done", "--base-url", fake.url]) == 2
    assert fake.token not in capsys.readouterr().err


def test_drill_down_with_inspector_file(fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    findings = Path(__file__).parent.parent / "exposure" / "data" / "inspector_reachability.json"
    assert (
        main(["triage", "--cve", "CVE-2021-44228", "--inspector", str(findings), "--base-url", fake.url]) == 0
    )
    out = capsys.readouterr().out
    assert "exposed=inspector" in out and "reachable from the internet (Inspector): 0.0.0.0:8080" in out
