"""Every Python block of every recipe runs against a fresh demo FakeFutureVuls, as a user would run it."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from futurevuls_ext.demo import data_path
from futurevuls_ext.testing import FakeFutureVuls

RECIPES = Path(__file__).resolve().parents[2] / "docs" / "recipes"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)
FILES = {  # the names the recipes use -> the bundled demo reports
    "scan.nessus": "perimeter.nessus",
    "qualys.csv": "qualys.csv",
    "nmap.xml": "edge.nmap.xml",
    "nuclei.jsonl": "asm.nuclei.jsonl",
    "inspector-findings.json": "inspector.json",
}
PAGES = sorted(p.name for p in RECIPES.glob("*.md") if BLOCK.search(p.read_text(encoding="utf-8")))


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for name, bundled in FILES.items():
        shutil.copy(data_path(bundled), tmp_path / name)
    with FakeFutureVuls(dataset="demo") as fake:
        monkeypatch.setenv("FUTUREVULS_API_TOKEN", fake.token)
        monkeypatch.setenv("FUTUREVULS_BASE_URL", fake.url)
        monkeypatch.delenv("FUTUREVULS_API_PROFILE", raising=False)
        monkeypatch.chdir(tmp_path)
        yield tmp_path


def test_every_workflow_has_a_runnable_recipe() -> None:
    assert {"import-nessus.md", "import-qualys.md", "import-nmap.md", "import-asm.md", "triage.md",
            "inspector-exposure.md", "nmap-cron.md"} <= set(PAGES)  # fmt: skip


@pytest.mark.integration
@pytest.mark.parametrize("page", PAGES)
def test_recipe_code_runs(page: str, workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, object] = {"__name__": f"recipe_{page}"}
    for number, block in enumerate(BLOCK.findall((RECIPES / page).read_text(encoding="utf-8")), start=1):
        code = compile(block, f"{page} block {number}", "exec")
        exec(code, namespace)
    assert capsys.readouterr().out  # every recipe shows the user something
