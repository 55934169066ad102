"""Workflows as programs: generators that yield steps and receive their answers.

A workflow (an import, an exposure apply, a triage queue, the Nmap job) is written once, as a
generator. It yields what it needs done and receives the answer:

* a :class:`~._core.call.Call` -> the decoded answer (a :class:`FutureVulsError` is thrown back in);
* a :class:`~._core.call.PagedCall` -> every item of every page, as a list;
* :class:`Each` -> the answers of many calls or sub-programs run with bounded concurrency, in input
  order, each answer or the :class:`FutureVulsError` it raised (:func:`each`; :func:`all_of` raises
  the first such error instead);
* :class:`Blocking` -> the return value of local blocking work (parsing a file, running nmap);
* :class:`Probe` -> the raw ``httpx.Response`` of one request sent once (no retries, no status check:
  ``doctor``'s probes);
* :class:`Sleep` -> nothing, after a pause (``time.sleep`` or ``anyio.sleep``: never blocks the loop).

Any exception the step raised is thrown back into the program at its ``yield``, so its ``with`` blocks
and handlers run (a ``KeyboardInterrupt`` or a cancellation too).

The client runs the program: :class:`SyncRunner` and :class:`AsyncRunner` are the one typed entry
point workflows reach the client through (``futurevuls_ext._drivers`` implements both). Workflows never
import the client modules, and never see the I/O shells.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator, Sequence
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeAlias, TypeVar

from attrs import frozen

from .call import Call, PagedCall
from .request import ApiRequest

if TYPE_CHECKING:
    from .._exceptions import FutureVulsError
    from ..profile import ApiProfile

__all__ = [
    "AsyncRunner",
    "Blocking",
    "Each",
    "Probe",
    "Program",
    "Sleep",
    "Step",
    "SyncRunner",
    "all_of",
    "answer",
    "blocking",
    "each",
    "list_all",
    "sleep",
]

T = TypeVar("T")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


@frozen
class Each(Generic[T]):
    """Run ``items`` (calls or sub-programs) at most ``concurrency`` at a time.

    The answer is a list in input order of each item's result or the :class:`FutureVulsError` it
    raised; any other exception stops the whole step.
    """

    items: Sequence[Call[T] | Generator[Any, Any, T]]
    concurrency: int


@frozen
class Blocking(Generic[T]):
    """Local blocking work (answer: what ``fn`` returns); a worker thread under ``AsyncClient``."""

    fn: Callable[[], T]


@frozen
class Probe:
    """Send ``request`` once, without retries or a status check (answer: the ``httpx.Response``)."""

    request: ApiRequest


@frozen
class Sleep:
    """Wait ``seconds`` (answer: ``None``)."""

    seconds: float


Step: TypeAlias = "Call[Any] | PagedCall[Any] | Each[Any] | Blocking[Any] | Probe | Sleep"
Program: TypeAlias = Generator["Step", Any, R]
"""A workflow: yields :data:`Step` values, receives their answers, returns ``R``."""


# Typed forms of ``yield step``: ``servers = yield from list_all(list_servers())`` is a ``list[Server]``.


def answer(call: Call[T]) -> Generator[Step, Any, T]:
    """The decoded answer of one call (its :class:`FutureVulsError` raised at the ``yield from``)."""
    value: T = yield call
    return value


def list_all(call: PagedCall[T]) -> Generator[Step, Any, list[T]]:
    """Every item of a paged listing."""
    items: list[T] = yield call
    return items


def each(
    items: Sequence[Call[T] | Generator[Any, Any, T]], *, concurrency: int
) -> Generator[Step, Any, list[T | FutureVulsError]]:
    """Each item's answer, or the :class:`FutureVulsError` it raised, in input order."""
    answers: list[T | FutureVulsError] = yield Each(items, concurrency)
    return answers


def all_of(
    items: Sequence[Call[T] | Generator[Any, Any, T]], *, concurrency: int
) -> Generator[Step, Any, list[T]]:
    """Each item's answer, in input order; the first :class:`FutureVulsError` (in that order) is raised.

    Every item runs to its end before the error is raised (the others are not stopped).
    """
    answers = yield from each(items, concurrency=concurrency)
    for value in answers:
        if isinstance(value, BaseException):
            raise value
    return answers  # type: ignore[return-value]


def blocking(fn: Callable[[], T]) -> Generator[Step, Any, T]:
    """What ``fn()`` returns, run inline by ``Client`` and in a worker thread by ``AsyncClient``."""
    value: T = yield Blocking(fn)
    return value


class SyncRunner(Protocol):
    """How a workflow namespace of :class:`~futurevuls_ext.Client` runs its programs."""

    @property
    def profile(self) -> ApiProfile:
        """The client's :class:`~futurevuls_ext.profile.ApiProfile` (for unconfirmed routes)."""
        ...

    def run(self, program: Program[R], /) -> R:
        """Run ``program`` to its end and return its value."""
        ...


class AsyncRunner(Protocol):
    """How a workflow namespace of :class:`~futurevuls_ext.AsyncClient` runs its programs."""

    @property
    def profile(self) -> ApiProfile:
        """The client's :class:`~futurevuls_ext.profile.ApiProfile` (for unconfirmed routes)."""
        ...

    def run(self, program: Program[R], /) -> Awaitable[R]:
        """Run ``program`` to its end; awaited."""
        ...


def sleep(seconds: float) -> Generator[Step, Any, None]:
    """Pause without blocking the event loop under ``AsyncClient``."""
    yield Sleep(seconds)
