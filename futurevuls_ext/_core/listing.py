"""Every item of a listing, as a program both drivers run: pages fetched a window at a time.

A :class:`~._core.call.PagedCall` step is answered by :func:`list_pages`: it asks for the first page
(with the pages :attr:`~._core.call.PagedCall.expected_items` would fill, at once), then, once an answer
says how many pages there are (``paging.totalPage``), for the pages still missing up to
:data:`PAGE_WINDOW` at a time, concurrently. Every answer is then taken *in page order* by a
:class:`~._core.paging.PageCursor`, exactly as a page-by-page listing takes them: a page that answers
for another page, repeats the previous one or would pass ``max_pages`` stops the listing
(:class:`PagingError`), an empty page or the last page ends it, and the answers (or errors) of pages
fetched beyond the end are dropped. ``totalPage`` only decides what is fetched ahead, never what is
listed, so a server that overstates it costs at most a window of empty pages, and one that grows it
page by page is still stopped at the page cap. No page past ``max_pages`` is ever asked for.
"""

from __future__ import annotations

from math import ceil
from typing import Any, Generic, TypeVar

import cattrs
from attrs import frozen

from .._exceptions import FutureVulsError
from .call import Call, PagedCall, decode_page
from .paging import PageCursor, PageInfo, split_page
from .program import Program, answer, each

__all__ = ["PAGE_WINDOW", "FetchedPage", "list_pages", "page_call"]

T = TypeVar("T")

PAGE_WINDOW = 8
"""Pages of one listing asked for at once, at most."""


@frozen
class FetchedPage(Generic[T]):
    """One page's answer: its raw items and paging info (for the cursor) and its decoded items."""

    raw: list[Any]
    info: PageInfo | None
    items: tuple[T, ...]


def page_call(call: PagedCall[T], number: int) -> Call[FetchedPage[T]]:
    """The call fetching page ``number`` of ``call``, its answer split and its items decoded."""
    request = call.page_request(number)

    def decode(converter: cattrs.Converter, body: Any) -> FetchedPage[T]:
        raw, info = split_page(body, call.items_key)
        page = decode_page(call, converter, raw, number=number, info=info, url=request.path)
        return FetchedPage(raw, info, page.items)

    return Call(request=request, decode=decode)


def _window(call: PagedCall[Any], first: int, total: int, max_pages: int) -> range:
    """The pages to ask for from ``first``: up to what is known (or expected), a window, the cap."""
    expected = ceil(call.expected_items / call.page_size) if first == 1 else 0
    last = min(max(first, total, expected), first + PAGE_WINDOW - 1, max_pages)
    return range(first, max(first, last) + 1)


def list_pages(call: PagedCall[T], *, max_pages: int) -> Program[list[T]]:
    """Every item of every page of ``call``, in order (see the module doc).

    Raises:
        FutureVulsError: the first failure of a page within the listing (in page order), including
            :class:`PagingError` from the cursor.
    """
    cursor = PageCursor(max_pages=max_pages)
    fetched: dict[int, FetchedPage[T] | FutureVulsError] = {}
    items: list[T] = []
    total = 0
    url = call.request.path
    while cursor.page is not None:
        number = cursor.page
        if number not in fetched:
            pages = _window(call, number, total, max_pages)
            if len(pages) == 1:
                fetched[number] = yield from answer(page_call(call, number))
            else:
                calls = [page_call(call, n) for n in pages]
                fetched.update(zip(pages, (yield from each(calls, concurrency=len(calls))), strict=True))
        page = fetched.pop(number)
        if isinstance(page, FutureVulsError):
            raise page
        cursor.accept(page.raw, page.info, url=url)
        items.extend(page.items)
        total = page.info.total_page if page.info is not None else 0
    return items
