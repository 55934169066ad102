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
dates are ``YYYY-MM-DD`` (a datetime string is cut to its date); a list that is null reads as ``()``;
a field typed ``SomeEnum | str`` is parsed with ``SomeEnum.parse_lenient`` so unknown future values are
kept as strings.

Two modes (:func:`converter_for`'s ``strict``):

* **tolerant** (the default of every client): a key the spec marks required but the answer leaves out
  reads as None / the empty collection (the live API omits empty and unset keys); an unknown key is
  kept in the model's ``extra`` mapping; a value of another JSON type is coerced only when nothing is
  lost (``"12"`` -> 12, ``12.0`` -> 12, ``7`` -> ``"7"``, ``"true"`` -> True); anything else is an error.
* **strict** (``Client(strict_responses=True)``; the project's own tests): a missing spec-required key,
  an unknown key or a value of another JSON type is an error.

Errors name the JSONPath (``required field missing @ $.tasks[0].osFamily``).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import enum
import functools
import math
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, is_sequence
from cattrs.errors import AttributeValidationNote, ClassValidationError, ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .models._base import EXTRA_KEY
from .profile import ApiProfile

__all__ = [
    "api_name",
    "converter_for",
    "default_converter",
    "json_key",
    "parse_date",
    "parse_datetime",
    "strict_responses_by_default",
    "strict_responses_default",
]

_STRICT_DEFAULT: contextvars.ContextVar[bool] = contextvars.ContextVar("strict_responses", default=False)

_INT_RE: Final = re.compile(r"[+-]?[0-9]+")
_FLOAT_RE: Final = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
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


def _type_error(kind: type, value: Any) -> ValueError:
    return ValueError(f"expected {kind.__name__}, got {type(value).__name__} {value!r}")


def _exact(kind: type, accept: tuple[type, ...]) -> Callable[[Any, Any], Any]:
    """Strict: the JSON value must already have the type (a bool is not an int)."""

    def hook(value: Any, _: Any) -> Any:
        if (isinstance(value, bool) and bool not in accept) or not isinstance(value, accept):
            raise _type_error(kind, value)
        return kind(value)

    return hook


def _lossless_int(value: Any, _: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INT_RE.fullmatch(value.strip()):
        return int(value.strip())
    raise _type_error(int, value)


def _lossless_float(value: Any, _: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str) and _FLOAT_RE.fullmatch(value.strip()):
        result = float(value.strip())
        if math.isfinite(result):
            return result
    raise _type_error(float, value)


def _lossless_str(value: Any, _: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise _type_error(str, value)


def _lossless_bool(value: Any, _: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return bool(value == "true")
    raise _type_error(bool, value)


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


def _is_simple_optional(tp: Any) -> bool:
    """``X | None`` with one ``X`` (``SomeEnum | str | None`` has its own hook)."""
    if typing.get_origin(tp) not in (types.UnionType, typing.Union):
        return False
    args = typing.get_args(tp)
    return type(None) in args and len(args) == 2


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


def _data_fields(cls: type) -> list[attrs.Attribute[Any]]:
    return [a for a in attrs.fields(cls) if not a.metadata.get("extra")]


def _has_extra(cls: type) -> bool:
    return any(a.metadata.get("extra") for a in attrs.fields(cls))


def _strict_error(cls: type, missing: list[tuple[str, Any]], unknown: set[str]) -> ClassValidationError:
    errors: list[Exception] = []
    if unknown:
        errors.append(
            ForbiddenExtraKeysError(f"Extra fields in constructor for {cls.__name__}", cls, unknown)
        )
    for key, tp in missing:
        error = KeyError(key)
        error.__notes__ = [AttributeValidationNote(f"Required field {key} missing", key, tp)]
        errors.append(error)
    return ClassValidationError(f"While structuring {cls.__name__}", errors, cls)


def _not_an_object(value: Any) -> ValueError:
    return ValueError(f"expected a JSON object, got {type(value).__name__} {value!r}")


def _build(profile: ApiProfile, strict: bool) -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=strict, detailed_validation=True)

    def renames(cls: type) -> dict[str, Any]:
        names = {a.name: override(rename=json_key(a, profile)) for a in _data_fields(cls)}
        if _has_extra(cls):
            names["extra"] = override(rename=EXTRA_KEY, omit=strict)
        return names

    def structure_hook(cls: type) -> Any:
        fields = _data_fields(cls)
        keys = {a.name: json_key(a, profile) for a in fields}
        base: Any = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=strict, **renames(cls))
        nests = [
            (keys[name], {json_key(a, profile) for a in _data_fields(sub)}) for name, sub in _embedded(cls)
        ]
        known = set(keys.values()).union(*(inner for _, inner in nests))
        required = [(keys[a.name], a.type) for a in fields if a.metadata.get("required")]
        keep_extra = _has_extra(cls) and not strict

        def hook(data: Any, tp: Any) -> Any:
            if not isinstance(data, Mapping):
                raise _not_an_object(data)
            if strict:
                missing = [(key, kind) for key, kind in required if key not in data]
                extra_keys = data.keys() - known
                if missing or extra_keys:
                    raise _strict_error(cls, missing, set(extra_keys))
            elif keep_extra:
                unknown = data.keys() - known
                if unknown:  # copied only when needed: most objects have no unknown key
                    data = dict(data)
                    data[EXTRA_KEY] = {key: data.pop(key) for key in sorted(unknown)}
            if nests:
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
        with_extra = _has_extra(cls) and not strict

        def hook(obj: Any) -> Any:
            data = base(obj)
            for outer in outers:
                data.update(data.pop(outer))
            if with_extra:
                data.update(data.pop(EXTRA_KEY, None) or {})
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

    def optional_hook(tp: Any) -> Any:
        (inner_type,) = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = converter.get_structure_hook(inner_type)

        def hook(value: Any, _: Any) -> Any:  # cattrs' own looks the inner hook up on every call
            return None if value is None else inner(value, inner_type)

        return hook

    converter.register_structure_hook_factory(_is_simple_optional, optional_hook)
    converter.register_structure_hook_factory(attrs.has, structure_hook)
    converter.register_unstructure_hook_factory(attrs.has, unstructure_hook)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook)
    converter.register_structure_hook_factory(lambda t: _lenient_enum(t) is not None, _enum_union_hook)
    if strict:
        converter.register_structure_hook(bool, _exact(bool, (bool,)))
        converter.register_structure_hook(int, _exact(int, (int,)))
        converter.register_structure_hook(float, _exact(float, (int, float)))
        converter.register_structure_hook(str, _exact(str, (str,)))
    else:
        converter.register_structure_hook(bool, _lossless_bool)
        converter.register_structure_hook(int, _lossless_int)
        converter.register_structure_hook(float, _lossless_float)
        converter.register_structure_hook(str, _lossless_str)
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


def strict_responses_default() -> bool:
    """What ``strict_responses=None`` means for a client built now (False unless a test suite asked)."""
    return _STRICT_DEFAULT.get()


@contextlib.contextmanager
def strict_responses_by_default(strict: bool = True) -> Iterator[None]:
    """Within the block, clients built without ``strict_responses`` decode strictly (test suites)."""
    token = _STRICT_DEFAULT.set(strict)
    try:
        yield
    finally:
        _STRICT_DEFAULT.reset(token)


def default_converter(profile: ApiProfile | None = None, *, strict: bool = False) -> cattrs.Converter:
    """The converter clients use: tolerant unless ``strict`` (``Client(strict_responses=True)``)."""
    return converter_for(profile or ApiProfile(), strict=strict)
