"""Namespace methods written once: each method builds a value; Client runs it, AsyncClient awaits it.

A namespace (``client.exposure``, ``client.triage``, ``client.nmap``, and the resource namespaces
``client.servers``...) is one class of methods decorated with a :class:`TwinMethod` descriptor. Each
method *builds* what its call does; the descriptor turns it into a method that does the I/O with it:
on a :class:`SyncNamespace` it returns the result, on an :class:`AsyncNamespace` it is awaited. The
two variants are declared with one line each::

    class Exposure(SyncNamespace, ExposureMethods): ...
    class AsyncExposure(AsyncNamespace, ExposureMethods): ...

so the names and signatures cannot drift apart. ``help()``, ``inspect.signature`` and type checkers
see the real keyword signature.

:class:`workflow` methods build a *program* (see :mod:`futurevuls_ext._core.program`) that the
client's runner runs; an unknown keyword raises :class:`UnknownOptionError` naming the closest one
before anything runs. The resource descriptors (``endpoint``, ``paged`` in
:mod:`futurevuls_ext.resources._base`) are the same mechanism for one request and for a listing.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, ClassVar, Concatenate, Generic, ParamSpec, Protocol, TypeVar, overload

from ._core.program import AsyncRunner, Program, SyncRunner
from ._keywords import checked_keywords
from .profile import ApiProfile

__all__ = ["AsyncNamespace", "Awaited", "SyncNamespace", "TwinMethod", "namespace", "workflow"]

P = ParamSpec("P")
R = TypeVar("R")
B = TypeVar("B")


class _Resource(Protocol):
    """A resource namespace: made from the namespace it hangs off (a client or a resource)."""

    def __init__(self, parent: Any, /) -> None: ...


S = TypeVar("S", bound=_Resource)
A = TypeVar("A", bound=_Resource)
RunnerT = TypeVar("RunnerT", SyncRunner, AsyncRunner)

Method = Callable[..., Any]


class _Namespace(Generic[RunnerT]):
    """What both namespace kinds hold: the client's runner (the one way in) and its profile."""

    def __init__(self, runner: RunnerT) -> None:
        self._runner: RunnerT = runner
        self._profile: ApiProfile = runner.profile

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class SyncNamespace(_Namespace[SyncRunner]):
    """Base of a namespace of :class:`~futurevuls_ext.Client`: methods return results."""


class AsyncNamespace(_Namespace[AsyncRunner]):
    """Base of a namespace of :class:`~futurevuls_ext.AsyncClient`: methods are awaited."""


class TwinMethod(Generic[P, B]):
    """A method of both namespace kinds, from one builder (``build(self, ...) -> B``).

    A subclass says what the builder's return annotation wraps (:attr:`built`: ``Program[R]`` means
    the methods return ``R``), how the two variants show their result type, and how each variant does
    the I/O with what the builder made (:meth:`_sync_method`, :meth:`_async_method`); this class gives
    both variants the builder's name, doc and real signature, and picks one by the namespace kind.
    """

    built: ClassVar[str]
    """The generic the builder returns (``"Program"``): its argument is the methods' result type."""
    sync_returns: ClassVar[str] = "{}"
    async_returns: ClassVar[str] = "{}"
    async_doc: ClassVar[str] = ""
    """Put before the builder's doc on the async variant."""
    checks_keywords: ClassVar[bool] = False
    """Wrap both variants in :func:`~futurevuls_ext._keywords.checked_keywords`."""

    def __init__(self, build: Callable[Concatenate[Any, P], B]) -> None:
        functools.update_wrapper(self, build)  # type: ignore[arg-type]
        returns = str(inspect.signature(build).return_annotation)
        result = returns.removeprefix(f"{self.built}[").removesuffix("]")
        self._sync = self._finish(self._sync_method(build), build, self.sync_returns.format(result), "")
        self._async = self._finish(
            self._async_method(build), build, self.async_returns.format(result), self.async_doc
        )

    def _sync_method(self, build: Method) -> Method:
        raise NotImplementedError

    def _async_method(self, build: Method) -> Method:
        raise NotImplementedError

    def _finish(self, method: Method, build: Method, returns: str, doc: str) -> Method:
        functools.update_wrapper(method, build)
        if doc:
            method.__doc__ = doc + (build.__doc__ or "")
        signature = inspect.signature(build)
        method.__signature__ = signature.replace(return_annotation=returns)  # type: ignore[attr-defined]
        return checked_keywords(method) if self.checks_keywords else method

    def __get__(self, obj: Any, owner: type[Any] | None = None) -> Any:
        kind = type(obj) if obj is not None else owner
        method = self._async if kind is not None and issubclass(kind, AsyncNamespace) else self._sync
        return method if obj is None else method.__get__(obj, owner)


class Awaited(TwinMethod[P, B], Generic[P, B, R]):
    """A :class:`TwinMethod` that hands what it built to the namespace's sender (:meth:`_sender`).

    The sync variant returns what the sender returns (``R``); the async variant awaits it.
    """

    @staticmethod
    def _sender(namespace: Any) -> Callable[[Any], Any]:
        """What sends the built value on ``namespace`` (its runner's ``run``, its shell's ``call``)."""
        raise NotImplementedError

    def _sync_method(self, build: Method) -> Method:
        sender = self._sender

        def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            return sender(self)(build(self, *args, **kwargs))

        return method

    def _async_method(self, build: Method) -> Method:
        sender = self._sender

        async def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            return await sender(self)(build(self, *args, **kwargs))

        return method

    if TYPE_CHECKING:

        @overload
        def __get__(self, obj: SyncNamespace, owner: type[Any] | None = None) -> Callable[P, R]: ...

        @overload
        def __get__(
            self, obj: AsyncNamespace, owner: type[Any] | None = None
        ) -> Callable[P, Coroutine[Any, Any, R]]: ...

        @overload
        def __get__(self, obj: None, owner: type[Any] | None = None) -> Callable[..., Any]: ...

        def __get__(self, obj: Any, owner: type[Any] | None = None) -> Any: ...


class workflow(Awaited[P, Program[R], R], Generic[P, R]):
    """Turn a program-building method into a method of both namespace kinds (see the module doc)."""

    built = "Program"
    async_returns = "Awaitable[{}]"
    async_doc = "Awaited: "
    checks_keywords = True

    @staticmethod
    def _sender(namespace: Any) -> Callable[[Any], Any]:
        return namespace._runner.run  # type: ignore[no-any-return]


class namespace(Generic[S, A]):
    """A resource namespace on a client or a resource (``client.servers``, ``client.group_set.tasks``).

    ``classes`` gives the sync and the async class (called on first use, so their modules load late);
    a :class:`SyncNamespace` gets an instance of the first, an :class:`AsyncNamespace` of the second,
    made on first access and kept (like ``functools.cached_property``).
    """

    def __init__(self, classes: Callable[[], tuple[type[S], type[A]]], doc: str) -> None:
        self._classes = classes
        self._name = ""
        self.__doc__ = doc

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self._name = name

    @overload
    def __get__(self, obj: SyncNamespace, owner: type[Any] | None = None) -> S: ...

    @overload
    def __get__(self, obj: AsyncNamespace, owner: type[Any] | None = None) -> A: ...

    @overload
    def __get__(self, obj: None, owner: type[Any] | None = None) -> namespace[S, A]: ...

    def __get__(self, obj: Any, owner: type[Any] | None = None) -> Any:
        if obj is None:
            return self
        sync, async_ = self._classes()
        child = (async_ if isinstance(obj, AsyncNamespace) else sync)(obj)
        obj.__dict__[self._name] = child  # found before this descriptor from now on
        return child
