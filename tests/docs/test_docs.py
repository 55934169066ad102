"""The docs: generated tables cover the code, the nav matches the files, pycon examples run."""

from __future__ import annotations

import doctest
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from futurevuls_ext import ssvc
from futurevuls_ext.profile import ApiProfile

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PYCON_BLOCK = re.compile(r"^```pycon\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


@pytest.fixture(scope="module")
def hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_generated_hook", DOCS / "_hooks" / "generated.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_api_profile_page_lists_every_item(hook: ModuleType) -> None:
    page = (DOCS / "api-profile.md").read_text(encoding="utf-8")
    assert "<!-- generated: api-profile -->" in page
    rendered = hook.render(page, where="api-profile.md")
    assert "<!-- generated" not in rendered
    items = list(ApiProfile().items())
    assert len(items) > 10
    for item in items:
        row = f"| `{item.name}` | `{item.value}` | {item.status} |"
        assert row in rendered, item.name


def test_ssvc_tables_render_from_the_package(hook: ModuleType) -> None:
    table = hook.ssvc_deployer_v2_table()
    rows = [line for line in table.splitlines()[2:] if line.startswith("|")]
    assert len(rows) == 27  # 27 branches x 4 human-impact columns = 108 rows
    assert "| active | open | super effective | out-of-cycle | out-of-cycle | immediate | immediate |" in rows
    assert len(hook.ssvc_deployer_current_table().splitlines()) == 2 + 18
    assert len(hook.ssvc_human_impact_table().splitlines()) == 2 + len(ssvc.SafetyImpact)
    enums = hook.ssvc_enums_table()
    assert "`OUT_OF_CYCLE` = `'out-of-cycle'`" in enums


def test_unknown_marker_is_an_error(hook: ModuleType) -> None:
    with pytest.raises(ValueError, match="nope"):
        hook.render("x\n<!-- generated: nope -->\n", where="page.md")


def test_sphinx_roles_are_tidied(hook: ModuleType) -> None:
    html = "<p>See :class:<code>~futurevuls_ext.ssvc.Priority</code> and :func:<code>a.b</code>::</p>"
    assert hook.tidy_rst(html) == "<p>See <code>Priority</code> and <code>a.b</code>:</p>"


def test_nav_and_files_match() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    in_nav = set(re.findall(r"^\s+- (?:[^:\n]+: )?(\S+\.md)$", config, re.MULTILINE))
    on_disk = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if "_hooks" not in p.parts}
    assert in_nav == on_disk


def _pycon_examples() -> list[tuple[str, str]]:
    found = []
    for page in sorted(DOCS.rglob("*.md")):
        for index, match in enumerate(PYCON_BLOCK.finditer(page.read_text(encoding="utf-8"))):
            found.append((f"{page.relative_to(DOCS).as_posix()}#{index}", match["body"]))
    return found


def test_there_are_pycon_examples() -> None:
    assert len(_pycon_examples()) >= 5


@pytest.mark.parametrize("page_body", _pycon_examples(), ids=lambda pb: pb[0])
def test_pycon_examples_run(page_body: tuple[str, str]) -> None:
    name, body = page_body
    # Blocks on one page share names, like a reader's session: run the page's earlier blocks first.
    page, _, index = name.partition("#")
    earlier = [
        b
        for n, b in _pycon_examples()
        if n.partition("#")[0] == page and int(n.partition("#")[2]) < int(index)
    ]
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    test = parser.get_doctest("\n".join([*earlier, body]), {}, name, str(DOCS / page), 0)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} failing example(s) in {name}"
