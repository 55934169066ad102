"""MkDocs hook: fill generated tables from the code, and tidy Sphinx roles in rendered docstrings.

A page asks for a table with an HTML comment on its own line::

    <!-- generated: api-profile -->

Generators: ``api-profile`` (every ApiProfile item, value and status), ``ssvc-deployer-v2.0``
(the 108-row CERT v2.0 deployer table), ``ssvc-deployer-current``, ``ssvc-utility``,
``ssvc-human-impact`` and ``ssvc-enums``. The tables come from the package itself, so the docs
cannot drift from it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parents[2]

_MARKER = re.compile(r"^<!-- generated: (?P<name>[\w.-]+) -->$", re.MULTILINE)
_SPHINX_ROLE = re.compile(
    r":(?:class|func|meth|attr|mod|exc|data|obj):<code>(?P<tilde>~?)(?P<target>[^<]*)</code>"
)
_RST_LITERAL_MARK = re.compile(r"::(</p>)")


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def api_profile_table() -> str:
    """Markdown table of every ``ApiProfile`` item with its default value and status."""
    from futurevuls_ext.profile import ApiProfile

    rows = [[f"`{i.name}`", f"`{i.value}`", i.status] for i in ApiProfile().items()]
    return _table(["item", "default", "status"], rows)


def _deployer(table: Any, third: str) -> str:
    from futurevuls_ext.ssvc import HumanImpact

    branches: dict[tuple[str, str, str], dict[str, str]] = {}
    for (e, x, u, h), priority in table.items():
        branches.setdefault((str(e), str(x), str(u)), {})[str(h)] = str(priority)
    impacts = [str(h) for h in HumanImpact]
    rows = [[*key, *(outcomes[h] for h in impacts)] for key, outcomes in branches.items()]
    return _table(["Exploitation", "Exposure", third, *(f"HI={h}" for h in impacts)], rows)


def ssvc_deployer_v2_table() -> str:
    """The CERT SSVC v2.0 deployer table, one line per branch, as embedded in the package."""
    from futurevuls_ext.ssvc import DEPLOYER_V2_0

    return _deployer(DEPLOYER_V2_0, "Utility")


def ssvc_deployer_current_table() -> str:
    """The current CERT deployer table (Automatable instead of Utility)."""
    from futurevuls_ext.ssvc import DEPLOYER_CURRENT

    return _deployer(DEPLOYER_CURRENT, "Automatable")


def ssvc_utility_table() -> str:
    """Utility = f(Automatable, Value Density)."""
    from futurevuls_ext.ssvc import UTILITY_V2_0

    rows = [[str(a), str(v), str(u)] for (a, v), u in UTILITY_V2_0.items()]
    return _table(["Automatable", "Value Density", "Utility"], rows)


def ssvc_human_impact_table() -> str:
    """Human Impact = f(Safety Impact, Mission Impact), v2.0."""
    from futurevuls_ext.ssvc import HUMAN_IMPACT_V2_0, MissionImpact, SafetyImpact

    rows = [[str(s), *(str(HUMAN_IMPACT_V2_0[s, m]) for m in MissionImpact)] for s in SafetyImpact]
    return _table(["Safety \\ Mission", *(str(m) for m in MissionImpact)], rows)


def ssvc_enums_table() -> str:
    """Every SSVC enum member with its name and value."""
    from futurevuls_ext import ssvc

    classes = [
        ssvc.Priority,
        ssvc.Exploitation,
        ssvc.Exposure,
        ssvc.Utility,
        ssvc.Automatable,
        ssvc.ValueDensity,
        ssvc.HumanImpact,
        ssvc.SafetyImpact,
        ssvc.MissionImpact,
    ]
    rows = [[f"`{cls.__name__}`", ", ".join(f"`{m.name}` = `{m.value!r}`" for m in cls)] for cls in classes]
    return _table(["enum", "members"], rows)


GENERATORS: dict[str, Callable[[], str]] = {
    "ssvc-enums": ssvc_enums_table,
    "api-profile": api_profile_table,
    "ssvc-deployer-v2.0": ssvc_deployer_v2_table,
    "ssvc-deployer-current": ssvc_deployer_current_table,
    "ssvc-utility": ssvc_utility_table,
    "ssvc-human-impact": ssvc_human_impact_table,
}


def render(markdown: str, *, where: str = "page") -> str:
    """Replace every generator marker in ``markdown`` with its table.

    Raises:
        ValueError: naming the page and the marker when no generator has that name.
    """
    # Let `mkdocs build` work from a checkout without installing the package. (MkDocs restores
    # sys.path after loading a hook module, so this cannot happen at import time.)
    if str(_ROOT) not in sys.path:
        sys.path.insert(0, str(_ROOT))

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in GENERATORS:
            raise ValueError(f"{where}: unknown generated table {name!r}; known: {sorted(GENERATORS)}")
        return GENERATORS[name]()

    return _MARKER.sub(replace, markdown)


def on_page_markdown(markdown: str, *, page: Any, **kwargs: Any) -> str:
    """MkDocs event: fill the generated tables."""
    from mkdocs.exceptions import PluginError

    try:
        return render(markdown, where=page.file.src_uri)
    except ValueError as exc:
        raise PluginError(str(exc)) from exc


def _role(match: re.Match[str]) -> str:
    target = match["target"]
    if match["tilde"]:
        target = target.rsplit(".", 1)[-1]
    return f"<code>{target}</code>"


def tidy_rst(html: str) -> str:
    """Render reStructuredText leftovers in docstrings as Markdown would.

    ``:class:`~a.b.C``` becomes ``C`` in a code span (the full path without ``~``), and a
    paragraph ending in ``::`` (which introduces a literal block in rST) ends in ``:``.
    """
    return _RST_LITERAL_MARK.sub(r":\1", _SPHINX_ROLE.sub(_role, html))


def on_page_content(html: str, **kwargs: Any) -> str:
    """MkDocs event: tidy the Sphinx roles and rST markers that docstrings use."""
    return tidy_rst(html)
