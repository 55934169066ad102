"""Base classes of the resource namespaces: they hold the client's shell and profile, nothing else."""

from __future__ import annotations

from typing import TypeVar

from attrs import evolve

from .._core.call import PagedCall
from .._core.paging import check_page_options
from .._pagers import AsyncPager, SyncPager
from .._shells import AsyncShell, SyncShell
from ..profile import ApiProfile

__all__ = ["AsyncResource", "SyncResource"]

T = TypeVar("T")


def _sized(call: PagedCall[T], page_size: int | None, max_items: int | None) -> PagedCall[T]:
    check_page_options(page_size=page_size, max_items=max_items)
    return call if page_size is None else evolve(call, page_size=page_size)


class SyncResource:
    """A namespace of :class:`~futurevuls_ext.Client` (``client.servers``, ``client.tasks``...).

    Every ``list`` method returns a :class:`~futurevuls_ext.SyncPager`: iterate it for the items (pages
    are fetched lazily), or call ``.iter_pages()``; ``page_size=`` (1-1000, default 100) sets the items per
    request and ``max_items=`` stops after that many items.
    """

    def __init__(self, shell: SyncShell, profile: ApiProfile) -> None:
        self._shell = shell
        self._profile = profile

    def _list(self, call: PagedCall[T], *, page_size: int | None, max_items: int | None) -> SyncPager[T]:
        return SyncPager(self._shell, _sized(call, page_size, max_items), max_items=max_items)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class AsyncResource:
    """A namespace of :class:`~futurevuls_ext.AsyncClient`; ``list`` methods return an ``AsyncPager``.

    ``async for`` over it for the items, or over ``.iter_pages()`` for pages; ``page_size=`` and
    ``max_items=`` as on :class:`SyncResource`.
    """

    def __init__(self, shell: AsyncShell, profile: ApiProfile) -> None:
        self._shell = shell
        self._profile = profile

    def _list(self, call: PagedCall[T], *, page_size: int | None, max_items: int | None) -> AsyncPager[T]:
        return AsyncPager(self._shell, _sized(call, page_size, max_items), max_items=max_items)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"
