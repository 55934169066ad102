"""Paging (reference §1.6): the ``paging`` envelope, the next-page decision and the runaway guard.

A listing is driven by a :class:`PageCursor`: the shells ask it which page to fetch, hand it each
answer, and stop when it says the listing is complete. The cursor refuses to go on (:class:`PagingError`)
when a page repeats the previous one, when the answer is for another page than the one asked for (a
server that ignores ``page=``), and past the client's page cap, so a misbehaving server can never drive
an endless listing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Generic, TypeVar

from attrs import define, field, frozen

from .._exceptions import InvalidArgumentError, PagingError, ResponseValidationError

__all__ = [
    "DEFAULT_MAX_PAGES",
    "MAX_PAGE_SIZE",
    "Page",
    "PageCursor",
    "PageInfo",
    "check_page_options",
    "next_page",
    "page_step",
    "split_page",
]

T = TypeVar("T")

DEFAULT_MAX_PAGES = 10_000
"""Default page cap of one listing (``Client(max_pages=...)``): a million items at 100 per page."""
MAX_PAGE_SIZE = 1000
"""The API's largest ``limit``."""


@frozen(kw_only=True)
class PageInfo:
    """The ``paging`` object of a list response."""

    page: int
    limit: int
    offset: int
    total_count: int
    total_page: int


_PAGING_KEYS: tuple[tuple[str, str], ...] = (
    ("page", "page"),
    ("limit", "limit"),
    ("offset", "offset"),
    ("total_count", "totalCount"),
    ("total_page", "totalPage"),
)


def _paging_int(raw: dict[str, Any], key: str) -> int:
    """One paging number: an integer (or a lossless spelling of one), 0 when absent or null.

    Raises:
        ResponseValidationError: for anything else (a bool, ``2.5``, a non-ASCII digit string...).
    """
    value = raw.get(key)
    if value is None:
        return 0
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.isascii() and value.strip().lstrip("-").isdigit():
        return int(value)
    raise ResponseValidationError(
        "list response has a malformed paging envelope",
        errors=[f"expected an integer, got {type(value).__name__} @ $.paging.{key}"],
    )


def _page_info(raw: object) -> PageInfo | None:
    if not isinstance(raw, dict):
        return None
    return PageInfo(**{field: _paging_int(raw, key) for field, key in _PAGING_KEYS})


def split_page(body: Any, items_key: str) -> tuple[list[Any], PageInfo | None]:
    """Split a list response into its raw items and its paging info.

    A missing or null item list means an empty page (the spec marks both keys optional).

    Raises:
        ResponseValidationError: when the body is not an object, the items are not a list, or a paging
            number is not an integer.
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


def check_page_options(*, page_size: int | None, max_items: int | None) -> None:
    """Validate the ``page_size`` and ``max_items`` arguments of a list method.

    Raises:
        InvalidArgumentError: naming the argument and the allowed range.
    """
    if page_size is not None and (isinstance(page_size, bool) or not 1 <= page_size <= MAX_PAGE_SIZE):
        raise InvalidArgumentError(
            f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE} (the API's limit), got {page_size!r}"
        )
    if max_items is not None and (isinstance(max_items, bool) or max_items < 0):
        raise InvalidArgumentError(f"max_items must be a whole number >= 0 (None: all), got {max_items!r}")


@frozen(kw_only=True)
class Page(Generic[T]):
    """One page of a listing: its items and what the API said about the whole listing."""

    items: tuple[T, ...]
    """The page's items, decoded."""
    number: int
    """The page number (1-based)."""
    total_count: int | None = None
    """``paging.totalCount``: items in the whole listing, when the API said."""
    total_pages: int | None = None
    """``paging.totalPage``: pages in the whole listing, when the API said."""

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        of = f" of {self.total_pages}" if self.total_pages else ""
        return f"<Page {self.number}{of}: {len(self.items)} items>"


@define
class PageCursor:
    """Where a listing stands: the page to fetch next (None when complete), guarded against runaways.

    Args:
        max_pages: the page cap; asking for a page beyond it raises :class:`PagingError`.
    """

    max_pages: int = DEFAULT_MAX_PAGES
    page: int | None = 1
    """The page to fetch next; None once the listing is complete."""
    _previous: list[Any] | None = field(default=None, repr=False)

    def current(self) -> int:
        """The page to fetch now; ValueError once the listing is complete."""
        if self.page is None:
            raise ValueError("the listing is already complete")
        return self.page

    def advance(self, body: Any, items_key: str, *, url: str = "") -> tuple[list[Any], PageInfo | None]:
        """Take the answer for :attr:`page`; returns its raw items and paging info, moves to the next page.

        Raises:
            ResponseValidationError: the body is not a list response.
            PagingError: the page repeats the previous one, answers for another page, or the next page
                would pass ``max_pages``.
        """
        items, info = split_page(body, items_key)
        self.accept(items, info, url=url)
        return items, info

    def accept(self, items: list[Any], info: PageInfo | None, *, url: str = "") -> None:
        """Take the split answer (raw items, paging info) for :attr:`page` and move to the next page.

        Raises:
            PagingError: as :meth:`advance`.
        """
        asked = self.current()
        if info is not None and info.page > 0 and info.page != asked:
            raise PagingError(
                f"asked for page {asked} of {url or 'a listing'} but the API answered page {info.page}; "
                "stopped, since a server that ignores page= would be listed forever",
                page=asked,
                method="GET",
                url=url,
            )
        if items and items == self._previous:
            raise PagingError(
                f"page {asked} of {url or 'a listing'} repeats page {asked - 1}; stopped, since a listing "
                "that does not advance would never end",
                page=asked,
                method="GET",
                url=url,
            )
        self._previous = items
        following = next_page(asked, info, len(items))
        if following is not None and following > self.max_pages:
            total = f" (the API says {info.total_page})" if info is not None else ""
            raise PagingError(
                f"{url or 'the listing'} has more than max_pages={self.max_pages} pages{total}; stopped at "
                "the page cap: list less (filters, max_items=) or raise the client's max_pages",
                page=asked,
                method="GET",
                url=url,
            )
        self.page = following
