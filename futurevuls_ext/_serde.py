"""The one cattrs converter layer: camelCase JSON keys, irregular spellings, RFC 3339 times, enums.

Key rule: a model field maps to :func:`api_name` of its name (``server_id`` -> ``serverID``,
``advisory_ids`` -> ``advisoryIDs``, ``cpe_uri`` -> ``cpeURI``, ``server_uuid`` -> ``serverUuid``).
This rule covers all but a handful of the spec's keys; the rest are named per field:

* ``metadata={"json": "serverroleId"}``: a fixed key that breaks the rule;
* ``metadata={"profile": ("external_scans", "cve_ids_key")}``: a key read from the client's
  :class:`~futurevuls_ext.profile.ApiProfile` (unconfirmed API parts), so converters are built per
  ``(profile, strict)`` and cached (:func:`converter_for`);
* ``metadata={"embed": True}``: a nested model whose keys sit flat in the parent object (the task's
  ``ssvc...`` keys become one :class:`~futurevuls_ext.models.TaskSsvc`).

Values: datetimes are RFC 3339 and the zero time ``0001-01-01T00:00:00Z`` (or ``""``) reads as None;
dates are ``YYYY-MM-DD`` (a datetime string is cut to its date); ``bool``/``int``/``float``/``str`` are
checked, not coerced (``"false"`` is not silently ``True``); an optional list that is null reads as
``()``; a field typed ``SomeEnum | str`` is parsed with ``SomeEnum.parse_lenient`` so unknown future
values are kept as strings.

``strict=True`` forbids unknown keys; the project's own tests run strict (``FUTUREVULS_STRICT_MODELS=1``)
so a misspelt key fails loudly, while production tolerates new keys the API adds.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import os
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, is_sequence
from cattrs.errors import AttributeValidationNote, ClassValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .profile import ApiProfile

__all__ = [
    "STRICT_ENV_VAR",
    "api_name",
    "converter_for",
    "default_converter",
    "json_key",
    "parse_date",
    "parse_datetime",
    "strict_from_env",
]

STRICT_ENV_VAR: Final = "FUTUREVULS_STRICT_MODELS"
_ACRONYMS: Final = {"id": "ID", "ids": "IDs", "uri": "URI", "urls": "URLs"}
_ZERO_TIME_PREFIX: Final = "0001-01-01"


def api_name(name: str) -> str:
    """The default JSON key of a snake_case field.

    >>> [api_name(n) for n in ("server_id", "advisory_ids", "cpe_uri", "server_uuid", "max_v2")]
    ['serverID', 'advisoryIDs', 'cpeURI', 'serverUuid', 'maxV2']
    """
    head, *rest = name.split("_")
    return head + "".join(_ACRONYMS.get(part, part[:1].upper() + part[1:]) for part in rest)


def json_key(attribute: attrs.Attribute[Any], profile: ApiProfile | None = None) -> str:
    """The JSON key of a model attribute: profile key, else metadata ``json``, else :func:`api_name`."""
    section_and_name = attribute.metadata.get("profile")
    if section_and_name is not None:
        section, name = section_and_name
        return str(getattr(getattr(profile or ApiProfile(), section), name))
    return str(attribute.metadata.get("json", api_name(attribute.name)))


def parse_datetime(value: Any) -> dt.datetime | None:
    """Parse an RFC 3339 timestamp; the zero time ``0001-01-01T00:00:00Z`` and ``""`` become None.

    Raises:
        ValueError: when the value is not an RFC 3339 string.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected an RFC 3339 timestamp string, got {type(value).__name__} {value!r}")
    if value.startswith(_ZERO_TIME_PREFIX):
        return None
    return dt.datetime.fromisoformat(value.replace("z", "Z"))


