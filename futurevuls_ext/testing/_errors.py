"""HTTP errors inside the fake, rendered as goa v3 error bodies (reference §1.5, inferred shape).

``{"name": "...", "id": "...", "message": "...", "temporary": false, "timeout": false, "fault": false}``
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any, TypeVar

from .._exceptions import FutureVulsError

__all__ = ["HttpError", "bad_request", "found", "goa_body", "not_found"]

K = TypeVar("K")
V = TypeVar("V")


class HttpError(FutureVulsError):
    """Raised by a handler to answer with an error status and a goa-style body; never leaves the fake."""

    def __init__(
        self, status: int, name: str, message: str, *, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.name = name
        self.message = message
        self.headers = dict(headers or {})


def goa_body(name: str, message: str, *, fault: bool = False, temporary: bool = False) -> dict[str, Any]:
    """A goa v3 default error body with a fresh random id."""
    return {
        "name": name,
        "id": secrets.token_urlsafe(6),
        "message": message,
        "temporary": temporary,
        "timeout": False,
        "fault": fault,
    }


def bad_request(message: str, *, name: str = "bad_request") -> HttpError:
    """A 400 with a goa validation error name (``missing_field``, ``invalid_enum_value``...)."""
    return HttpError(400, name, message)


def not_found(what: str) -> HttpError:
    """A 404 naming what was not found."""
    return HttpError(404, "not_found", f"{what} not found")


def found(table: Mapping[K, V], key: K, what: str) -> V:
    """``table[key]``, or a 404 naming ``what`` and the key (``task 12 not found``)."""
    item = table.get(key)
    if item is None:
        raise not_found(f"{what} {key}")
    return item
