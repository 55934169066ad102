"""The two uniform route shapes of the API: a paged list, and one object by its path id.

Most ``GET`` routes are one of them (reference §1.6, §2.1): ``GET /v1/tasks`` lists the selected
records in the paging envelope, ``GET /v1/task/{taskID}`` answers one record's detail or a 404.
A route table names the selection (or the lookup) and the renderer; the handler is built here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from ._http import Handler, Request, Response, json_response
from ._paging import paged
from ._validate import path_int

if TYPE_CHECKING:
    from ._state import FakeState

__all__ = ["get_route", "list_route"]

T = TypeVar("T")


def list_route(
    key: str,
    select: Callable[[FakeState, Request], Sequence[T]],
    render: Callable[[FakeState, T], Any],
) -> Handler:
    """``GET`` of a list: the records ``select`` picks, paged under ``key``, each rendered."""

    def handler(state: FakeState, req: Request) -> Response:
        return paged(req, key, select(state, req), lambda item: render(state, item))

    return handler


def get_route(
    param: str, find: Callable[[FakeState, int], T], render: Callable[[FakeState, T], Any]
) -> Handler:
    """``GET`` of one record: the integer path parameter ``param``, looked up by ``find`` (or 404)."""

    def handler(state: FakeState, req: Request) -> Response:
        return json_response(render(state, find(state, path_int(req, param))))

    return handler
