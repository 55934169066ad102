"""The hand-written pages stay in step with the code: parsers, limits, protocol members, fault options."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import attrs

from futurevuls_ext.parsers import ENTRY_POINT_GROUP, SNIFF_BYTES, ParseContext
from futurevuls_ext.parsers._json import DEFAULT_MAX_LEADING_INVALID, DEFAULT_MAX_RECORD_BYTES
from futurevuls_ext.parsers._registry import BUILTIN_PARSERS, Registry
from futurevuls_ext.testing import FAULT_KINDS, FakeFutureVuls, FaultConfig

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_formats_page_has_one_section_per_builtin_parser() -> None:
    sections = re.findall(r"^## .*\(`([a-z-]+)`\)$", _page("formats.md"), re.MULTILINE)
    assert sorted(sections) == sorted(BUILTIN_PARSERS)


def test_formats_page_gives_each_builtin_priority() -> None:
    page = _page("formats.md")
    registry = Registry(entry_point_group=None)
    by_priority: dict[int, list[str]] = {}
    for name in BUILTIN_PARSERS:
        by_priority.setdefault(registry.get(name).priority, []).append(name)
    for priority, names in by_priority.items():
        # e.g. "`nessus`, `nmap`, `nuclei`, `inspector` 50": every name of a priority sits in one group.
        group = re.search(r"((?:`[a-z-]+`(?:,\s+)?)+) " + str(priority) + r"\b", page)
        assert group is not None, priority
        assert set(re.findall(r"`([a-z-]+)`", group.group(1))) == set(names), priority


def test_formats_page_states_the_limits() -> None:
    page = _page("formats.md")
    assert f"first {SNIFF_BYTES // 1024} KiB" in page
    assert f"larger than **{DEFAULT_MAX_RECORD_BYTES >> 20} MiB**" in page
    assert f"first {DEFAULT_MAX_LEADING_INVALID} records are all invalid" in page


def test_plugins_page_documents_the_protocol_and_the_context() -> None:
    page = _page("plugins.md")
    assert f'[project.entry-points."{ENTRY_POINT_GROUP}"]' in page
    for member in ("name", "priority", "description", "extensions"):
        assert f"| `{member}: ClassVar[" in page, member
    assert "| `sniff(self, head: bytes) -> float` |" in page
    assert "| `parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]` |" in page
    methods = [n for n, _ in inspect.getmembers(ParseContext, inspect.isfunction) if not n.startswith("_")]
    assert methods
    for method in methods:
        assert f"`ctx.{method}(" in page, method


def test_testing_page_lists_every_fault_option_and_kind() -> None:
    page = _page("testing.md")
    for field in attrs.fields(FaultConfig):
        assert f"`{field.name}`" in page, field.name
    for kind in FAULT_KINDS:
        assert f"`{kind}`" in page, kind


def test_testing_page_lists_every_seeding_helper_and_constructor_argument() -> None:
    page = _page("testing.md")
    helpers = [n for n, _ in inspect.getmembers(FakeFutureVuls, inspect.isfunction) if n.startswith("add_")]
    assert len(helpers) >= 10
    for helper in helpers:
        assert f"| `{helper}(" in page, helper
    for argument in inspect.signature(FakeFutureVuls).parameters:
        assert f"| `{argument}` |" in page, argument
