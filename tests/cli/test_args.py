"""Usage mistakes are caught by the parser, before any work, with whole, plain messages (exit 2)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from futurevuls_ext.cli import build_parser, main
from futurevuls_ext.testing import FakeFutureVuls


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                yield from _parsers(child)


def _error_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    return capsys.readouterr().err.strip().splitlines()[-1]


def test_no_parser_accepts_abbreviations() -> None:
    found = list(_parsers(build_parser()))
    assert len(found) >= 9  # root, import, nmap, nmap add, nmap update, exposure, triage, fake-server, demo
    assert all(p.allow_abbrev is False for p in found)


def test_a_prefix_of_a_longer_option_is_not_taken_for_it(capsys: pytest.CaptureFixture[str]) -> None:
    line = _error_line(capsys, ["nmap", "update", "--from-xml", "scan.xml"])
    assert line == "futurevuls-ext: error: unrecognized arguments: --from-xml scan.xml"


@pytest.mark.parametrize("value", ["log4j", "CVE-2021", "CVE-\uff12\uff10\uff12\uff11-44228", "2021-44228"])
def test_cve_takes_only_cve_ids(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    line = _error_line(capsys, ["triage", "--cve", value])
    assert line == (
        f"futurevuls-ext triage: error: argument --cve: {value!r} is not a CVE id "
        "(expected CVE-YYYY-NNNN, e.g. CVE-2021-44228)"
    )


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2026-13-01", "'2026-13-01' is not a calendar date (month must be in 1..12)"),
        ("2026-02-30", "'2026-02-30' is not a calendar date (day is out of range for month)"),
        ("31/03/2026", "'31/03/2026' is not a date: expected YYYY-MM-DD, e.g. 2026-03-31"),
        ("20260331", "'20260331' is not a date: expected YYYY-MM-DD, e.g. 2026-03-31"),
    ],
)
@pytest.mark.parametrize("option", ["--today", "--set-patch-date"])
def test_dates_are_validated_clearly(
    option: str, value: str, why: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _error_line(capsys, ["triage", "--queue", "overdue", option, value])
    assert line == f"futurevuls-ext triage: error: argument {option}: {why}"


HELP = [["--help"], ["demo", "--help"], ["import", "--help"], ["nmap", "--help"], ["nmap", "add", "--help"],
        ["triage", "--help"], ["exposure", "--help"]]  # fmt: skip


@pytest.mark.parametrize("argv", HELP)
def test_help_has_no_rest_markup(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "usage: futurevuls-ext" in out
    assert "``" not in out
    assert ":class:" not in out


@pytest.mark.integration
@pytest.mark.parametrize("json", [False, True])
def test_cve_no_task_has_exits_1(
    json: bool, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeFutureVuls(dataset="demo") as fake:
        monkeypatch.setenv("FUTUREVULS_API_TOKEN", fake.token)
        monkeypatch.setenv("FUTUREVULS_BASE_URL", fake.url)
        code = main(["triage", "--cve", "cve-2099-0001", *(["--json"] if json else [])])
    assert code == 1
    assert capsys.readouterr().err == "futurevuls-ext: no task has CVE-2099-0001 in this group\n"


@pytest.mark.integration
def test_cve_with_tasks_exits_0(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeFutureVuls(dataset="demo") as fake:
        monkeypatch.setenv("FUTUREVULS_API_TOKEN", fake.token)
        monkeypatch.setenv("FUTUREVULS_BASE_URL", fake.url)
        cve = next(iter(fake.state.tasks.values())).cve_id
        code = main(["triage", "--cve", cve.lower()])
    out = capsys.readouterr()
    assert code == 0
    assert out.out.startswith(cve)
    assert out.err == ""
