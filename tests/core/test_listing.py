"""A PagedCall step as both drivers run it (``_core.listing.list_pages``): pages a window at a time.

Shell stand-ins answer ``page=N`` from a function and record which pages were asked for; the windows
themselves are checked on the program's steps. Every guard of a page-by-page listing still holds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import anyio
import anyio.lowlevel
import pytest

from futurevuls_ext import PagingError, ServerError
from futurevuls_ext._config import make_config
from futurevuls_ext._core.call import Call, PagedCall
from futurevuls_ext._core.listing import PAGE_WINDOW, list_pages
from futurevuls_ext._core.program import Each, Program, list_all
from futurevuls_ext._core.request import ApiRequest
from futurevuls_ext._drivers import AsyncDriver, SyncDriver
from futurevuls_ext.profile import ApiProfile

pytestmark = pytest.mark.anyio

Answer = Callable[[int], dict[str, Any]]


def _as_is(converter: Any, data: Any) -> Any:
    return data


def _body(page: int, total_page: int, items: list[int], *, echo: int | None = None) -> dict[str, Any]:
    paging = {
        "page": echo or page,
        "limit": 2,
        "offset": 0,
        "totalCount": 2 * total_page,
        "totalPage": total_page,
    }
    return {"paging": paging, "tasks": items} if items else {"paging": paging}


def _pages(count: int) -> Answer:
    """An honest listing of ``2 * count`` items, two a page."""
    return lambda page: _body(page, count, [2 * page - 1, 2 * page] if page <= count else [])


class _Shell:
    def __init__(self, answer: Answer, max_pages: int) -> None:
        self.answer = answer
        self.config = make_config(
            "t",
            base_url="http://127.0.0.1:9",
            timeout=5,
            max_retries=0,
            profile=None,
            allow_insecure_http=False,
            max_pages=max_pages,
        )
        self.asked: list[int] = []
        self._lock = threading.Lock()

    def _answer(self, call: Call[Any]) -> Any:
        page = int(dict(call.request.params)["page"])
        with self._lock:
            self.asked.append(page)
        return call.decode(None, self.answer(page))  # type: ignore[arg-type]


class _SyncShell(_Shell):
    def call(self, call: Call[Any]) -> Any:
        return self._answer(call)


class _AsyncShell(_Shell):
    async def call(self, call: Call[Any]) -> Any:
        await anyio.lowlevel.checkpoint()
        return self._answer(call)


def _listing(expected: int = 0) -> PagedCall[Any]:
    request = ApiRequest(method="GET", path="/v1/tasks")
    return PagedCall(
        request=request, items_key="tasks", decode_item=_as_is, page_size=2, expected_items=expected
    )


class Lister:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.shell: _Shell | None = None

    async def run(self, answer: Answer, *, expected: int = 0, max_pages: int = 10_000) -> Any:
        def program() -> Program[list[Any]]:
            return (yield from list_all(_listing(expected)))

        if self.kind == "sync":
            self.shell = _SyncShell(answer, max_pages)
            return SyncDriver(self.shell, ApiProfile()).run(program())  # type: ignore[arg-type]
        self.shell = _AsyncShell(answer, max_pages)
        return await AsyncDriver(self.shell, ApiProfile()).run(program())  # type: ignore[arg-type]

    @property
    def asked(self) -> list[int]:
        assert self.shell is not None
        return self.shell.asked


@pytest.fixture(params=["sync", "async"])
def lister(request: pytest.FixtureRequest) -> Lister:
    return Lister(str(request.param))


async def test_the_first_page_then_the_rest_at_once(lister: Lister) -> None:
    assert await lister.run(_pages(5)) == list(range(1, 11))
    assert lister.asked[0] == 1 and sorted(lister.asked) == [1, 2, 3, 4, 5]


async def test_a_long_listing_goes_a_window_at_a_time(lister: Lister) -> None:
    count = 2 * PAGE_WINDOW + 3
    assert await lister.run(_pages(count)) == list(range(1, 2 * count + 1))
    assert sorted(lister.asked) == list(range(1, count + 1))


async def test_expected_items_ask_for_their_pages_with_the_first(lister: Lister) -> None:
    assert await lister.run(_pages(3), expected=6) == [1, 2, 3, 4, 5, 6]
    assert sorted(lister.asked) == [1, 2, 3]


async def test_expected_items_beyond_the_listing_cost_only_empty_pages(lister: Lister) -> None:
    assert await lister.run(_pages(1), expected=8) == [1, 2]
    assert sorted(lister.asked) == [1, 2, 3, 4]


async def test_an_overstated_total_page_ends_at_the_first_empty_page(lister: Lister) -> None:
    lying = lambda page: _body(page, 50, [2 * page - 1, 2 * page] if page <= 2 else [])  # noqa: E731
    assert await lister.run(lying) == [1, 2, 3, 4]
    assert max(lister.asked) <= 1 + PAGE_WINDOW  # one window of empty pages at most


async def test_an_understated_total_page_ends_the_listing_there(lister: Lister) -> None:
    short = lambda page: _body(page, 2, [2 * page - 1, 2 * page])  # noqa: E731 - 4 pages of items
    assert await lister.run(short) == [1, 2, 3, 4]
    assert sorted(lister.asked) == [1, 2]


async def test_a_server_that_ignores_page_is_stopped_at_page_2(lister: Lister) -> None:
    with pytest.raises(PagingError, match=r"^asked for page 2 of /v1/tasks but the API answered page 1; "):
        await lister.run(lambda page: _body(page, 50, [1, 2], echo=1))
    assert max(lister.asked) <= 1 + PAGE_WINDOW


async def test_a_page_that_repeats_the_previous_one_is_stopped(lister: Lister) -> None:
    with pytest.raises(PagingError, match=r"^page 2 of /v1/tasks repeats page 1; "):
        await lister.run(lambda page: _body(page, 50, [1, 2]))


async def test_a_growing_total_page_stops_at_the_page_cap_and_no_page_past_it_is_asked(
    lister: Lister,
) -> None:
    grow = lambda page: _body(page, page + 1, [2 * page - 1, 2 * page])  # noqa: E731
    with pytest.raises(PagingError, match=r"^/v1/tasks has more than max_pages=25 pages \(the API says 26\)"):
        await lister.run(grow, max_pages=25)
    assert sorted(lister.asked) == list(range(1, 26))


async def test_expected_items_never_ask_past_the_page_cap(lister: Lister) -> None:
    with pytest.raises(PagingError, match="max_pages=3"):
        await lister.run(_pages(10), expected=1000, max_pages=3)
    assert sorted(lister.asked) == [1, 2, 3]


def _failing(at: int, count: int) -> Answer:
    honest = _pages(count)

    def answer(page: int) -> dict[str, Any]:
        if page == at:
            raise ServerError("boom", status_code=500, method="GET", url="/v1/tasks")
        return honest(page)

    return answer


async def test_a_failed_page_within_the_listing_is_raised(lister: Lister) -> None:
    with pytest.raises(ServerError, match="boom"):
        await lister.run(_failing(3, 5))


async def test_a_failed_page_past_the_end_is_dropped(lister: Lister) -> None:
    assert await lister.run(_failing(3, 2), expected=6) == [1, 2, 3, 4]
    assert sorted(lister.asked) == [1, 2, 3]


def _steps(answer: Answer, *, expected: int = 0, max_pages: int = 10_000) -> list[list[int]]:
    """The pages of each step ``list_pages`` yields, answered from ``answer`` (no driver)."""
    program = list_pages(_listing(expected), max_pages=max_pages)
    steps: list[list[int]] = []
    sent: Any = None
    try:
        while True:
            step = program.send(sent)
            calls = step.items if isinstance(step, Each) else [step]
            pages = [int(dict(c.request.params)["page"]) for c in calls]  # type: ignore[union-attr]
            steps.append(pages)
            answers = [c.decode(None, answer(p)) for c, p in zip(calls, pages, strict=True)]  # type: ignore
            sent = answers if isinstance(step, Each) else answers[0]
    except StopIteration:
        return steps


def test_the_windows_asked_for() -> None:
    assert _steps(_pages(5)) == [[1], [2, 3, 4, 5]]
    assert _steps(_pages(3), expected=6) == [[1, 2, 3]]
    assert _steps(_pages(1), expected=1) == [[1]]
    count = 2 * PAGE_WINDOW + 3
    window = list(range(2, PAGE_WINDOW + 2))
    assert _steps(_pages(count)) == [[1], window, [p + PAGE_WINDOW for p in window], [count - 1, count]]
    assert _steps(_pages(4), expected=1000, max_pages=4) == [[1, 2, 3, 4]]
