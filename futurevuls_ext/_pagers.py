"""What list methods return: a small iterable over items, with page access and an item cap.

``for server in client.servers.list()`` iterates items across pages, fetching lazily;
``for page in client.servers.list().iter_pages()`` (or ``.pages()``) iterates :class:`Page` objects;
``max_items=`` stops after that many items. Each iteration starts a fresh listing. The async twin is
``async for``-ed. Every paging decision is in :mod:`._core.paging`; these classes only loop.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Generic, TypeVar

from attrs import evolve

from ._core.paging import Page, PageCursor

if TYPE_CHECKING:
    from ._core.call import PagedCall
    from ._shells import AsyncShell, SyncShell

__all__ = ["AsyncPager", "SyncPager"]

T = TypeVar("T")


def _first_call(call: PagedCall[T], max_items: int | None) -> PagedCall[T]:
    """Ask for no more than ``max_items`` when they fit in one page."""
    if max_items is not None and 0 < max_items < call.page_size:
        return evolve(call, page_size=max_items)
    return call


def _cut(page: Page[T], left: int | None) -> Page[T]:
    return page if left is None or len(page.items) <= left else evolve(page, items=page.items[:left])


class SyncPager(Generic[T]):
    """The items of a listing, page by page; returned by every ``list`` method of :class:`Client`."""

    def __init__(self, shell: SyncShell, call: PagedCall[T], *, max_items: int | None = None) -> None:
        self._shell = shell
        self._call = _first_call(call, max_items)
        self.max_items = max_items
        """The item cap given to ``list``, or None."""

    @property
    def page_size(self) -> int:
        """Items asked for per page (``limit``)."""
        return self._call.page_size

    def iter_pages(self) -> Iterator[Page[T]]:
        """Each page in turn (the last one cut to ``max_items``)."""
        cursor = PageCursor(max_pages=self._shell.config.max_pages)
        left = self.max_items
        while cursor.page is not None and (left is None or left > 0):
            page = _cut(self._shell.page(self._call, cursor), left)
            if left is not None:
                left -= len(page.items)
            yield page

    pages = iter_pages

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.items

    def __repr__(self) -> str:
        cap = "" if self.max_items is None else f" max_items={self.max_items}"
        return f"<SyncPager {self._call.request.path} page_size={self.page_size}{cap}>"


class AsyncPager(Generic[T]):
    """The items of a listing, page by page; returned by every ``list`` method of :class:`AsyncClient`."""

    def __init__(self, shell: AsyncShell, call: PagedCall[T], *, max_items: int | None = None) -> None:
        self._shell = shell
        self._call = _first_call(call, max_items)
        self.max_items = max_items
        """The item cap given to ``list``, or None."""

    @property
    def page_size(self) -> int:
        """Items asked for per page (``limit``)."""
        return self._call.page_size

    async def iter_pages(self) -> AsyncIterator[Page[T]]:
        """Each page in turn (the last one cut to ``max_items``)."""
        cursor = PageCursor(max_pages=self._shell.config.max_pages)
        left = self.max_items
        while cursor.page is not None and (left is None or left > 0):
            page = _cut(await self._shell.page(self._call, cursor), left)
            if left is not None:
                left -= len(page.items)
            yield page

    pages = iter_pages

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item

    def __repr__(self) -> str:
        cap = "" if self.max_items is None else f" max_items={self.max_items}"
        return f"<AsyncPager {self._call.request.path} page_size={self.page_size}{cap}>"
