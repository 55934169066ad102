"""Paging: page/limit/offset, envelope, bounds, start = (page-1)*limit + offset."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from futurevuls_ext.testing import FakeFutureVuls

from .conftest import make_client


@pytest.fixture
def seven() -> Iterator[tuple[httpx.Client, list[int]]]:
    with FakeFutureVuls() as fake, make_client(fake) as http:
        ids = [fake.add_server(f"s{i}") for i in range(7)]
        yield http, ids


def _get(http: httpx.Client, **params: int) -> tuple[dict[str, int], list[int]]:
    response = http.get("/v1/servers", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    return body["paging"], [s["id"] for s in body.get("servers", [])]


def test_defaults(seven: tuple[httpx.Client, list[int]]) -> None:
    http, ids = seven
    paging, got = _get(http)
    assert paging == {"page": 1, "limit": 20, "offset": 0, "totalCount": 7, "totalPage": 1}
    assert got == ids


def test_pages_cover_everything_once(seven: tuple[httpx.Client, list[int]]) -> None:
    http, ids = seven
    seen: list[int] = []
    for page in (1, 2, 3):
        paging, got = _get(http, page=page, limit=3)
        assert paging["totalPage"] == 3
        assert paging["totalCount"] == 7
        seen += got
    assert seen == ids


def test_offset_shifts_the_window(seven: tuple[httpx.Client, list[int]]) -> None:
    http, ids = seven
    assert _get(http, page=2, limit=3, offset=1)[1] == ids[4:7]
    assert _get(http, offset=5)[1] == ids[5:]


def test_page_past_the_end_is_empty(seven: tuple[httpx.Client, list[int]]) -> None:
    http, _ = seven
    paging, got = _get(http, page=9, limit=3)
    assert got == []
    assert paging["page"] == 9


def test_empty_list_has_zero_pages(client: httpx.Client) -> None:
    body = client.get("/v1/tasks").json()
    assert body["paging"]["totalCount"] == 0
    assert body["paging"]["totalPage"] == 0
    assert "tasks" not in body  # goa omitempty: an empty list answer has no list key


def test_limit_bounds(seven: tuple[httpx.Client, list[int]]) -> None:
    http, ids = seven
    assert _get(http, limit=1000)[1] == ids
    assert _get(http, limit=1)[0]["totalPage"] == 7
    for bad in ({"limit": 0}, {"limit": 1001}, {"page": 0}, {"offset": -1}):
        response = http.get("/v1/servers", params=bad)
        assert response.status_code == 400, bad
        assert response.json()["name"] == "invalid_range"


def test_non_integer_paging_is_400(seven: tuple[httpx.Client, list[int]]) -> None:
    http, _ = seven
    response = http.get("/v1/servers", params={"page": "two"})
    assert response.status_code == 400
    assert response.json()["name"] == "invalid_field_type"


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/v1/servers", "servers"),
        ("/v1/roles", "roles"),
        ("/v1/tasks", "tasks"),
        ("/v1/cves", "cves"),
        ("/v1/pkgCpes", "pkgCpes"),
        ("/v1/lockfiles", "lockfiles"),
        ("/v1/externalScans", "externalScans"),
        ("/v1/groupSet/servers", "servers"),
        ("/v1/groupSet/tasks", "tasks"),
        ("/v1/groupSet/cves", "cves"),
        ("/v1/groupSet/pkgCpes", "pkgCpes"),
    ],
)
def test_every_list_has_the_envelope(demo_client: httpx.Client, path: str, key: str) -> None:
    body = demo_client.get(path, params={"limit": 2}).json()
    assert set(body) == ({"paging", key} if body["paging"]["totalCount"] else {"paging"})
    assert set(body["paging"]) == {"page", "limit", "offset", "totalCount", "totalPage"}
    assert len(body.get(key, [])) == min(2, body["paging"]["totalCount"])
