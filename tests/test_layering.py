"""The workflow layer's shape: one way in, no reach-ins, no circle, the same names on both clients."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path
from typing import Any

import pytest

import futurevuls_ext as fv
from futurevuls_ext.exposure import AsyncExposure, Exposure
from futurevuls_ext.nmap_job import AsyncNmapJob, NmapJob
from futurevuls_ext.triage import AsyncTriage, Triage

PACKAGE = Path(fv.__file__).parent
WORKFLOWS = ("importer", "exposure", "triage", "nmap_job")
SHELL_OWNERS = {
    "_client.py",
    "_async_client.py",
    "_shells.py",
    "_pagers.py",
}  # _pagers: what the shells return


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _relative(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _imported(path: Path) -> set[str]:
    """Every module ``path`` imports, as an absolute dotted name."""
    package = ["futurevuls_ext", *_relative(path).split("/")[:-1]]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_only_the_clients_the_shells_and_resources_touch_the_shell() -> None:
    offenders = [
        _relative(p)
        for p in _modules()
        if "_shell" in p.read_text(encoding="utf-8")
        and p.name not in SHELL_OWNERS
        and not _relative(p).startswith("resources/")
    ]
    assert offenders == []


def test_nothing_outside_resources_imports_its_private_modules() -> None:
    private = re.compile(r"^futurevuls_ext\.resources\._")
    offenders = {
        _relative(p): sorted(n for n in _imported(p) if private.match(n))
        for p in _modules()
        if not _relative(p).startswith("resources/")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_workflows_never_import_the_client_modules() -> None:
    clients = {"futurevuls_ext._client", "futurevuls_ext._async_client", "futurevuls_ext._shells"}
    offenders = {
        _relative(p): sorted(_imported(p) & clients)
        for p in _modules()
        if _relative(p).split("/")[0] in (*WORKFLOWS, "_core", "_drivers.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def _public(cls: type[Any]) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(getattr(cls, name))
        for name in dir(cls)
        if not name.startswith("_") and callable(getattr(cls, name))
    }


@pytest.mark.parametrize(
    ("sync", "async_"), [(Exposure, AsyncExposure), (Triage, AsyncTriage), (NmapJob, AsyncNmapJob)]
)
def test_workflow_namespaces_have_the_same_names_and_signatures(sync: type[Any], async_: type[Any]) -> None:
    names = _public(sync)
    assert names.keys() == _public(async_).keys() and names
    for name, signature in names.items():
        other = _public(async_)[name]
        assert list(signature.parameters.values()) == list(other.parameters.values()), name
        assert other.return_annotation == f"Awaitable[{signature.return_annotation}]", name
        assert inspect.iscoroutinefunction(getattr(async_, name)), name
        assert not inspect.iscoroutinefunction(getattr(sync, name)), name
        assert "Program" not in str(signature.return_annotation), name


def test_both_clients_have_the_same_workflows() -> None:
    for name in ("exposure", "triage", "nmap"):
        sync_type = inspect.signature(getattr(fv.Client, name).func).return_annotation
        async_type = inspect.signature(getattr(fv.AsyncClient, name).func).return_annotation
        assert async_type == f"Async{sync_type}"
    for name in ("import_report", "doctor"):
        sync_sig = inspect.signature(getattr(fv.Client, name))
        async_sig = inspect.signature(getattr(fv.AsyncClient, name))
        assert sync_sig.parameters == async_sig.parameters, name
        assert async_sig.return_annotation == f"Awaitable[{sync_sig.return_annotation}]", name
    assert [m for m in ("plan", "what_if", "apply", "revert") if hasattr(Exposure, m)] == [
        "plan",
        "what_if",
        "apply",
        "revert",
    ]
    assert all(hasattr(Triage, m) for m in ("drill", "queue", "bulk_update"))
    assert all(hasattr(NmapJob, m) for m in ("add", "update"))


def _type_checking_names(path: Path) -> set[str]:
    """The names a package's ``if TYPE_CHECKING:`` block imports."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            return {
                alias.asname or alias.name
                for stmt in node.body
                if isinstance(stmt, ast.ImportFrom)
                for alias in stmt.names
            }
    return set()


@pytest.mark.parametrize("package", ["futurevuls_ext", "futurevuls_ext.resources"])
def test_all_is_derived_from_the_one_table_and_the_type_checking_mirror_agrees(package: str) -> None:
    module = importlib.import_module(package)
    table: dict[str, str] = module._LAZY
    path = Path(module.__file__ or "")
    assert _type_checking_names(path) == set(table)
    extra = set(module.__all__) - set(table)
    if package == "futurevuls_ext":
        from futurevuls_ext import _exceptions

        assert extra == {*_exceptions.__all__, "__version__"}
    else:
        assert extra == set()
    for name in module.__all__:
        assert getattr(module, name) is not None, name


def _public_callables() -> list[tuple[str, Any]]:
    from futurevuls_ext import resources

    found: list[tuple[str, Any]] = []
    holders: list[Any] = [fv.Client, fv.AsyncClient, Exposure, AsyncExposure, Triage, AsyncTriage]
    holders += [NmapJob, AsyncNmapJob, *(getattr(resources, n) for n in resources.__all__)]
    for holder in holders:
        if not isinstance(holder, type):
            continue
        for name, member in inspect.getmembers(holder, callable):
            ours = str(getattr(member, "__module__", "")).startswith("futurevuls_ext")
            if not name.startswith("_") and ours:
                found.append((f"{holder.__name__}.{name}", member))
    found += [(n, getattr(fv, n)) for n in fv.__all__ if inspect.isfunction(getattr(fv, n))]
    return found


def test_no_private_keywords_and_ids_are_taken_by_name_everywhere() -> None:
    offenders = []
    for label, member in _public_callables():
        try:
            params = inspect.signature(member).parameters.values()
        except (TypeError, ValueError):
            continue
        for p in params:
            if p.name.startswith("_") or (p.kind is inspect.Parameter.POSITIONAL_ONLY and p.name != "self"):
                offenders.append(f"{label}({p.name})")
    assert offenders == []


def test_report_source_types_have_distinct_names() -> None:
    from futurevuls_ext import importer, nmap_job, parsers
    from futurevuls_ext.parsers import _source

    assert not any(hasattr(m, "ReportSource") for m in (importer, nmap_job, parsers, _source))
    assert {importer.ReportInput, importer.ReportInputs, nmap_job.NmapSource, _source.ReportFile}
