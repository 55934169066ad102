"""Extract the examples of README.md and docs/ (``python`` and ``pycon`` blocks) to run and type-check."""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from pathlib import Path
from types import CodeType

from attrs import frozen

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
FENCE = re.compile(r"^```(?P<lang>python|pycon)\n(?P<body>.*?)^```$", re.S | re.M)


@frozen
class Block:
    """One fenced example: the page it is on, its number there and its (pycon-stripped) source."""

    page: str
    number: int
    lang: str
    source: str

    @property
    def label(self) -> str:
        return f"{self.page} block {self.number}"

    @property
    def awaits(self) -> bool:
        """True when the block uses ``await`` / ``async with`` / ``async for`` at top level."""
        return bool(self.compiled().co_flags & inspect.CO_COROUTINE)

    def compiled(self) -> CodeType:
        """The block compiled as a user would paste it (top-level ``await`` allowed, as in a notebook)."""
        code: CodeType = compile(self.source, self.label, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        return code


def pages() -> list[Path]:
    """README.md and every Markdown page of docs/."""
    return [ROOT / "README.md", *sorted(p for p in DOCS.rglob("*.md") if "_hooks" not in p.parts)]


def _pycon_source(body: str) -> str:
    lines = []
    for line in body.splitlines():
        if line.startswith((">>> ", "... ")):
            lines.append(line[4:])
        elif line in {">>>", "..."}:
            lines.append("")
    return "\n".join(lines) + "\n"


def blocks(page: Path, *, langs: frozenset[str] = frozenset({"python"})) -> list[Block]:
    """The examples of ``page`` in the given languages, in page order."""
    name = page.relative_to(ROOT).as_posix()
    found = []
    for number, match in enumerate(FENCE.finditer(page.read_text(encoding="utf-8")), start=1):
        if match["lang"] not in langs:
            continue
        body = match["body"]
        source = _pycon_source(body) if match["lang"] == "pycon" else body
        found.append(Block(page=name, number=number, lang=match["lang"], source=source))
    return found


def as_module(page_blocks: list[Block]) -> str:
    """The blocks of one page as one module for mypy; top-level ``await`` blocks become async functions."""
    parts = ["# ruff: noqa\n"]
    for block in page_blocks:
        parts.append(f"# --- {block.label}\n")
        if block.awaits:
            parts.append(f"async def _example_block_{block.number}() -> None:\n")
            parts.append(textwrap.indent(block.source, "    ") + "\n")
        else:
            parts.append(block.source + "\n")
    return "".join(parts)
