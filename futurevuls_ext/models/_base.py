"""The base of every API model: notebook rendering and plain-dict export, nothing else."""

from __future__ import annotations

from typing import Any

__all__ = ["Model"]


class Model:
    """Mixin for attrs models: ``to_dict()`` and a readable HTML table in Jupyter."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The model as plain values (enums as their API spelling, dates as ISO strings)."""
        from .._display import record

        return record(self)

    def _repr_html_(self) -> str:
        from .._display import html_table

        rows = [{"field": key, "value": value} for key, value in self.to_dict().items()]
        return html_table(rows, columns=("field", "value"), title=type(self).__name__)
