"""The docs site: the quickstart notebook is a page (executed at build time), linked from the quickstart;
the logging page and the exposure / triage / nmap job reference pages are in the nav."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_notebook_is_a_page_executed_at_build_time() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - Quickstart notebook: notebooks/quickstart.ipynb\n" in config
    assert "  - mkdocs-jupyter:" in config
    assert "      execute: true\n" in config
    assert "mkdocs-jupyter" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "(notebooks/quickstart.ipynb)" in (ROOT / "docs" / "quickstart.md").read_text(encoding="utf-8")


def test_logging_and_workflow_reference_pages() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page, module in (("exposure", "exposure"), ("triage", "triage"), ("nmap-job", "nmap_job")):
        assert f"reference/{page}.md" in config
        text = (ROOT / "docs" / "reference" / f"{page}.md").read_text(encoding="utf-8")
        assert f"::: futurevuls_ext.{module}\n" in text
    logging_page = (ROOT / "docs" / "logging.md").read_text(encoding="utf-8")
    for logger in ("futurevuls_ext.retry", "futurevuls_ext.parsers", "futurevuls_ext.importer"):
        assert f"`{logger}`" in logging_page


def test_quickstart_installs_from_the_source() -> None:
    text = (ROOT / "docs" / "quickstart.md").read_text(encoding="utf-8")
    assert "not published on PyPI yet" in text
    assert "pip install . && futurevuls-ext demo" in text
    assert "\npip install futurevuls-ext" not in text
