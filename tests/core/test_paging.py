from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from futurevuls_ext import ResponseValidationError
from futurevuls_ext._core.paging import PageInfo, next_page, page_step, split_page


def info(page: int, total_page: int) -> PageInfo:
    return PageInfo(page=page, limit=20, offset=0, total_count=total_page * 20, total_page=total_page)


@pytest.mark.parametrize(
    ("page", "page_info", "count", "expected"),
    [
        (1, info(1, 3), 20, 2),
        (2, info(2, 3), 20, 3),
        (3, info(3, 3), 20, None),
        (1, info(1, 0), 0, None),
        (1, info(1, 0), 5, None),  # totalPage == 0 must stop even if items came back
        (1, info(1, 5), 0, None),  # an empty page stops even when totalPage says more
        (1, None, 20, None),  # no paging envelope: a single page
        (7, info(7, 5), 3, None),  # past the end
    ],
)
def test_next_page(page: int, page_info: PageInfo | None, count: int, expected: int | None) -> None:
    assert next_page(page, page_info, count) == expected


@given(st.integers(1, 50), st.integers(0, 50), st.integers(0, 1000))
def test_next_page_never_loops_past_total(page: int, total: int, count: int) -> None:
    result = next_page(page, info(page, total), count)
    assert result is None or (result == page + 1 and result <= total)


@pytest.mark.parametrize(
    "body",
    [
        {"paging": {"page": 1, "limit": 20, "offset": 0, "totalCount": 0, "totalPage": 0}},
        {"paging": {"page": 1, "limit": 20, "offset": 0, "totalCount": 0, "totalPage": 0}, "servers": None},
        {"servers": []},
    ],
)
def test_missing_or_null_items_are_an_empty_page(body: dict[str, Any]) -> None:
    items, _ = split_page(body, "servers")
    assert items == []


@pytest.mark.parametrize("body", [[], "x", {"servers": {"id": 1}}])
def test_malformed_list_bodies(body: object) -> None:
    with pytest.raises(ResponseValidationError):
        split_page(body, "servers")


def test_page_step() -> None:
    body = {"paging": {"page": 1, "limit": 2, "offset": 0, "totalCount": 3, "totalPage": 2}, "roles": [1, 2]}
    assert page_step(1, body, "roles") == ([1, 2], 2)
