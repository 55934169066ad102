"""What list methods return: a small iterable over items, with page access and an item cap.

``for server in client.servers.list()`` iterates items across pages, fetching lazily;
``for page in client.servers.list().iter_pages()`` (or ``.pages()``) iterates :class:`Page` objects;
``max_items=`` stops after that many items. Each iteration starts a fresh listing. The async twin is
``async for``-ed. Every paging decision is in :mod:`._core.paging`; these classes only loop.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from attrs import evolve

from ._core.paging import Page, PageCursor

if TYPE_CHECKING:
    from ._config import ClientConfig
    from ._core.call import PagedCall
    from ._shells import AsyncShell, SyncShell  # noqa: F401 - the pagers' shell types, named in strings below

__all__ = ["AsyncPager", "SyncPager"]

T = TypeVar("T")


class _Configured(Protocol):
    @property
    def config(self) -> ClientConfig: ...


ShellT = TypeVar("ShellT", bound=_Configured)


def _first_call(call: PagedCall[T], max_items: int | None) -> PagedCall[T]:
    """Ask for no more than ``max_items`` when they fit in one page."""
    if max_items is not None and 0 < max_items < call.page_size:
        return evolve(call, page_size=max_items)
    return call


def _cut(page: Page[T], left: int | None) -> Page[T]:
    return page if left is None or len(page.items) <= left else evolve(page, items=page.items[:left])


class _Walk:
    """One iteration of a listing: its cursor and how many items are still wanted."""

    def __init__(self, max_pages: int, max_items: int | None) -> None:
        self.cursor = PageCursor(max_pages=max_pages)
        self.left = max_items

    def more(self) -> bool:
        """Whether to fetch another page."""
        return self.cursor.page is not None and (self.left is None or self.left > 0)

    def take(self, page: Page[T]) -> Page[T]:
        """``page``, cut to the items still wanted."""
        page = _cut(page, self.left)
        if self.left is not None:
            self.left -= len(page.items)
        return page


class _Pager(Generic[ShellT, T]):
    """What both pagers hold: the shell, the first page's call and the item cap."""

    def __init__(self, shell: ShellT, call: PagedCall[T], *, max_items: int | None = None) -> None:
        self._shell: ShellT = shell
        self._call = _first_call(call, max_items)
        self.max_items = max_items
        """The item cap given to ``list``, or None."""

    @property
    def page_size(self) -> int:
        """Items asked for per page (``limit``)."""
        return self._call.page_size

    def _walk(self) -> _Walk:
        return _Walk(self._shell.config.max_pages, self.max_items)

    def __repr__(self) -> str:
        cap = "" if self.max_items is None else f" max_items={self.max_items}"
        return f"<{type(self).__name__} {self._call.request.path} page_size={self.page_size}{cap}>"


class SyncPager(_Pager["SyncShell", T]):
    """The items of a listing, page by page; returned by every ``list`` method of :class:`Client`."""

    def iter_pages(self) -> Iterator[Page[T]]:
        """Each page in turn (the last one cut to ``max_items``)."""
        walk = self._walk()
        while walk.more():
            yield walk.take(self._shell.page(self._call, walk.cursor))

    pages = iter_pages

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.items


class AsyncPager(_Pager["AsyncShell", T]):
    """The items of a listing, page by page; returned by every ``list`` method of :class:`AsyncClient`."""

    async def iter_pages(self) -> AsyncIterator[Page[T]]:
        """Each page in turn (the last one cut to ``max_items``)."""
        walk = self._walk()
        while walk.more():
            yield walk.take(await self._shell.page(self._call, walk.cursor))

    pages = iter_pages

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item
