"""Every Python block of README.md and docs/ runs, as a user would paste it, and passes ``mypy --strict``.

Blocks of one page share a namespace and run in page order against a fresh demo FakeFutureVuls, with
the report files the examples name beside them. A block with top-level ``await`` runs in an event loop
(as in a notebook or ``python -m asyncio``). Recipes run in ``test_recipes.py``; they are type-checked here.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from futurevuls_ext.demo import data_path
from futurevuls_ext.parsers import registry
from futurevuls_ext.testing import FakeFutureVuls

from .examples import DOCS, ROOT, as_module, blocks, pages

FILES = {  # the names the examples use -> the bundled demo reports
    "scan.nessus": "perimeter.nessus",
    "qualys.csv": "qualys.csv",
    "nmap.xml": "edge.nmap.xml",
    "nuclei.jsonl": "asm.nuclei.jsonl",
    "inspector-findings.json": "inspector.json",
}
ACME = b"ACME-SCAN 1\n192.0.2.1 443 CVE-2024-3094\nEND\n"  # the report of docs/plugins.md
NAMED_FILE = re.compile(r"^```(?:toml|json|csv)\n# (?P<name>[\w.-]+)\n(?P<body>.*?)^```$", re.S | re.M)
RUN = [p for p in pages() if blocks(p) and DOCS / "recipes" not in p.parents]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for name, bundled in FILES.items():
        shutil.copy(data_path(bundled), tmp_path / name)
    (tmp_path / "scan.acme").write_bytes(ACME)
    for page in pages():  # files the docs show in full ("# fvuls-profile.toml" as the first line)
        for match in NAMED_FILE.finditer(page.read_text(encoding="utf-8")):
            (tmp_path / match["name"]).write_text(match["body"], encoding="utf-8")
    # examples may register parsers in the process-wide registry: give them a copy to change
    monkeypatch.setattr(registry, "_classes", dict(registry._classes))
    monkeypatch.setattr(registry, "_targets", dict(registry._targets))
    # examples may configure the SDK's logger (docs/logging.md): restore it for the tests after them
    sdk_logger = logging.getLogger("futurevuls_ext")
    level, handlers = sdk_logger.level, list(sdk_logger.handlers)
    monkeypatch.setattr(sdk_logger, "handlers", handlers[:])
    with FakeFutureVuls(dataset="demo") as fake:
        monkeypatch.setenv("FUTUREVULS_API_TOKEN", fake.token)
        monkeypatch.setenv("FUTUREVULS_BASE_URL", fake.url)
        monkeypatch.delenv("FUTUREVULS_API_PROFILE", raising=False)
        monkeypatch.chdir(tmp_path)
        try:
            yield tmp_path
        finally:
            sdk_logger.setLevel(level)  # setLevel, not an attribute write: it clears the loggers' caches


def test_readme_and_guides_have_examples() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in RUN}
    assert {"README.md", "docs/quickstart.md", "docs/testing.md", "docs/index.md"} <= names


@pytest.mark.integration
@pytest.mark.parametrize("page", RUN, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_example_runs(page: Path, workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, object] = {"__name__": f"example_{page.stem}"}
    for block in blocks(page):
        code = block.compiled()
        if block.awaits:
            asyncio.run(eval(code, namespace))
        else:
            exec(code, namespace)
    for name, function in list(namespace.items()):  # the pytest tests an example shows run too
        if name.startswith("test_") and inspect.isfunction(function):
            _run_test_function(function, workdir / name)
    del capsys


def _run_test_function(function: Callable[..., object], tmp: Path) -> None:
    """Call an example's pytest test with the fixtures it names (``tmp_path``, ``fake_futurevuls``)."""
    tmp.mkdir()
    marks = [m for m in getattr(function, "pytestmark", []) if m.name == "fake_futurevuls"]
    with FakeFutureVuls(**(marks[0].kwargs if marks else {})) as fake:
        fixtures = {"tmp_path": tmp, "fake_futurevuls": fake}
        function(**{name: fixtures[name] for name in inspect.signature(function).parameters})


@pytest.mark.slow
def test_examples_pass_mypy_strict(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api")
    files = []
    for page in pages():
        for lang in ("python", "pycon"):  # a pycon session and the python snippets are two namespaces
            page_blocks = blocks(page, langs=frozenset({lang}))
            if page_blocks:
                stem = page.relative_to(ROOT).as_posix()[:-3].replace("/", "__").replace("-", "_")
                module = tmp_path / f"{stem}__{lang}.py"
                module.write_text(as_module(page_blocks), encoding="utf-8")
                files.append(str(module))
    assert len(files) > 15
    cache = ROOT / ".mypy_cache"
    out, err, status = api.run(
        ["--strict", "--python-version", "3.11", "--cache-dir", str(cache), "--no-error-summary", *files]
    )
    assert status == 0, out + err
