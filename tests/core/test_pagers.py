"""List methods return a pager: items across pages, iter_pages()/pages(), max_items=, page_size=."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import anyio
import pytest

import futurevuls_ext as fv
from futurevuls_ext.testing import FakeFutureVuls

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeFutureVuls]:
    with FakeFutureVuls() as fake:
        for n in range(7):
            fake.add_server(f"host-{n}", ipv4=f"192.0.2.{n + 1}")
        yield fake


def _limits(fake: FakeFutureVuls, since: int) -> list[tuple[str, str]]:
    return [
        (r.query["page"][0], r.query["limit"][0]) for r in fake.requests[since:] if r.path == "/v1/servers"
    ]


def _sync(fake: FakeFutureVuls, action: Any) -> Any:
    with fv.Client(fake.token, base_url=fake.url) as client:
        return action(client)


def _async(fake: FakeFutureVuls, action: Any) -> Any:
    async def main() -> Any:
        async with fv.AsyncClient(fake.token, base_url=fake.url) as client:
            return await action(client)

    return anyio.run(main)


def test_sync_pager_items_pages_and_caps(fake: FakeFutureVuls) -> None:
    def run(client: fv.Client) -> dict[str, Any]:
        pager = client.servers.list(page_size=3)
        return {
            "repr": repr(pager),
            "items": [s.server_name for s in pager],
            "again": len(list(pager)),  # each iteration is a fresh listing
            "pages": [(p.number, len(p), p.total_pages, p.total_count) for p in pager.iter_pages()],
            "alias": [p.number for p in client.servers.list(page_size=3).pages()],
            "capped": [s.server_name for s in client.servers.list(page_size=3, max_items=4)],
            "first": [repr(p) for p in client.servers.list(max_items=2).iter_pages()],
        }

    since = len(fake.requests)
    got = _sync(fake, run)
    assert got["repr"] == "<SyncPager /v1/servers page_size=3>"
    assert got["items"] == [f"host-{n}" for n in range(7)]
    assert got["again"] == 7
    assert got["pages"] == [(1, 3, 3, 7), (2, 3, 3, 7), (3, 1, 3, 7)]
    assert got["alias"] == [1, 2, 3]
    assert got["capped"] == ["host-0", "host-1", "host-2", "host-3"]
    assert got["first"] == ["<Page 1 of 4: 2 items>"]
    limits = _limits(fake, since)
    assert limits[-3:] == [("1", "3"), ("2", "3"), ("1", "2")]  # max_items=4 stops after page 2
    assert limits.count(("1", "2")) == 1  # max_items below the page size asks for just that many


def test_async_pager_items_pages_and_caps(fake: FakeFutureVuls) -> None:
    async def run(client: fv.AsyncClient) -> dict[str, Any]:
        pager = client.servers.list(page_size=3)
        return {
            "repr": repr(pager),
            "items": [s.server_name async for s in pager],
            "pages": [(p.number, len(p)) async for p in pager.iter_pages()],
            "alias": [p.number async for p in client.servers.list(page_size=3).pages()],
            "capped": [s.server_name async for s in client.servers.list(page_size=3, max_items=4)],
            "none": [s async for s in client.servers.list(max_items=0)],
        }

    got = _async(fake, run)
    assert got["repr"] == "<AsyncPager /v1/servers page_size=3>"
    assert got["items"] == [f"host-{n}" for n in range(7)]
    assert got["pages"] == [(1, 3), (2, 3), (3, 1)]
    assert got["alias"] == [1, 2, 3]
    assert got["capped"] == ["host-0", "host-1", "host-2", "host-3"]
    assert got["none"] == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"page_size": 0}, "page_size must be a whole number from 1 to 1000 (the API's limit), got 0"),
        ({"page_size": 1001}, "page_size must be a whole number from 1 to 1000 (the API's limit), got 1001"),
        ({"max_items": -1}, "max_items must be a whole number >= 0 (None: all), got -1"),
    ],
)
def test_page_options_are_checked_before_any_request(
    fake: FakeFutureVuls, options: dict[str, int], message: str
) -> None:
    since = len(fake.requests)
    with fv.Client(fake.token, base_url=fake.url) as client, pytest.raises(fv.InvalidArgumentError) as info:
        client.tasks.list(**options)  # type: ignore[arg-type]
    assert str(info.value) == message
    assert len(fake.requests) == since


def test_every_list_method_takes_page_size_and_max_items() -> None:
    import inspect

    from futurevuls_ext import resources

    found = 0
    for name in dir(resources):
        cls = getattr(resources, name)
        if inspect.isclass(cls) and hasattr(cls, "list"):
            params = inspect.signature(cls.list).parameters
            assert {"page_size", "max_items"} <= set(params), name
            found += 1
    assert found >= 14  # 7 sync namespaces + 7 async twins (+ group set)
