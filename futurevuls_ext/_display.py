"""Notebook display: attrs objects as HTML tables and pandas DataFrames (the ``pandas`` extra).

Jupyter calls ``_repr_html_`` on the last value of a cell; models and results delegate to
:func:`html_table`. :func:`to_dataframe` needs ``pip install futurevuls-ext[pandas]``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ._exceptions import ConfigError
from ._export import to_plain

__all__ = ["html_table", "record", "to_dataframe"]

_MAX_ROWS = 200
_MAX_CELL = 120


def record(obj: Any) -> dict[str, Any]:
    """One attrs object as a dict of plain values: its ``to_dict()`` form (:mod:`._export`)."""
    if not attrs.has(type(obj)):
        raise TypeError(f"{type(obj).__name__} is not an attrs model")
    result: dict[str, Any] = to_plain(obj)
    return result


def _cell(value: Any) -> str:
    if isinstance(value, list):
        value = ", ".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value)
    text = "" if value is None else str(value)
    if len(text) > _MAX_CELL:
        text = text[: _MAX_CELL - 1] + "…"
    return html.escape(text)


def html_table(rows: Iterable[Any], *, columns: Sequence[str] | None = None, title: str | None = None) -> str:
    """An HTML table of attrs objects (or dicts); at most 200 rows, long cells shortened."""
    records = [row if isinstance(row, dict) else record(row) for row in rows]
    shown = records[:_MAX_ROWS]
    names = list(columns) if columns else list(dict.fromkeys(k for r in shown for k in r))
    head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
    body = "".join("<tr>" + "".join(f"<td>{_cell(r.get(n))}</td>" for n in names) + "</tr>" for r in shown)
    more = f"<p>… {len(records) - len(shown)} more rows</p>" if len(records) > len(shown) else ""
    caption = f"<caption>{html.escape(title)}</caption>" if title else ""
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def to_dataframe(rows: Iterable[Any], *, columns: Sequence[str] | None = None) -> Any:
    """A pandas DataFrame with one row per attrs object (or dict).

    Raises:
        ConfigError: when pandas is not installed (``pip install futurevuls-ext[pandas]``).
    """
    try:
        import pandas as pd
    except ImportError:
        raise ConfigError("to_dataframe needs pandas: pip install 'futurevuls-ext[pandas]'") from None
    records = [row if isinstance(row, dict) else record(row) for row in rows]
    return pd.DataFrame.from_records(records, columns=list(columns) if columns else None)
