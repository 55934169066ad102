"""Helpers shared by the pure operation builders: the "not given" sentinel, argument checks, routes."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Mapping
from typing import Any, Final, TypeVar

from .._core.call import Call, PagedCall, structure_as
from .._core.request import ApiRequest, expand_path
from .._exceptions import ConfigError, InvalidArgumentError
from ..models.enums import _TolerantEnum
from ..profile import split_route

__all__ = [
    "NOT_GIVEN",
    "InvalidArgumentError",
    "NotGiven",
    "as_date",
    "body",
    "check_filters",
    "enum_values",
    "get_list",
    "get_one",
    "id_filters",
    "ids",
    "route",
]

T = TypeVar("T")
E = TypeVar("E", bound=_TolerantEnum)


class NotGiven(enum.Enum):
    """Type of :data:`NOT_GIVEN`: "leave this field alone" in ``update`` methods (``None`` is not "clear")."""

    NOT_GIVEN = "NOT_GIVEN"

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __str__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> bool:
        return False


NOT_GIVEN: Final = NotGiven.NOT_GIVEN


def body(**fields: Any) -> dict[str, Any]:
    """A JSON body of the given fields, leaving out those that are :data:`NOT_GIVEN`.

    Raises:
        InvalidArgumentError: for a ``None`` value: ``None`` does not clear a field, leave the argument out.
    """
    for key, value in fields.items():
        if value is None:
            raise InvalidArgumentError(
                f"None given for {key!r}: leave the argument out to keep the current value "
                "(None does not clear it)"
            )
    return {key: value for key, value in fields.items() if value is not NOT_GIVEN}


def get_one(path: str, cls: type[T]) -> Call[T]:
    """``GET path``, answered by one ``cls``."""
    return Call(request=ApiRequest(method="GET", path=path), decode=structure_as(cls))


def get_list(
    path: str, items_key: str, cls: type[T], params: tuple[tuple[str, str], ...] = ()
) -> PagedCall[T]:
    """``GET path`` of a paged listing: each page's ``items_key`` items, each a ``cls``."""
    request = ApiRequest(method="GET", path=path, params=params)
    return PagedCall(request=request, items_key=items_key, decode_item=structure_as(cls))


_split = functools.lru_cache(maxsize=128)(split_route)
"""``split_route`` once per route spelling (every create of an import has the same route)."""


def route(spec: str, values: Mapping[str, object]) -> tuple[str, str]:
    """Method and expanded path of an ``ApiProfile`` route (``"PUT /v1/externalScan/{externalScanID}"``).

    ``values`` may hold more names than the template uses; missing ones raise ``ConfigError``.
    """
    method, template = _split(spec)
    try:
        return method, expand_path(template, values)
    except ValueError as exc:
        raise ConfigError(f"profile route {spec!r}: {exc}; available names: {sorted(values)}") from None


def enum_values(cls: type[E], value: E | str | Iterable[E | str], *, argument: str) -> tuple[str, ...]:
    """API spellings of one enum value or several (members or any spelling ``cls.parse`` accepts).

    Raises:
        EnumValueError: naming the bad value and the allowed ones.
    """
    items: Iterable[E | str] = (value,) if isinstance(value, str) else value
    result = tuple(cls.parse(item).value for item in items)
    if not result:
        raise InvalidArgumentError(f"{argument} must name at least one {cls.__name__}, got an empty list")
    return result


def ids(value: int | Iterable[int] | None, *, argument: str) -> tuple[int, ...] | None:
    """One ID or several, as a tuple (None stays None)."""
    if value is None:
        return None
    items = (value,) if isinstance(value, int) else tuple(value)
    for item in items:
        if isinstance(item, bool) or not isinstance(item, int):
            raise InvalidArgumentError(f"{argument} must be integer IDs, got {item!r}")
    return items


def as_date(value: dt.date | str, *, argument: str) -> str:
    """``YYYY-MM-DD`` of a date or a date string (datetimes are cut to their date).

    Raises:
        InvalidArgumentError: when the string is not an ISO date.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except (ValueError, AttributeError):
        raise InvalidArgumentError(f"{argument} must be a date or 'YYYY-MM-DD', got {value!r}") from None


ID_FILTERS: Final = {
    "cve_id": "filterCveID",
    "task_id": "filterTaskID",
    "server_id": "filterServerID",
    "role_id": "filterRoleID",
    "pkg_id": "filterPkgID",
    "cpe_id": "filterCpeID",
}
"""The ID filters of the list endpoints: argument -> query key, the same on every endpoint that has one."""


def id_filters(filters: Mapping[str, object]) -> dict[str, Any]:
    """The query keys and values of the ID filters in ``filters`` (``server_id`` -> ``filterServerID``)."""
    return {key: filters.get(name) for name, key in ID_FILTERS.items() if name in filters}


def check_filters(filters: Mapping[str, object], allowed: type, *, what: str) -> None:
    """Refuse keyword filters that ``allowed`` (a TypedDict) does not declare: a typo must not widen a query.

    Raises:
        InvalidArgumentError: naming the unknown and the known filters.
    """
    known = set(getattr(allowed, "__annotations__", {}))
    unknown = sorted(set(filters) - known)
    if unknown:
        raise InvalidArgumentError(f"unknown {what} filter(s) {unknown}; known filters: {sorted(known)}")
