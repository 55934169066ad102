"""Paging of every list route: ``page`` (1), ``limit`` (20, 1..1000), ``offset`` (0).

The items served are ``items[start:start + limit]`` with ``start = (page - 1) * limit + offset``
(the reference's proposal, §1.6; the real combination of page and offset is unknown), and the
envelope is ``{"paging": {page, limit, offset, totalCount, totalPage}, <list key>: [...]}`` with
``totalPage = ceil(totalCount / limit)``. An empty page has no list key at all (goa ``omitempty``:
the live API answers ``{"paging": ...}``, and a client must not need ``"lockfiles": []``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final, TypeVar

from ._errors import bad_request
from ._http import Request, Response, json_response
from ._validate import query_int

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "paged"]

DEFAULT_LIMIT: Final = 20
MAX_LIMIT: Final = 1000

T = TypeVar("T")


def paged(req: Request, key: str, items: Sequence[T], render: Callable[[T], Any]) -> Response:
    """Slice ``items`` by the request's paging parameters and wrap them in the paging envelope."""
    page = query_int(req, "page", minimum=1) or 1
    limit = query_int(req, "limit", minimum=1)
    limit = DEFAULT_LIMIT if limit is None else limit
    if limit > MAX_LIMIT:
        raise bad_request(
            f'"limit" must be lesser or equal than {MAX_LIMIT} but got value {limit}', name="invalid_range"
        )
    offset = query_int(req, "offset", minimum=0) or 0
    start = (page - 1) * limit + offset
    total = len(items)
    body: dict[str, Any] = {
        "paging": {
            "page": page,
            "limit": limit,
            "offset": offset,
            "totalCount": total,
            "totalPage": -(-total // limit),
        }
    }
    shown = [render(item) for item in items[start : start + limit]]
    if shown:
        body[key] = shown
    return json_response(body)
