"""The two program drivers: the same program, the same answers, with the sync and the async shell.

Shell stand-ins count calls in flight (counted, not timed); both drivers run each program.
"""

from __future__ import annotations

import threading
from collections.abc import Generator
from typing import Any

import anyio
import anyio.lowlevel
import pytest

from futurevuls_ext import InvalidArgumentError, NotFoundError
from futurevuls_ext._batch import map_async
from futurevuls_ext._config import make_config
from futurevuls_ext._core.call import Call, PagedCall, ignore_body
from futurevuls_ext._core.program import Program, answer, blocking, each, list_all
from futurevuls_ext._core.request import ApiRequest
from futurevuls_ext._drivers import AsyncDriver, SyncDriver
from futurevuls_ext.profile import ApiProfile

pytestmark = pytest.mark.anyio


def _call(i: int) -> Call[Any]:
    return Call(request=ApiRequest(method="GET", path=f"/v1/task/{i}"), decode=ignore_body)


def _as_is(converter: Any, data: Any) -> Any:
    return data


def _listing() -> PagedCall[Any]:
    return PagedCall(
        request=ApiRequest(method="GET", path="/v1/tasks"), items_key="tasks", decode_item=_as_is
    )


_CONFIG = make_config(
    "t", base_url="http://127.0.0.1:9", timeout=5, max_retries=0, profile=None, allow_insecure_http=False
)
_ONE_PAGE = {
    "paging": {"page": 1, "limit": 100, "offset": 0, "totalCount": 2, "totalPage": 1},
    "tasks": ["a", "b"],
}


class _Counting:
    config = _CONFIG

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.inflight = 0
        self.peak = 0

    def enter(self) -> None:
        with self.lock:
            self.inflight += 1
            self.peak = max(self.peak, self.inflight)

    def leave(self) -> None:
        with self.lock:
            self.inflight -= 1

    @staticmethod
    def answer(call: Call[Any]) -> Any:
        if call.request.path == "/v1/tasks":
            return call.decode(None, _ONE_PAGE)  # type: ignore[arg-type]
        number = int(call.request.path.rsplit("/", 1)[1])
        if number % 5 == 3:
            raise NotFoundError("no such task", status_code=404, method="GET", url=call.request.path)
        return call.request.path


class _SyncShell(_Counting):
    def call(self, call: Call[Any]) -> Any:
        self.enter()
        try:
            threading.Event().wait(0.001)
            return self.answer(call)
        finally:
            self.leave()


class _AsyncShell(_Counting):
    async def call(self, call: Call[Any]) -> Any:
        self.enter()
        try:
            await anyio.lowlevel.checkpoint()
            return self.answer(call)
        finally:
            self.leave()


class Runner:
    """Runs a program with the driver of this test's mode, over a counting shell."""

    def __init__(self, kind: str) -> None:
        self.shell: _SyncShell | _AsyncShell = _SyncShell() if kind == "sync" else _AsyncShell()
        self.kind = kind

    async def run(self, program: Program[Any]) -> Any:
        if isinstance(self.shell, _SyncShell):
            return SyncDriver(self.shell, ApiProfile()).run(program)  # type: ignore[arg-type]
        return await AsyncDriver(self.shell, ApiProfile()).run(program)  # type: ignore[arg-type]


@pytest.fixture(params=["sync", "async"])
def runner(request: pytest.FixtureRequest) -> Runner:
    return Runner(str(request.param))


def _check(results: list[Any]) -> None:
    assert len(results) == 20
    for i, result in enumerate(results):
        if i % 5 == 3:
            assert isinstance(result, NotFoundError)
        else:
            assert result == f"/v1/task/{i}"


@pytest.mark.parametrize("concurrency", [1, 3])
async def test_each_keeps_order_returns_errors_and_bounds_concurrency(
    runner: Runner, concurrency: int
) -> None:
    def program() -> Program[list[Any]]:
        return (yield from each([_call(i) for i in range(20)], concurrency=concurrency))

    _check(await runner.run(program()))
    assert 1 <= runner.shell.peak <= concurrency


async def test_each_runs_sub_programs(runner: Runner) -> None:
    def sub(i: int) -> Program[str]:
        first = yield from answer(_call(i))
        return f"{first}!"

    def program() -> Program[list[Any]]:
        return (yield from each([sub(0), sub(3), sub(4)], concurrency=2))

    first, failed, last = await runner.run(program())
    assert (first, last) == ("/v1/task/0!", "/v1/task/4!")
    assert isinstance(failed, NotFoundError)


async def test_errors_are_thrown_into_the_program_and_its_cleanup_runs(runner: Runner) -> None:
    seen: list[str] = []

    def program() -> Program[str]:
        try:
            yield from answer(_call(3))
        except NotFoundError:
            seen.append("caught")
        try:
            yield from answer(_call(8))
        finally:
            seen.append("cleanup")
        return "unreachable"

    with pytest.raises(NotFoundError):
        await runner.run(program())
    assert seen == ["caught", "cleanup"]


async def test_list_all_and_blocking(runner: Runner) -> None:
    main = threading.get_ident()

    def program() -> Program[tuple[list[Any], bool]]:
        items = yield from list_all(_listing())
        elsewhere = yield from blocking(lambda: threading.get_ident() != main)
        return items, elsewhere

    items, elsewhere = await runner.run(program())
    assert items == ["a", "b"]
    assert elsewhere is (runner.kind == "async")  # off the event loop under AsyncClient, inline otherwise


async def test_a_bad_step_and_a_bad_concurrency(runner: Runner) -> None:
    def bad() -> Generator[Any, Any, None]:
        yield "not a step"

    with pytest.raises(TypeError, match="not a step"):
        await runner.run(bad())

    def zero() -> Program[list[Any]]:
        return (yield from each([_call(1)], concurrency=0))

    with pytest.raises(InvalidArgumentError, match="concurrency"):
        await runner.run(zero())


async def test_a_failed_async_worker_is_raised_as_itself_and_starts_nothing_new() -> None:
    started: list[int] = []

    async def worker(i: int) -> int:
        started.append(i)
        await anyio.lowlevel.checkpoint()
        if i == 0:
            raise RuntimeError("boom")
        return i

    with pytest.raises(RuntimeError, match="boom"):  # not an ExceptionGroup
        await map_async(worker, [0, 1, 2, 3], concurrency=1)
    assert started == [0]
