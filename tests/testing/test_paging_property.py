"""Property: every page is items[(page-1)*limit + offset:][:limit], with consistent totals."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from futurevuls_ext.testing import FakeFutureVuls

from .conftest import make_client

COUNT = 23


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[httpx.Client, list[int]]]:
    with FakeFutureVuls() as fake, make_client(fake) as http:
        yield http, [fake.add_server(f"s{i}") for i in range(COUNT)]


@settings(max_examples=60, deadline=None)
@given(page=st.integers(1, 30), limit=st.integers(1, 1000), offset=st.integers(0, 40))
def test_page_window(servers: tuple[httpx.Client, list[int]], page: int, limit: int, offset: int) -> None:
    http, ids = servers
    body = http.get("/v1/servers", params={"page": page, "limit": limit, "offset": offset}).json()
    start = (page - 1) * limit + offset
    assert [s["id"] for s in body.get("servers", [])] == ids[start : start + limit]
    assert body["paging"] == {
        "page": page,
        "limit": limit,
        "offset": offset,
        "totalCount": COUNT,
        "totalPage": -(-COUNT // limit),
    }
