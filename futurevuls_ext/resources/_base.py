"""The resource namespaces' bases and method descriptors: each method is written once, for both clients.

A resource's methods live in one class (``ServersMethods``...) and build what the call sends: an
:class:`endpoint` method returns the :class:`~futurevuls_ext._core.call.Call` of its one request, a
:class:`paged` method the :class:`Listing` of its ``list``, a :class:`program` method the program of
a few requests in turn. The sync namespace sends it, the async one awaits it (the mechanism of
:mod:`futurevuls_ext._workflow`)::

    class Servers(SyncResource, ServersMethods): ...
    class AsyncServers(AsyncResource, ServersMethods): ...
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, Protocol, TypeVar, overload

from attrs import evolve, frozen

from .._core.call import Call, PagedCall
from .._core.paging import check_page_options
from .._core.program import AsyncRunner, Program, SyncRunner, answer
from .._pagers import AsyncPager, SyncPager
from .._shells import AsyncShell, SyncShell
from .._workflow import AsyncNamespace, Awaited, Method, SyncNamespace, TwinMethod, workflow
from ..profile import ApiProfile

__all__ = ["AsyncResource", "Listing", "SyncResource", "endpoint", "listing", "paged", "program"]

P = ParamSpec("P")
Q = ParamSpec("Q")
R = TypeVar("R")
T = TypeVar("T")


class _SyncParent(Protocol):
    """What a sync resource namespace hangs off: a :class:`~futurevuls_ext.Client` or a resource."""

    _runner: SyncRunner
    _shell: SyncShell


class _AsyncParent(Protocol):
    """What an async resource namespace hangs off: an :class:`~futurevuls_ext.AsyncClient` or a resource."""

    _runner: AsyncRunner
    _shell: AsyncShell


class SyncResource(SyncNamespace):
    """A namespace of :class:`~futurevuls_ext.Client` (``client.servers``, ``client.tasks``...).

    Every ``list`` method returns a :class:`~futurevuls_ext.SyncPager`: iterate it for the items (pages
    are fetched lazily), or call ``.iter_pages()``; ``page_size=`` (1-1000, default 100) sets the items per
    request and ``max_items=`` stops after that many items.
    """

    def __init__(self, parent: _SyncParent, /) -> None:
        super().__init__(parent._runner)
        self._shell = parent._shell


class AsyncResource(AsyncNamespace):
    """A namespace of :class:`~futurevuls_ext.AsyncClient`; ``list`` methods return an ``AsyncPager``.

    ``async for`` over it for the items, or over ``.iter_pages()`` for pages; ``page_size=`` and
    ``max_items=`` as on :class:`SyncResource`.
    """

    def __init__(self, parent: _AsyncParent, /) -> None:
        super().__init__(parent._runner)
        self._shell = parent._shell


@frozen
class Listing(Generic[T]):
    """What a ``list`` method builds: its paged call (page size set) and the item cap."""

    call: PagedCall[T]
    max_items: int | None


def listing(call: PagedCall[T], *, page_size: int | None, max_items: int | None) -> Listing[T]:
    """The listing of ``call`` with the ``page_size`` and ``max_items`` a ``list`` method was given.

    Raises:
        InvalidArgumentError: for a page size or an item cap out of range (before any request).
    """
    check_page_options(page_size=page_size, max_items=max_items)
    return Listing(call if page_size is None else evolve(call, page_size=page_size), max_items)


def _method_of(fn: Method, build: Method, *, skip: int) -> Method:
    """``build`` dressed as the method of builder function ``fn`` (its name and doc).

    Its signature is ``fn``'s with ``self`` in place of the first ``skip`` parameters (those the
    namespace supplies).
    """
    functools.update_wrapper(build, fn)
    signature = inspect.signature(fn)
    params = list(signature.parameters.values())[skip:]
    self = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    build.__signature__ = signature.replace(parameters=[self, *params])  # type: ignore[attr-defined]
    return build


class endpoint(Awaited[P, Call[R], R], Generic[P, R]):
    """A method of one request: the builder returns its ``Call``; sent, or awaited on async namespaces.

    Where a public method takes exactly the arguments of its builder function in ``_*_ops``, it is
    that function, sent: ``get = endpoint.of(ops.get)``; where the builder also
    takes the client's profile first, ``endpoint.with_profile(ops.create)``.
    """

    built = "Call"

    @staticmethod
    def _sender(namespace: Any) -> Callable[[Any], Any]:
        return namespace._shell.call  # type: ignore[no-any-return]

    @staticmethod
    def of(fn: Callable[Q, Call[T]]) -> endpoint[Q, T]:
        """The method that sends what ``fn`` builds, with ``fn``'s parameters and doc."""

        def build(self: Any, *args: Any, **kwargs: Any) -> Call[T]:
            return fn(*args, **kwargs)

        return endpoint(_method_of(fn, build, skip=0))

    @staticmethod
    def with_profile(fn: Callable[Concatenate[ApiProfile, Q], Call[T]]) -> endpoint[Q, T]:
        """:meth:`of` for a builder whose first parameter is the client's :class:`ApiProfile`."""

        def build(self: Any, *args: Any, **kwargs: Any) -> Call[T]:
            return fn(self._profile, *args, **kwargs)

        return endpoint(_method_of(fn, build, skip=1))

    def _sync_method(self, build: Method) -> Method:
        def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            return self._shell.call(build(self, *args, **kwargs))

        return method

    def _async_method(self, build: Method) -> Method:
        async def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            return await self._shell.call(build(self, *args, **kwargs))

        return method


