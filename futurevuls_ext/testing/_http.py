"""Request and response values passed between the HTTP plumbing and the handlers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

if TYPE_CHECKING:
    from ..profile import ApiProfile
    from ._state import FakeState

__all__ = ["EMPTY", "Handler", "Request", "Response", "json_response"]


class _Empty:
    def __repr__(self) -> str:
        return "EMPTY"


EMPTY: Any = _Empty()
"""Body marker of the void operations: 200 with an empty body."""


@frozen(kw_only=True)
class Request:
    """A decoded request: path parameters, repeated query values, JSON body."""

    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    params: dict[str, str] = field(factory=dict)
    profile: ApiProfile
    strict: bool = True


@frozen(kw_only=True)
class Response:
    """What a handler answers: a JSON value (or :data:`EMPTY`) with a status."""

    body: Any = EMPTY
    status: int = 200
    headers: dict[str, str] = field(factory=dict)


def json_response(body: Any) -> Response:
    """A 200 answer carrying ``body`` as JSON."""
    return Response(body=body)


Handler = Callable[["FakeState", Request], Response]
