"""The smaller items of issue 16.7, each as a whole-message test: fake-server export lines, exposure on
findings without an EC2 instance, a second revert, the bulk-update line."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from futurevuls_ext.cli import main
from futurevuls_ext.demo import data_path
from futurevuls_ext.testing import FakeFutureVuls

pytestmark = pytest.mark.integration


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeFutureVuls]:
    shutil.copy(data_path("inspector.json"), tmp_path / "inspector.json")
    monkeypatch.chdir(tmp_path)
    with FakeFutureVuls(dataset="demo") as fake:
        monkeypatch.setenv("FUTUREVULS_API_TOKEN", fake.token)
        monkeypatch.setenv("FUTUREVULS_BASE_URL", fake.url)
        yield fake


def test_fake_server_prints_export_lines(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(self: FakeFutureVuls) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(FakeFutureVuls, "serve_forever", interrupted)
    assert main(["fake-server", "--token", "tok-123", "--port", "0"]) == 0
    out = capsys.readouterr().out.splitlines()
    url = out[0].removeprefix("url: ")
    assert url.startswith("http://127.0.0.1:")
    assert out == [
        f"url: {url}",
        "token: tok-123",
        "# point the SDK and the CLI at it (paste into a shell):",
        f"export FUTUREVULS_BASE_URL={url}",
        "export FUTUREVULS_API_TOKEN=tok-123",
    ]


def test_exposure_without_an_ec2_instance_says_so(
    fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(Path("inspector.json").read_text(encoding="utf-8"))
    for finding in document["findings"]:
        for resource in finding.get("resources", []):
            resource["type"] = "AWS_LAMBDA_FUNCTION"
    Path("lambda.json").write_text(json.dumps(document), encoding="utf-8")
    assert main(["exposure", "lambda.json"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "no EC2 instance in the findings: nothing to decide (findings on other resources, such as container "
        "images or Lambda functions, say nothing about a server's exposure)",
        "dry run: nothing was changed; add --apply to move the servers",
    ]


def test_a_second_revert_says_the_server_is_already_back(
    fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["exposure", "inspector.json", "--apply", "--state-file", "revert.json"]) == 0
    assert main(["exposure", "--revert", "revert.json"]) == 0
    capsys.readouterr()
    assert main(["exposure", "--revert", "revert.json"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "unchanged api-01 (102): already in role 'default'"


def test_bulk_line_names_the_fields(fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["triage", "--queue", "new", "--set-status", "investigating", "--set-patch-date", "2026-03-31"]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    count = int(lines[0].split(": ")[1].split()[0])
    assert lines[-2:] == [
        f"would update {count} task(s), 0 failed: status investigating, patch date 2026-03-31",
        "dry run: nothing was changed; add --apply to send the updates",
    ]


@pytest.mark.parametrize(
    ("flag", "value", "allowed"),
    [
        ("--set-status", "bogus", "new, investigating"),
        ("--set-priority", "urgent", "none, high, medium, low"),
    ],
)
def test_a_bad_set_value_names_the_flag_before_any_request(
    fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str], flag: str, value: str, allowed: str
) -> None:
    before = len(fake.requests)
    assert main(["triage", "--queue", "new", flag, value]) == 2
    err = capsys.readouterr().err
    assert f"{flag}: {value!r} is not one of: {allowed}" in err
    assert "TaskStatus" not in err and "TaskPriority" not in err
    assert len(fake.requests) == before


def test_set_values_take_any_spelling_of_a_member(
    fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["triage", "--queue", "new", "--set-status", "Risk-Accepted", "--set-priority", "HIGH"]) == 0
    assert "status risk_accepted, priority high" in capsys.readouterr().out
