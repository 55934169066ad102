"""Validation of request bodies and query strings, answering 400 with goa's error names.

The fake is stricter than a goa service in one way, on purpose: unknown body keys and unknown
query parameters are rejected (when ``strict``), so a client that misspells ``roleID`` as
``roleId`` fails loudly instead of being silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from datetime import date
from typing import Any, Final

from ._errors import bad_request
from ._http import Request

__all__ = [
    "CVE_ID_RE",
    "body_bool",
    "body_date",
    "body_enum",
    "body_int",
    "body_object",
    "body_str",
    "body_str_list",
    "body_user",
    "check_query",
    "path_int",
    "query_bool",
    "query_enum_list",
    "query_int",
    "query_int_list",
    "query_str",
]

# ASCII digits only, like the real API's validation ("\d" would also take fullwidth or Arabic-Indic digits)
CVE_ID_RE: Final = re.compile(r"^CVE-[0-9]{4}-[0-9]{4,}$")
_INT_RE: Final = re.compile(r"^-?[0-9]+$")
INT64_MAX: Final = 2**63 - 1
"""Go's int64: the API cannot even decode a larger integer."""
PAGING_PARAMS: Final = frozenset({"page", "limit", "offset"})


def body_object(req: Request, allowed: Collection[str], *, required: Iterable[str] = ()) -> dict[str, Any]:
    """The JSON object body, checked for unknown keys (strict mode) and required keys."""
    body = req.body
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise bad_request("request body must be a JSON object", name="invalid_field_type")
    if req.strict:
        unknown = sorted(set(body) - set(allowed))
        if unknown:
            raise bad_request(
                f"unknown key(s) {unknown} in body; known keys: {sorted(allowed)}", name="invalid_field"
            )
    for key in required:
        if key not in body or body[key] is None:
            raise bad_request(f'"{key}" is missing from body', name="missing_field")
    return body


def _type_error(key: str, expected: str, value: Any) -> Exception:
    return bad_request(
        f'invalid value for "{key}": expected {expected}, got {value!r}', name="invalid_field_type"
    )


def body_int(body: dict[str, Any], key: str, *, minimum: int | None = 1) -> int | None:
    """An integer field (not a bool, not a string), None when absent."""
    value = body.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > INT64_MAX:
        raise _type_error(key, "integer", value)
    if minimum is not None and value < minimum:
        raise bad_request(
            f'"{key}" must be greater or equal than {minimum} but got value {value}', name="invalid_range"
        )
    return value


def body_user(body: dict[str, Any], key: str, users: Collection[int]) -> int | None:
    """A user id field (``mainUserID``, ``defaultUserID``...) that must name a member of the group."""
    value = body_int(body, key)
    if value is not None and value not in users:
        raise bad_request(f"{key} {value}: no such user in this group", name="invalid_field")
    return value


def body_str(body: dict[str, Any], key: str, *, non_empty: bool = False) -> str | None:
    """A string field, None when absent."""
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _type_error(key, "string", value)
    if non_empty and not value.strip():
        raise bad_request(f'"{key}" must not be empty', name="invalid_length")
    return value


def body_bool(body: dict[str, Any], key: str) -> bool | None:
    """A boolean field, None when absent."""
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise _type_error(key, "boolean", value)
    return value


def body_enum(body: dict[str, Any], key: str, allowed: Collection[str]) -> str | None:
    """A string field restricted to ``allowed``, None when absent."""
    value = body_str(body, key)
    if value is None:
        return None
    if value not in allowed:
        choices = ", ".join(f'"{a}"' for a in allowed)
        raise bad_request(
            f'value of {key} must be one of {choices} but got value "{value}"', name="invalid_enum_value"
        )
    return value


def body_date(body: dict[str, Any], key: str) -> str | None:
    """A ``YYYY-MM-DD`` date field, None when absent."""
    value = body_str(body, key)
    if value is None:
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        raise bad_request(
            f'"{key}" must be a date YYYY-MM-DD, got "{value}"', name="invalid_format"
        ) from None
    if len(value) != 10:
        raise bad_request(f'"{key}" must be a date YYYY-MM-DD, got "{value}"', name="invalid_format")
    return value


def body_str_list(body: dict[str, Any], key: str) -> list[str] | None:
    """A list-of-strings field, None when absent."""
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _type_error(key, "array of strings", value)
    return list(value)


def check_query(req: Request, allowed: Collection[str]) -> None:
    """Reject unknown query parameters (strict mode)."""
    if not req.strict:
        return
    unknown = sorted(set(req.query) - set(allowed))
    if unknown:
        raise bad_request(
            f"unknown query parameter(s) {unknown}; this route takes {sorted(allowed)}", name="invalid_field"
        )


def _one(req: Request, name: str) -> str | None:
    values = req.query.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise bad_request(f"query parameter {name} given {len(values)} times; it takes one value")
    return values[0]


def _parse_int(name: str, text: str, minimum: int | None) -> int:
    if not _INT_RE.match(text) or len(text.lstrip("-")) > 19 or abs(int(text)) > INT64_MAX:
        raise bad_request(
            f'invalid value for "{name}": expected integer, got "{text[:40]}"', name="invalid_field_type"
        )
    value = int(text)
    if minimum is not None and value < minimum:
        raise bad_request(
            f'"{name}" must be greater or equal than {minimum} but got value {value}', name="invalid_range"
        )
    return value


def query_int(req: Request, name: str, *, minimum: int | None = 1) -> int | None:
    """One integer query parameter, None when absent."""
    text = _one(req, name)
    return None if text is None else _parse_int(name, text, minimum)


def query_int_list(req: Request, name: str) -> list[int] | None:
    """A repeated integer query parameter, None when absent."""
    values = req.query.get(name)
    return None if not values else [_parse_int(name, v, 1) for v in values]


def query_str(req: Request, name: str) -> str | None:
    """One string query parameter, None when absent."""
    return _one(req, name)


_TRUE: Final = frozenset({"1", "t", "T", "TRUE", "true", "True"})
_FALSE: Final = frozenset({"0", "f", "F", "FALSE", "false", "False"})


def query_bool(req: Request, name: str) -> bool | None:
    """One boolean query parameter, None when absent.

    goa parses it with Go's ``strconv.ParseBool``: ``1 t T TRUE true True`` and ``0 f F FALSE false False``
    (the OpenAPI-generated Python client sends ``True``); anything else is a 400.
    """
    text = _one(req, name)
    if text is None:
        return None
    if text not in _TRUE | _FALSE:
        raise bad_request(
            f'invalid value for "{name}": expected boolean, got "{text}"', name="invalid_field_type"
        )
    return text in _TRUE


def query_enum_list(req: Request, name: str, allowed: Collection[str]) -> list[str] | None:
    """A repeated enum query parameter, None when absent."""
    values = req.query.get(name)
    if not values:
        return None
    for value in values:
        if value not in allowed:
            choices = ", ".join(f'"{a}"' for a in allowed)
            raise bad_request(
                f'value of {name} must be one of {choices} but got value "{value}"', name="invalid_enum_value"
            )
    return list(values)


def path_int(req: Request, name: str) -> int:
    """An integer path parameter (400 when it is not one)."""
    return _parse_int(name, req.params[name], 1)
