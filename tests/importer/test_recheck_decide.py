"""The re-check's rule, pure: the lowest id of the name on the server stays (issue 13, batched in 17)."""

from __future__ import annotations

from futurevuls_ext.importer._execute import Created, Settled
from futurevuls_ext.importer._options import ImportOptions
from futurevuls_ext.importer._plan import PlannedWrite
from futurevuls_ext.importer._recheck import Decision, decide, group_listing_pays, needs_calls
from futurevuls_ext.profile import ApiProfile

from .factories import scan

OPTIONS = ImportOptions(name="nessus")
CVES = ("CVE-2024-0001",)


def _created(
    scan_id: int | None,
    *,
    server: int = 7,
    known: frozenset[int] = frozenset(),
    claimed: frozenset[int] = frozenset(),
) -> Created:
    write = PlannedWrite(
        action="create", hosts=("10.0.0.1",), cve_ids=frozenset(CVES), server_id=server, claimed=claimed
    )
    settled = Settled(write=write, known_scans=known)
    return Created(settled=settled, write=write, scan_id=scan_id, lost="" if scan_id else "dropped")


def test_own_result_alone_stands_without_calls() -> None:
    created = _created(20)
    decision = decide(created, [scan(20, 7, "nessus", CVES), scan(5, 8, "nessus", CVES)], OPTIONS)
    assert decision == Decision(keeper=scan(20, 7, "nessus", CVES))
    assert not needs_calls(created, decision)


def test_a_lower_id_of_another_run_wins_and_ours_is_deleted() -> None:
    created = _created(20)
    listed = [scan(20, 7, "nessus", CVES), scan(12, 7, "nessus", ()), scan(25, 7, "nessus", CVES)]
    decision = decide(created, listed, OPTIONS)
    assert decision.keeper is not None and decision.keeper.id == 12
    assert decision.delete == (20, 25)
    assert needs_calls(created, decision)


def test_results_listed_before_planning_and_claimed_ones_are_never_deleted() -> None:
    created = _created(20, known=frozenset({30}), claimed=frozenset({3}))
    listed = [scan(3, 7, "nessus", ()), scan(20, 7, "nessus", CVES), scan(30, 7, "nessus", CVES)]
    decision = decide(created, listed, OPTIONS)
    assert decision.keeper is not None and decision.keeper.id == 20
    assert decision.delete == ()


def test_a_lost_answer_is_found_by_name_on_its_server() -> None:
    created = _created(None)
    listed = [scan(41, 7, "nessus", CVES), scan(40, 7, "other", CVES)]
    decision = decide(created, listed, OPTIONS)
    assert decision.keeper is not None and decision.keeper.id == 41
    assert decide(created, [scan(40, 7, "other", CVES)], OPTIONS) == Decision(keeper=None)


def test_the_group_listing_is_used_only_when_it_takes_fewer_requests() -> None:
    profile = ApiProfile()
    many = [_created(i, server=6 + i) for i in range(1, 4)]
    assert group_listing_pays(profile, many, known_results=100)  # 1 page < 3 servers
    assert not group_listing_pays(profile, many, known_results=2_500)  # 3 pages, 3 servers
    assert not group_listing_pays(profile, many[:1], known_results=0)  # one server: its own listing
