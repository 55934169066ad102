"""Issue 15.4: a server whose paging never ends cannot drive an endless listing (sync and async).

Three runaway servers on real loopback sockets: one that ignores ``page=`` (every answer is page 1),
one that answers each page with the previous page's items, and one whose ``totalPage`` keeps growing
with fresh items. Each listing stops with :class:`PagingError` after a bounded number of requests;
the page cap is ``Client(max_pages=...)`` (default 10,000 pages).
"""

from __future__ import annotations

import inspect
import json
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

import futurevuls_ext as fv
from futurevuls_ext._core.paging import DEFAULT_MAX_PAGES

from ..harness import Both
from ._clients import outcome, run_client
from ._raw_server import RawRequest, RawServer, json_answer

pytestmark = [pytest.mark.anyio, pytest.mark.integration]


def _server(n: int) -> dict[str, Any]:
    return {"id": n, "serverName": f"s{n}", "serverUuid": f"u{n}"}


def _paged(answer: Callable[[int], dict[str, Any]]) -> Callable[[socket.socket, RawRequest], None]:
    """A responder answering ``GET /v1/servers?page=N`` with ``answer(N)``."""

    def respond(sock: socket.socket, request: RawRequest) -> None:
        query = parse_qs(urlsplit(request.path).query)
        page = int(query.get("page", ["1"])[0])
        json_answer(200, json.dumps(answer(page)).encode())(sock, request)

    return respond


def _body(page: int, total_page: int, ids: list[int], *, echo: int | None = None) -> dict[str, Any]:
    paging = {
        "page": echo or page,
        "limit": 2,
        "offset": 0,
        "totalCount": total_page * 2,
        "totalPage": total_page,
    }
    return {"paging": paging, "servers": [_server(n) for n in ids]}


def _list(client: Any) -> Any:
    return client.servers.list(page_size=2)


async def test_a_server_that_ignores_page_is_stopped_at_page_2(both: Both) -> None:
    with RawServer(_paged(lambda page: _body(page, 50, [1, 2], echo=1))) as server:
        error = await outcome(both, server.url, _list, api_token="t", strict_responses=False)
    assert isinstance(error, fv.PagingError)
    assert str(error) == (
        "asked for page 2 of /v1/servers but the API answered page 1; "
        "stopped, since a server that ignores page= would be listed forever"
    )
    assert error.page == 2
    assert len(server.requests) == 2


async def test_a_page_that_repeats_the_previous_one_is_stopped(both: Both) -> None:
    # paging.page is echoed correctly, but the items never change
    with RawServer(_paged(lambda page: _body(page, 50, [1, 2]))) as server:
        error = await outcome(both, server.url, _list, api_token="t", strict_responses=False)
    assert isinstance(error, fv.PagingError)
    assert str(error) == (
        "page 2 of /v1/servers repeats page 1; stopped, since a listing that does not advance would never end"
    )
    assert len(server.requests) == 2


async def test_a_growing_total_page_stops_at_the_page_cap(both: Both) -> None:
    # fresh items on every page and a totalPage always one ahead: only the cap ends it
    grow = lambda page: _body(page, page + 1, [2 * page, 2 * page + 1])  # noqa: E731
    with RawServer(_paged(grow)) as server:
        error = await outcome(both, server.url, _list, api_token="t", max_pages=25, strict_responses=False)
    assert isinstance(error, fv.PagingError)
    assert str(error) == (
        "/v1/servers has more than max_pages=25 pages (the API says 26); stopped at the page cap: "
        "list less (filters, max_items=) or raise the client's max_pages"
    )
    assert len(server.requests) == 25


async def test_a_listing_within_the_cap_is_complete(both: Both) -> None:
    pages = lambda page: _body(page, 5, [2 * page, 2 * page + 1])  # noqa: E731
    with RawServer(_paged(pages)) as server:
        servers = await run_client(
            both, server.url, _list, api_token="t", max_pages=5, strict_responses=False
        )
    assert [s.id for s in servers] == list(range(2, 12))
    assert len(server.requests) == 5


def test_the_default_cap_and_its_validation() -> None:
    assert DEFAULT_MAX_PAGES == 10_000
    for client_class in (fv.Client, fv.AsyncClient):
        assert inspect.signature(client_class).parameters["max_pages"].default == DEFAULT_MAX_PAGES
    for bad in (0, -1, 2.5, True):
        with pytest.raises(fv.ConfigError, match=r"^max_pages must be a whole number >= 1, got "):
            fv.Client(api_token="t", max_pages=bad)  # type: ignore[arg-type]
