"""Workflow namespaces written once: each method builds a program; Client runs it, AsyncClient awaits it.

A namespace (``client.exposure``, ``client.triage``, ``client.nmap``) is one class of methods
decorated with :class:`workflow`. Each method returns the *program* of its workflow (see
:mod:`futurevuls_ext._core.program`); the descriptor turns it into a method that runs the program
with the client's runner: on a :class:`SyncNamespace` it returns the result, on an
:class:`AsyncNamespace` it is a coroutine. The two variants are declared with one line each::

    class Exposure(SyncNamespace, ExposureMethods): ...
    class AsyncExposure(AsyncNamespace, ExposureMethods): ...

so the names and signatures cannot drift apart. ``help()``, ``inspect.signature`` and type checkers
see the real keyword signature; an unknown keyword raises :class:`UnknownOptionError` naming the
closest one before anything runs.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from ._core.program import AsyncRunner, Program, SyncRunner
from ._keywords import checked_keywords
from .profile import ApiProfile

__all__ = ["AsyncNamespace", "SyncNamespace", "workflow"]

P = ParamSpec("P")
R = TypeVar("R")
RunnerT = TypeVar("RunnerT", SyncRunner, AsyncRunner)


class _Namespace(Generic[RunnerT]):
    """What both namespace kinds hold: the client's runner (the one way in) and its profile."""

    def __init__(self, runner: RunnerT) -> None:
        self._runner: RunnerT = runner
        self._profile: ApiProfile = runner.profile

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class SyncNamespace(_Namespace[SyncRunner]):
    """Base of a workflow namespace of :class:`~futurevuls_ext.Client`: methods return results."""


class AsyncNamespace(_Namespace[AsyncRunner]):
    """Base of a workflow namespace of :class:`~futurevuls_ext.AsyncClient`: methods are awaited."""


def _signature(build: Callable[..., Any], returns: Any) -> inspect.Signature:
    signature = inspect.signature(build)
    return signature.replace(return_annotation=returns)


class workflow(Generic[P, R]):
    """Turn a program-building method into a method of both namespace kinds (see the module doc)."""

    def __init__(self, build: Callable[Concatenate[Any, P], Program[R]]) -> None:
        self._build = build
        functools.update_wrapper(self, build)  # type: ignore[arg-type]
        returns = str(inspect.signature(build).return_annotation)
        result = returns.removeprefix("Program[").removesuffix("]")
        self._sync = self._make_sync(result)
        self._async = self._make_async(f"Awaitable[{result}]")

    def _make_sync(self, returns: str) -> Callable[..., Any]:
        build = self._build

        def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            return self._runner.run(build(self, *args, **kwargs))

        functools.update_wrapper(method, build)
        method.__signature__ = _signature(build, returns)  # type: ignore[attr-defined]
        return checked_keywords(method)

    def _make_async(self, returns: str) -> Callable[..., Any]:
        build = self._build

        async def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            return await self._runner.run(build(self, *args, **kwargs))

        functools.update_wrapper(method, build)
        method.__doc__ = f"Awaited: {build.__doc__ or ''}"
        method.__signature__ = _signature(build, returns)  # type: ignore[attr-defined]
        return checked_keywords(method)

    @overload
    def __get__(self, obj: SyncNamespace, owner: type[Any] | None = None) -> Callable[P, R]: ...

    @overload
    def __get__(self, obj: AsyncNamespace, owner: type[Any] | None = None) -> Callable[P, Awaitable[R]]: ...

    @overload
    def __get__(self, obj: None, owner: type[Any] | None = None) -> Callable[..., Any]: ...

    def __get__(self, obj: Any, owner: type[Any] | None = None) -> Any:
        kind = type(obj) if obj is not None else owner
        method = self._async if kind is not None and issubclass(kind, AsyncNamespace) else self._sync
        return method if obj is None else method.__get__(obj, owner)