def parse_date(value: Any) -> dt.date | None:
    """Parse ``YYYY-MM-DD`` (or the date part of a timestamp); zero time and ``""`` become None.

    Raises:
        ValueError: when the value is not a date string.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a YYYY-MM-DD date string, got {type(value).__name__} {value!r}")
    if value.startswith(_ZERO_TIME_PREFIX):
        return None
    return dt.date.fromisoformat(value[:10])


def _check(kind: type, accept: tuple[type, ...]) -> Callable[[Any, Any], Any]:
    def hook(value: Any, _: Any) -> Any:
        if isinstance(value, bool) and bool not in accept:
            raise ValueError(f"expected {kind.__name__}, got bool {value!r}")
        if not isinstance(value, accept):
            raise ValueError(f"expected {kind.__name__}, got {type(value).__name__} {value!r}")
        return kind(value)

    return hook


def _lenient_enum(tp: Any) -> type[enum.Enum] | None:
    """The enum of a ``SomeEnum | str [| None]`` union whose enum has ``parse_lenient``, else None."""
    if typing.get_origin(tp) not in (types.UnionType, typing.Union):
        return None
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    enums = [a for a in args if isinstance(a, type) and issubclass(a, enum.Enum)]
    if len(enums) == 1 and str in args and len(args) == 2 and hasattr(enums[0], "parse_lenient"):
        return enums[0]
    return None


def _enum_union_hook(tp: Any) -> Callable[[Any, Any], Any]:
    cls: Any = _lenient_enum(tp)
    optional = type(None) in typing.get_args(tp)

    def hook(value: Any, _: Any) -> Any:
        if value is None and optional:
            return None
        if not isinstance(value, str | bool):
            raise ValueError(f"expected a {cls.__name__} string, got {type(value).__name__} {value!r}")
        return cls.parse_lenient(value)

    return hook


def _is_homogeneous_tuple(tp: Any) -> bool:
    origin: Any = typing.get_origin(tp)
    return bool(is_sequence(tp)) and origin is tuple and typing.get_args(tp)[-1:] == (...,)


def _rename_notes(exc: ClassValidationError, keys: Mapping[str, str]) -> None:
    """Make error paths show JSON keys (``$.serverroleId``) instead of attribute names."""
    for sub in exc.exceptions:
        notes = getattr(sub, "__notes__", None)
        if notes:
            sub.__notes__ = [
                AttributeValidationNote(str(note), keys.get(note.name, note.name), note.type)
                if isinstance(note, AttributeValidationNote)
                else note
                for note in notes
            ]


def _embedded(cls: type) -> list[tuple[str, type]]:
    attrs.resolve_types(cls)
    return [(a.name, a.type) for a in attrs.fields(cls) if a.metadata.get("embed")]


def _build(profile: ApiProfile, strict: bool) -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=strict, detailed_validation=True)

    def renames(cls: type) -> dict[str, Any]:
        return {a.name: override(rename=json_key(a, profile)) for a in attrs.fields(cls)}

    def structure_hook(cls: type) -> Any:
        keys = {a.name: json_key(a, profile) for a in attrs.fields(cls)}
        base: Any = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=strict, **renames(cls))
        nests = [
            (keys[name], {json_key(a, profile) for a in attrs.fields(sub)}) for name, sub in _embedded(cls)
        ]

        def hook(data: Any, tp: Any) -> Any:
            if nests and isinstance(data, Mapping):
                data = dict(data)
                for outer, inner_keys in nests:
                    data[outer] = {key: data.pop(key) for key in inner_keys if key in data}
            try:
                return base(data, tp)
            except ClassValidationError as exc:
                _rename_notes(exc, keys)
                raise

        return hook

    def unstructure_hook(cls: type) -> Any:
        base: Any = make_dict_unstructure_fn(cls, converter, **renames(cls))
        outers = [json_key(attrs.fields_dict(cls)[name], profile) for name, _ in _embedded(cls)]
        if not outers:
            return base

        def hook(obj: Any) -> Any:
            data = base(obj)
            for outer in outers:
                data.update(data.pop(outer))
            return data

        return hook

    def tuple_hook(tp: Any) -> Any:
        base = homogenous_tuple_structure_factory(tp, converter)

        def hook(value: Any, _: Any) -> Any:
            if value is None:
                return ()
            if not isinstance(value, list | tuple):
                raise ValueError(f"expected a list, got {type(value).__name__} {value!r}")
            return base(value, tp)

        return hook

    converter.register_structure_hook_factory(attrs.has, structure_hook)
    converter.register_unstructure_hook_factory(attrs.has, unstructure_hook)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook)
    converter.register_structure_hook_factory(lambda t: _lenient_enum(t) is not None, _enum_union_hook)
    converter.register_structure_hook(bool, _check(bool, (bool,)))
    converter.register_structure_hook(int, _check(int, (int,)))
    converter.register_structure_hook(float, _check(float, (int, float)))
    converter.register_structure_hook(str, _check(str, (str,)))
    converter.register_structure_hook(dt.datetime, lambda v, _: parse_datetime(v))
    converter.register_structure_hook(dt.date, lambda v, _: parse_date(v))
    converter.register_unstructure_hook(dt.datetime, lambda v: v.isoformat().replace("+00:00", "Z"))
    converter.register_unstructure_hook(dt.date, lambda v: v.isoformat())
    return converter


@functools.lru_cache(maxsize=16)
def converter_for(profile: ApiProfile, *, strict: bool) -> cattrs.Converter:
    """The converter for ``profile``; cached, so each profile's hooks are built once.

    Keys marked ``metadata={"profile": (section, name)}`` (external scans, role SSVC settings) are
    read from ``profile``; every other key is fixed.
    """
    return _build(profile, strict)


def strict_from_env() -> bool:
    """True when ``FUTUREVULS_STRICT_MODELS`` asks for strict models (any value but ``""``/0/false/no)."""
    return os.environ.get(STRICT_ENV_VAR, "").strip().lower() not in {"", "0", "false", "no"}


def default_converter(profile: ApiProfile | None = None) -> cattrs.Converter:
    """The converter clients use: strict when ``FUTUREVULS_STRICT_MODELS=1`` is set."""
    return converter_for(profile or ApiProfile(), strict=strict_from_env())
