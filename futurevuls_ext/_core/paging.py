"""Paging (reference §1.6): the ``paging`` envelope and the next-page decision."""

from __future__ import annotations

from typing import Any

from attrs import frozen

from .._exceptions import ResponseValidationError

__all__ = ["PageInfo", "next_page", "page_step", "split_page"]


@frozen(kw_only=True)
class PageInfo:
    """The ``paging`` object of a list response."""

    page: int
    limit: int
    offset: int
    total_count: int
    total_page: int


def _page_info(raw: object) -> PageInfo | None:
    if not isinstance(raw, dict):
        return None
    try:
        return PageInfo(
            page=int(raw.get("page", 0)),
            limit=int(raw.get("limit", 0)),
            offset=int(raw.get("offset", 0)),
            total_count=int(raw.get("totalCount", 0)),
            total_page=int(raw.get("totalPage", 0)),
        )
    except (TypeError, ValueError):
        return None


def split_page(body: Any, items_key: str) -> tuple[list[Any], PageInfo | None]:
    """Split a list response into its raw items and its paging info.

    A missing or null item list means an empty page (the spec marks both keys optional).

    Raises:
        ResponseValidationError: when the body is not an object or the items are not a list.
    """
    if not isinstance(body, dict):
        raise ResponseValidationError(
            "list response is not a JSON object", errors=[f"got {type(body).__name__} @ $"]
        )
    items = body.get(items_key)
    if items is None:
        items = []
    if not isinstance(items, list):
        raise ResponseValidationError(
            "list response has no item list", errors=[f"expected a list @ $.{items_key}"]
        )
    return items, _page_info(body.get("paging"))


def next_page(page: int, info: PageInfo | None, item_count: int) -> int | None:
    """The page to fetch after ``page``, or None when the listing is complete.

    Stops on an empty page, on a missing ``paging`` envelope, on ``totalPage == 0`` and on the last page.
    """
    if item_count == 0 or info is None or info.total_page <= 0:
        return None
    return page + 1 if page < info.total_page else None


def page_step(page: int, body: Any, items_key: str) -> tuple[list[Any], int | None]:
    """One page of a listing: its raw items and the next page number (None at the end)."""
    items, info = split_page(body, items_key)
    return items, next_page(page, info, len(items))
