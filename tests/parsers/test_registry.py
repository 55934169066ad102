from __future__ import annotations

import subprocess
import sys
from importlib.metadata import EntryPoint
from typing import Any

import pytest

from futurevuls_ext.parsers import ParseError, Registry, ReportParser, UnknownFormatError, detect_format
from futurevuls_ext.parsers import _registry as registry_module
from futurevuls_ext.parsers._registry import BUILTIN_PARSERS

from ._fakes import CrashingSniffer, LineParser, Tie


def test_importing_the_package_imports_no_parser_module() -> None:
    code = (
        "import sys, futurevuls_ext.parsers as p; "
        "mods = [m for m in sys.modules if m.startswith('futurevuls_ext.parsers.') "
        "and not m.split('.')[-1].startswith('_')]; print(mods)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_builtin_table_names_every_documented_format() -> None:
    assert set(BUILTIN_PARSERS) == {
        "nessus", "nmap", "qualys-csv", "qualys-was-csv", "nuclei",
        "cycognito", "shodan", "asm-json", "inspector",
        "openvas", "openvas-csv", "nessus-csv", "qualys-xml", "burp", "zap",
    }  # fmt: skip


def test_builtins_load_lazily_and_are_parsers() -> None:
    reg = Registry(entry_point_group=None)
    for name in ("nessus", "nmap"):
        cls = reg.get(name)
        assert cls.name == name
        assert isinstance(cls(), ReportParser)


def test_register_refuses_duplicate_names(empty_registry: Registry) -> None:
    empty_registry.register(LineParser)
    with pytest.raises(ValueError, match="already registered"):
        empty_registry.register(LineParser)
    empty_registry.register(LineParser, replace=True)
    assert empty_registry.get("lines") is LineParser


def test_register_refuses_a_builtin_name() -> None:
    class FakeNessus(LineParser):
        name = "nessus"

    reg = Registry(entry_point_group=None)
    with pytest.raises(ValueError, match="'nessus' is already registered"):
        reg.register(FakeNessus)


def test_register_refuses_classes_without_name_or_methods(empty_registry: Registry) -> None:
    class Nameless:
        pass

    with pytest.raises(ValueError, match="no 'name'"):
        empty_registry.register(Nameless)  # type: ignore[arg-type]

    class NoParse:
        name = "noparse"

        def sniff(self, head: bytes) -> float:
            return 0.0

    with pytest.raises(ValueError, match="parse"):
        empty_registry.register(NoParse)  # type: ignore[arg-type]


def test_unknown_format_name_lists_known_ones(empty_registry: Registry) -> None:
    empty_registry.register(LineParser)
    with pytest.raises(ParseError, match=r"unknown format 'nope'.*lines"):
        empty_registry.get("nope")


def test_missing_builtin_module_does_not_break_the_others() -> None:
    reg = Registry(
        builtins={"ghost": "futurevuls_ext.parsers.does_not_exist:Ghost", "nmap": BUILTIN_PARSERS["nmap"]},
        entry_point_group=None,
    )
    loaded, failed = reg.load_all()
    assert set(loaded) == {"nmap"}
    assert "ghost" in failed
    with pytest.raises(ParseError, match="could not be loaded"):
        reg.get("ghost")


def _entry_points(*eps: EntryPoint) -> Any:
    def fake(*, group: str) -> tuple[EntryPoint, ...]:
        return tuple(ep for ep in eps if ep.group == group)

    return fake


def test_entry_points_load_lazily_and_builtins_win(monkeypatch: pytest.MonkeyPatch) -> None:
    group = "futurevuls_ext.parsers"
    eps = (
        EntryPoint("lines", "tests.parsers._fakes:LineParser", group),
        EntryPoint("nessus", "tests.parsers._fakes:Tie", group),
    )
    monkeypatch.setattr(registry_module, "entry_points", _entry_points(*eps))
    reg = Registry(builtins={"nessus": BUILTIN_PARSERS["nessus"]})
    assert reg.names() == ["lines", "nessus"]
    assert reg.get("lines") is LineParser
    assert reg.get("nessus").__module__ == "futurevuls_ext.parsers.nessus"
    assert "built-in" in reg.problems()["nessus"]


def test_duplicate_entry_points_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    group = "futurevuls_ext.parsers"
    eps = (
        EntryPoint("dup", "tests.parsers._fakes:LineParser", group),
        EntryPoint("dup", "tests.parsers._fakes:Tie", group),
    )
    monkeypatch.setattr(registry_module, "entry_points", _entry_points(*eps))
    reg = Registry(builtins={})
    assert "dup" not in reg.names()
    with pytest.raises(ParseError, match="duplicate parser name 'dup'"):
        reg.get("dup")


def test_detection_reports_crashing_sniffers_and_scores(empty_registry: Registry) -> None:
    empty_registry.register(LineParser)
    empty_registry.register(CrashingSniffer)
    with pytest.raises(UnknownFormatError) as info:
        detect_format(__file__, parsers=empty_registry)
    assert info.value.scores == {"lines": 0.0}
    assert "crashy crashed while sniffing (RuntimeError: sniff exploded)" in str(info.value)


def test_ties_break_by_priority_then_name(empty_registry: Registry, tmp_path: Any) -> None:
    class TieB(Tie):
        name = "tie-b"

    class TieC(Tie):
        name = "tie-c"
        priority = 5

    path = tmp_path / "x.txt"
    path.write_bytes(b"anything")
    empty_registry.register(TieB)
    empty_registry.register(Tie)
    assert detect_format(path, parsers=empty_registry) == "tie-a"
    empty_registry.register(TieC)
    assert detect_format(path, parsers=empty_registry) == "tie-c"
