"""``to_dict()`` of every model and result: one cattrs converter to plain, JSON-ready values.

The rules are the same for every attrs class: keys are the Python field names, in field order; an
enum gives its value, a date or time its ISO form, a path its text; tuples and lists become lists,
sets sorted lists, mappings dicts with string keys (as JSON objects have); nested attrs objects are
converted the same way. (The API's camelCase spelling is :mod:`futurevuls_ext._serde`'s job.)

A class shapes its dict with field metadata (:func:`dict_entry`) and one class attribute:

* ``dict_entry(key="tasks")``: the field's key is ``"tasks"``, not its name;
* ``dict_entry(flat=True)``: the nested object's keys sit flat in this dict, at the field's place;
* a model's ``extra`` (metadata ``extra``) comes last, and only when it holds anything;
* ``_dict_keys: ClassVar[tuple[str, ...]]``: the entries in order, each a field or a computed
  attribute (a property, or a method taking no argument); ``"*"`` stands for the fields not named,
  in field order. Fields the tuple leaves out are not exported.
"""

from __future__ import annotations

import datetime as dt
import functools
import pathlib
from collections.abc import Callable
from typing import Any, ClassVar, Final

import attrs
import cattrs
from cattrs.cols import is_any_set, is_mapping
from cattrs.gen import make_dict_unstructure_fn, override

__all__ = ["REST", "ToDict", "dict_entry", "to_plain"]

REST: Final = "*"
"""In ``_dict_keys``: the fields not named elsewhere in the tuple, in field order."""

_KEY: Final = "dict_key"
_FLAT: Final = "dict_flat"


def dict_entry(*, key: str | None = None, flat: bool = False) -> dict[str, Any]:
    """Field metadata for ``to_dict()``: another ``key`` than the field's name, or ``flat`` keys.

    >>> dict_entry(key="tasks")
    {'dict_key': 'tasks'}
    """
    metadata: dict[str, Any] = {}
    if key is not None:
        metadata[_KEY] = key
    if flat:
        metadata[_FLAT] = True
    return metadata


class ToDict:
    """Mixin of the attrs result types: ``to_dict()`` through the one converter (:func:`to_plain`)."""

    __slots__ = ()

    _dict_keys: ClassVar[tuple[str, ...]] = (REST,)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values: enums as their value, dates as ISO strings, lists for tuples."""
        result: dict[str, Any] = to_plain(self)
        return result


def to_plain(value: Any) -> Any:
    """``value`` as plain JSON-ready values, by the rules of this module."""
    return _converter().unstructure(value)


_Entry = Callable[[Any, dict[str, Any], dict[str, Any]], None]


def _field_entry(attribute: attrs.Attribute[Any]) -> _Entry:
    key = attribute.metadata.get(_KEY, attribute.name)
    if attribute.metadata.get(_FLAT):

        def flat(_: Any, fields: dict[str, Any], out: dict[str, Any]) -> None:
            out.update(fields[key])

        return flat
    if attribute.metadata.get("extra"):

        def extra(_: Any, fields: dict[str, Any], out: dict[str, Any]) -> None:
            if fields[key]:
                out[key] = fields[key]

        return extra

    def entry(_: Any, fields: dict[str, Any], out: dict[str, Any]) -> None:
        out[key] = fields[key]

    return entry


def _computed_entry(name: str, converter: cattrs.Converter) -> _Entry:
    def entry(obj: Any, _: dict[str, Any], out: dict[str, Any]) -> None:
        value = getattr(obj, name)
        out[name] = converter.unstructure(value() if callable(value) else value)

    return entry


def _layout(cls: type) -> list[attrs.Attribute[Any] | str]:
    """What ``_dict_keys`` (default: every field) asks for, in order: fields, or computed names."""
    layout: tuple[str, ...] = getattr(cls, "_dict_keys", (REST,))
    fields = {a.name: a for a in attrs.fields(cls)}
    rest = [a for a in fields.values() if a.name not in layout and not a.metadata.get("extra")]
    out: list[attrs.Attribute[Any] | str] = []
    for name in layout:
        out += rest if name == REST else [fields.get(name, name)]
    return out + [a for a in fields.values() if a.metadata.get("extra")]  # models' extra: last


def _attrs_hook(converter: cattrs.Converter) -> Callable[[type], Callable[[Any], dict[str, Any]]]:
    def factory(cls: type) -> Callable[[Any], dict[str, Any]]:
        attrs.resolve_types(cls)
        layout = _layout(cls)
        overrides: dict[str, Any] = {
            a.name: override(rename=a.metadata.get(_KEY), omit=a not in layout) for a in attrs.fields(cls)
        }
        fields: Any = make_dict_unstructure_fn(cls, converter, **overrides)
        entries = [
            _computed_entry(item, converter) if isinstance(item, str) else _field_entry(item)
            for item in layout
        ]

        def hook(obj: Any) -> dict[str, Any]:
            values = fields(obj)
            out: dict[str, Any] = {}
            for entry in entries:
                entry(obj, values, out)
            return out

        return hook

    return factory


def _mapping_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any], dict[str, Any]]]:
    def factory(_: Any) -> Callable[[Any], dict[str, Any]]:
        def hook(mapping: Any) -> dict[str, Any]:
            return {
                _object_key(converter.unstructure(k)): converter.unstructure(v) for k, v in mapping.items()
            }

        return hook

    return factory


def _object_key(key: Any) -> str:
    return key if isinstance(key, str) else str(key)


def _set_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any], list[Any]]]:
    def factory(_: Any) -> Callable[[Any], list[Any]]:
        def hook(items: Any) -> list[Any]:
            return sorted((converter.unstructure(v) for v in items), key=str)

        return hook

    return factory


def _is_path(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, pathlib.PurePath)


@functools.cache
def _converter() -> cattrs.Converter:
    converter = cattrs.Converter()
    converter.register_unstructure_hook_factory(attrs.has, _attrs_hook(converter))
    converter.register_unstructure_hook_factory(is_mapping, _mapping_hook(converter))
    converter.register_unstructure_hook_factory(is_any_set, _set_hook(converter))
    converter.register_unstructure_hook_func(_is_path, str)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    return converter
