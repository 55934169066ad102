"""``Call`` and ``PagedCall``: a request plus how to decode its answer, built by pure resource code."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

import cattrs
from attrs import evolve, frozen

from .._exceptions import ResponseValidationError
from .paging import Page, PageInfo
from .request import ApiRequest

__all__ = ["Call", "Decoder", "PagedCall", "decode", "decode_page", "ignore_body", "structure_as"]

T = TypeVar("T")
Decoder = Callable[[cattrs.Converter, Any], T]

DEFAULT_PAGE_SIZE = 100


@frozen(kw_only=True)
class Call(Generic[T]):
    """A request whose JSON answer ``decode`` turns into a ``T``."""

    request: ApiRequest
    decode: Decoder[T]


@frozen(kw_only=True)
class PagedCall(Generic[T]):
    """A list request; every page's ``items_key`` list is decoded item by item."""

    request: ApiRequest
    items_key: str
    decode_item: Decoder[T]
    page_size: int = DEFAULT_PAGE_SIZE
    expected_items: int = 0
    """How many items the caller expects (0: no idea): the pages they would fill are asked for at once,
    before the first answer says how many there are (see :mod:`._core.listing`)."""

    def page_request(self, page: int) -> ApiRequest:
        """The request for page ``page`` (1-based)."""
        extra = (("page", str(page)), ("limit", str(self.page_size)))
        return evolve(self.request, params=self.request.params + extra)


def structure_as(cls: type[T]) -> Decoder[T]:
    """A decoder that structures the JSON value as ``cls`` with the client's (per-profile) converter."""

    def _decode(converter: cattrs.Converter, data: Any) -> T:
        return converter.structure(data, cls)

    return _decode


def ignore_body(converter: cattrs.Converter, data: Any) -> None:
    """Decoder for operations whose 200 answer has an empty (or irrelevant) body."""
    del converter, data


def decode(
    decoder: Decoder[T], converter: cattrs.Converter, data: Any, *, method: str, url: str, path: str = "$"
) -> T:
    """Run ``decoder``, turning structuring failures into :class:`ResponseValidationError`.

    ``path`` is where ``data`` sits in the response body (``$.servers[3]`` for a list item).
    """
    try:
        return decoder(converter, data)
    except cattrs.BaseValidationError as exc:
        errors = cattrs.transform_error(exc, path=path)
        raise ResponseValidationError(
            "the API response does not match the expected model", errors=errors, method=method, url=url
        ) from None
    except (TypeError, ValueError, KeyError, ArithmeticError, RecursionError) as exc:
        raise ResponseValidationError(
            "the API response does not match the expected model",
            errors=[f"{exc} @ {path}"],
            method=method,
            url=url,
        ) from None


def decode_page(
    call: PagedCall[T],
    converter: cattrs.Converter,
    items: list[Any],
    *,
    number: int,
    info: PageInfo | None,
    url: str,
) -> Page[T]:
    """Decode the raw ``items`` of page ``number`` of ``call`` (errors name ``$.<items_key>[i]``)."""
    decoded = tuple(
        decode(call.decode_item, converter, raw, method="GET", url=url, path=f"$.{call.items_key}[{index}]")
        for index, raw in enumerate(items)
    )
    return Page(
        items=decoded,
        number=number,
        total_count=None if info is None else info.total_count,
        total_pages=None if info is None else info.total_page,
    )