class paged(TwinMethod[P, Listing[T]], Generic[P, T]):
    """A ``list`` method: the builder returns its :class:`Listing`; a ``SyncPager`` or an ``AsyncPager``."""

    built = "Listing"
    sync_returns = "SyncPager[{}]"
    async_returns = "AsyncPager[{}]"

    def _sync_method(self, build: Method) -> Method:
        def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            listed: Listing[Any] = build(self, *args, **kwargs)
            return SyncPager(self._shell, listed.call, max_items=listed.max_items)

        return method

    def _async_method(self, build: Method) -> Method:
        def method(self: Any, *args: Any, **kwargs: Any) -> Any:  # not awaited: ``async for`` over it
            listed: Listing[Any] = build(self, *args, **kwargs)
            return AsyncPager(self._shell, listed.call, max_items=listed.max_items)

        return method

    if TYPE_CHECKING:

        @overload
        def __get__(self, obj: SyncResource, owner: type[Any] | None = None) -> Callable[P, SyncPager[T]]: ...

        @overload
        def __get__(
            self, obj: AsyncResource, owner: type[Any] | None = None
        ) -> Callable[P, AsyncPager[T]]: ...

        @overload
        def __get__(self, obj: None, owner: type[Any] | None = None) -> Callable[..., Any]: ...

        def __get__(self, obj: Any, owner: type[Any] | None = None) -> Any: ...


def _last_answer(calls: tuple[Call[T], ...]) -> Program[T]:
    """Send ``calls`` in turn; the last answer."""
    answered: list[T] = []
    for call in calls:
        answered.append((yield from answer(call)))
    return answered[-1]


class program(workflow[P, R]):
    """A method of a few requests in turn: a program, run as workflows are, shown as endpoints are.

    The same doc on both clients and the awaited type as the async result, as :class:`endpoint` shows.
    """

    async_returns = "{}"
    async_doc = ""
    checks_keywords = False

    @staticmethod
    def in_turn(fn: Callable[Concatenate[ApiProfile, Q], tuple[Call[T], ...]]) -> program[Q, T]:
        """The method that sends the calls ``fn`` builds (the client's profile first) in turn.

        It answers what the last call answers; its parameters and doc are ``fn``'s.
        """

        def build(self: Any, *args: Any, **kwargs: Any) -> Program[T]:
            return _last_answer(fn(self._profile, *args, **kwargs))

        method = _method_of(fn, build, skip=1)
        signature = inspect.signature(method)
        answered = str(signature.return_annotation).removeprefix("tuple[Call[").removesuffix("], ...]")
        method.__signature__ = signature.replace(return_annotation=f"Program[{answered}]")  # type: ignore[attr-defined]
        return program(method)
