"""The one cattrs converter layer: camelCase JSON keys, irregular spellings, RFC 3339 times.

Model fields map to the snake_case of their JSON key; a field whose key breaks the rule names it in
``metadata={"json": "serverroleId"}``. Converters are built per (ApiProfile, strict) and cached, so
profile-dependent keys (external scans, role SSVC fields) get their own hooks.

``strict=True`` forbids unknown keys; the project's own tests run strict (``FUTUREVULS_STRICT_MODELS=1``)
so a misspelt key fails loudly, while production tolerates new keys the API adds.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from typing import Any, Final

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .profile import ApiProfile

__all__ = ["STRICT_ENV_VAR", "api_name", "converter_for", "default_converter", "parse_datetime"]

STRICT_ENV_VAR: Final = "FUTUREVULS_STRICT_MODELS"
_ACRONYMS: Final = {"id": "ID", "ids": "IDs"}
_ZERO_TIME_PREFIX: Final = "0001-01-01"


def api_name(name: str) -> str:
    """The default JSON key of a snake_case field: ``server_id`` -> ``serverID``."""
    head, *rest = name.split("_")
    return head + "".join(_ACRONYMS.get(part, part[:1].upper() + part[1:]) for part in rest)


def json_key(attribute: attrs.Attribute[Any]) -> str:
    """The JSON key of a model attribute (metadata ``json`` wins over the default rule)."""
    return str(attribute.metadata.get("json", api_name(attribute.name)))


def parse_datetime(value: Any) -> dt.datetime | None:
    """Parse an RFC 3339 timestamp; the zero time ``0001-01-01T00:00:00Z`` and ``""`` become None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    text = str(value)
    if text.startswith(_ZERO_TIME_PREFIX):
        return None
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))


def _parse_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value)
    if text.startswith(_ZERO_TIME_PREFIX):
        return None
    return dt.date.fromisoformat(text[:10])


def _build(strict: bool) -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=strict, detailed_validation=True)

    def structure_hook(cls: type) -> Any:
        renames: dict[str, Any] = {a.name: override(rename=json_key(a)) for a in attrs.fields(cls)}
        return make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=strict, **renames)

    def unstructure_hook(cls: type) -> Any:
        renames: dict[str, Any] = {a.name: override(rename=json_key(a)) for a in attrs.fields(cls)}
        return make_dict_unstructure_fn(cls, converter, **renames)

    converter.register_structure_hook_factory(attrs.has, structure_hook)
    converter.register_unstructure_hook_factory(attrs.has, unstructure_hook)
    converter.register_structure_hook(dt.datetime, lambda v, _: parse_datetime(v))
    converter.register_structure_hook(dt.date, lambda v, _: _parse_date(v))
    converter.register_unstructure_hook(dt.datetime, lambda v: v.isoformat().replace("+00:00", "Z"))
    converter.register_unstructure_hook(dt.date, lambda v: v.isoformat())
    return converter


@functools.lru_cache(maxsize=16)
def converter_for(profile: ApiProfile, *, strict: bool) -> cattrs.Converter:
    """The converter for ``profile``; cached, so each profile's hooks are built once."""
    del profile  # profile-specific hooks are registered by the models layer
    return _build(strict)


def default_converter(profile: ApiProfile | None = None) -> cattrs.Converter:
    """The converter clients use: strict when ``FUTUREVULS_STRICT_MODELS=1`` is set."""
    strict = os.environ.get(STRICT_ENV_VAR, "") not in {"", "0", "false", "no"}
    return converter_for(profile or ApiProfile(), strict=strict)
