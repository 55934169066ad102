"""List methods return a pager: items across pages, iter_pages()/pages(), max_items=, page_size=."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import futurevuls_ext as fv
from futurevuls_ext.testing import FakeFutureVuls

from ..harness import Both

pytestmark = [pytest.mark.anyio, pytest.mark.integration]


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


async def test_pager_items_pages_and_caps(both: Both, fake: FakeFutureVuls) -> None:
    both.connect_fake(fake)
    since = len(fake.requests)
    pager = both.client.servers.list(page_size=3)
    kind = "AsyncPager" if both.is_async else "SyncPager"
    assert repr(pager) == f"<{kind} /v1/servers page_size=3>"
    assert [s.server_name for s in await both.items(lambda c: pager)] == [f"host-{n}" for n in range(7)]
    assert len(await both.items(lambda c: pager)) == 7  # each iteration is a fresh listing
    pages = await both.items(lambda c: pager.iter_pages())
    assert [(p.number, len(p), p.total_pages, p.total_count) for p in pages] == [
        (1, 3, 3, 7),
        (2, 3, 3, 7),
        (3, 1, 3, 7),
    ]
    alias = await both.items(lambda c: c.servers.list(page_size=3).pages())
    assert [p.number for p in alias] == [1, 2, 3]
    assert await both.items(lambda c: c.servers.list(max_items=0)) == []
    capped = await both.items(lambda c: c.servers.list(page_size=3, max_items=4))
    assert [s.server_name for s in capped] == ["host-0", "host-1", "host-2", "host-3"]
    first = await both.items(lambda c: c.servers.list(max_items=2).iter_pages())
    assert [repr(p) for p in first] == ["<Page 1 of 4: 2 items>"]
    limits = _limits(fake, since)
    assert limits[-3:] == [("1", "3"), ("2", "3"), ("1", "2")]  # max_items=4 stops after page 2
    assert limits.count(("1", "2")) == 1  # max_items below the page size asks for just that many


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"page_size": 0}, "page_size must be a whole number from 1 to 1000 (the API's limit), got 0"),
        ({"page_size": 1001}, "page_size must be a whole number from 1 to 1000 (the API's limit), got 1001"),
        ({"max_items": -1}, "max_items must be a whole number >= 0 (None: all), got -1"),
    ],
)
async def test_page_options_are_checked_before_any_request(
    both: Both, fake: FakeFutureVuls, options: dict[str, int], message: str
) -> None:
    since = len(fake.requests)
    both.connect_fake(fake)
    with pytest.raises(fv.InvalidArgumentError) as info:
        await both.items(lambda c: c.tasks.list(**options))
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
