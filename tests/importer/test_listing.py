"""The import's listings (pure): large pages, expected sizes, the servers and results side by side."""

from __future__ import annotations

from typing import Any

from attrs import evolve

from futurevuls_ext._core.call import PagedCall
from futurevuls_ext._core.program import Each
from futurevuls_ext.importer._listing import LISTING_PAGE_SIZE, list_existing
from futurevuls_ext.importer._recheck import list_for_recheck
from futurevuls_ext.models import Server
from futurevuls_ext.profile import ApiProfile

NESTED = evolve(
    ApiProfile(),
    external_scans=evolve(ApiProfile().external_scans, list="GET /v1/server/{serverID}/externalScans"),
)


def _first_step(program: Any) -> Any:
    return program.send(None)


def _listed(step: Any) -> tuple[str, int]:
    program = step if not isinstance(step, PagedCall) else None
    call = step if program is None else program.send(None)
    assert isinstance(call, PagedCall) and call.page_size == LISTING_PAGE_SIZE
    return call.request.path, call.expected_items


def test_servers_and_results_are_listed_side_by_side_with_the_expected_size() -> None:
    step = _first_step(list_existing(ApiProfile(), None, expected_items=2500, concurrency=8))
    assert isinstance(step, Each) and step.concurrency == 2
    assert [_listed(item) for item in step.items] == [("/v1/servers", 2500), ("/v1/externalScans", 2500)]


def test_one_server_lists_only_the_results() -> None:
    step = _first_step(list_existing(ApiProfile(), 7, expected_items=3, concurrency=8))
    assert _listed(step) == ("/v1/externalScans", 3)


def test_results_under_their_server_wait_for_the_servers_then_go_concurrency_at_a_time() -> None:
    program = list_existing(NESTED, None, expected_items=10, concurrency=4)
    assert _listed(_first_step(program)) == ("/v1/servers", 10)
    step = program.send([Server(id=i, server_name=f"s{i}") for i in (1, 2, 3)])
    assert isinstance(step, Each) and step.concurrency == 4
    assert [_listed(item)[0] for item in step.items] == [f"/v1/server/{i}/externalScans" for i in (1, 2, 3)]


def test_the_recheck_listing_expects_the_known_results_and_the_creates() -> None:
    assert _listed(_first_step(list_for_recheck(ApiProfile(), 2040))) == ("/v1/externalScans", 2040)
