"""The base of every API model: unknown keys kept in ``extra``, plain-dict export, notebook rendering.

Field helpers say how a key is decoded:

* :func:`spec_required` marks a key the 2023 spec calls required. The default (tolerant) decoding
  still accepts an answer without it, as the live API leaves empty and unset keys out (goa's
  ``omitempty``): the field is then ``None`` (or its empty collection), and its annotation says so.
  Strict decoding (``Client(strict_responses=True)``) reports the missing key.
* A plain ``attrs`` field without a default (a model's own ``id``) is the object's identity: an answer
  without it cannot be represented and raises ``ResponseValidationError`` in both modes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from .._export import ToDict

__all__ = ["EXTRA_KEY", "Model", "spec_required"]

EXTRA_KEY: Final = "\x00extra"
"""The internal key that carries an answer's unknown keys into :attr:`Model.extra` while decoding."""


def spec_required(
    default: Any = None,
    *,
    factory: Callable[[], Any] | None = None,
    json: str | None = None,
    profile: tuple[str, str] | None = None,
) -> Any:
    """An attrs field the spec marks required: ``default`` (or ``factory()``) when the answer omits it.

    Args:
        default: the value of a missing key (``None``; ``()`` for lists).
        factory: builds the value of a missing key instead (``dict`` for objects).
        json: the JSON key when it breaks the naming rule (``serverroleId``).
        profile: ``(section, name)`` of the ApiProfile entry holding the JSON key.
    """
    metadata: dict[str, Any] = {"required": True}
    if json is not None:
        metadata["json"] = json
    if profile is not None:
        metadata["profile"] = profile
    if factory is not None:
        return attrs.field(factory=factory, metadata=metadata)
    return attrs.field(default=default, metadata=metadata)


@attrs.frozen(kw_only=True)
class Model(ToDict):
    """Base of the attrs models: ``extra``, ``to_dict()`` and a readable HTML table in Jupyter.

    ``to_dict()`` gives the model as plain values (enums as their API spelling, dates as ISO strings),
    the answer's unknown keys last under ``"extra"`` when there are any.

    Attributes:
        extra: the keys of the answer this SDK version does not know, with their JSON values, so
            nothing the API sends is lost (empty for an answer the SDK fully knows).
    """

    extra: Mapping[str, Any] = attrs.field(
        factory=dict, eq=False, hash=False, repr=False, metadata={"extra": True}
    )

    def _repr_html_(self) -> str:
        from .._display import html_table

        rows = [{"field": key, "value": value} for key, value in self.to_dict().items()]
        return html_table(rows, columns=("field", "value"), title=type(self).__name__)
