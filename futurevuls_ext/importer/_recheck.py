"""The re-check after this run's result creates: one listing for all of them, then the few fix-ups.

Every result create of a run is sent first (:func:`~._execute.write_flow` returns :class:`Created`).
Then the results are listed again, once for the group (in large pages), or per created server when
that takes fewer requests or the profile lists results under their server, and each create is settled
by the rule of issue 13: the lowest id of the name on the server is the result. Every other one that
appeared during the run (this run's own, a concurrent run's, one whose answer was lost) is deleted, and
when the lowest is not this run's own it is brought up to date. Ids grow with creation time and the
listing comes after this run's creates, so whoever made a higher id sees the lower one and never
writes to the higher one: exactly one run keeps each result.

Results listed before planning are never deleted here (the plan heals those). If the run stops between
its creates and this re-check (a crash, Ctrl-C), a concurrent run's duplicate survives until the next
run, whose plan sees two results of the name on the server and heals the higher one; the same holds
for a duplicate this listing misses because another run deleted results while it was paging.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil

from attrs import evolve, frozen

from .._batch import describe_error
from .._core.program import Program, list_all
from .._exceptions import FutureVulsError
from ..models import ExternalScan
from ..profile import ApiProfile
from ..resources import calls
from ._execute import Created, Executed, Flow, Status, bring_up_to_date, delete_flow, failed, finished, named
from ._listing import LISTING_PAGE_SIZE, nested_results, result_listing
from ._options import ImportOptions

__all__ = [
    "UNCHECKED",
    "Decision",
    "by_server_and_name",
    "decide",
    "group_listing_pays",
    "list_for_recheck",
    "needs_calls",
    "recheck_flow",
    "settled_without_calls",
]

UNCHECKED = "not re-checked: a re-run removes any duplicate a concurrent run made meanwhile"


@frozen(kw_only=True)
class Decision:
    """What the re-check does for one create: results to delete, and the one that stays.

    ``keeper`` is None when the listing does not show the result of this create (nor any other of its
    name): the create stands as made, or failed when its answer was lost.
    """

    keeper: ExternalScan | None
    delete: tuple[int, ...] = ()


def group_listing_pays(profile: ApiProfile, created: Sequence[Created], known_results: int) -> bool:
    """True when one listing of the group's results takes fewer requests than one per created server."""
    if nested_results(profile):
        return False
    servers = len({c.write.server_id for c in created})
    pages = ceil((known_results + len(created)) / LISTING_PAGE_SIZE)
    return pages < servers


def list_for_recheck(profile: ApiProfile, expected_items: int = 0) -> Program[list[ExternalScan]]:
    """Every result of the group, listed once (after every create of the run).

    ``expected_items``: the results listed before planning plus this run's creates (their pages are
    asked for at once).
    """
    return (yield from list_all(result_listing(profile, expected_items=expected_items)))


def by_server_and_name(
    listed: Sequence[ExternalScan],
) -> dict[tuple[int | None, str | None], list[ExternalScan]]:
    """The listed results by (server id, name), so each create looks only at its own few (pure)."""
    places: dict[tuple[int | None, str | None], list[ExternalScan]] = {}
    for scan in listed:
        places.setdefault((scan.server_id, scan.name), []).append(scan)
    return places


def decide(created: Created, listed: Sequence[ExternalScan], options: ImportOptions) -> Decision:
    """Which results of the create's name on its server stay and go (pure): lowest id wins."""
    write = created.write
    assert write.server_id is not None, "a created result has its server"
    same = [
        s for s in named(listed, write.result_name(options), write.server_id) if s.id not in write.claimed
    ]
    if not same:
        return Decision(keeper=None)
    keeper = same[0]
    known = created.settled.known_scans
    extra = {s.id for s in same[1:] if s.id not in known}
    if created.scan_id is not None and created.scan_id != keeper.id:
        extra.add(created.scan_id)
    return Decision(keeper=keeper, delete=tuple(sorted(extra)))


def needs_calls(created: Created, decision: Decision) -> bool:
    """True when settling the create sends something (a delete, or an update of another run's result)."""
    return bool(decision.delete) or (decision.keeper is not None and decision.keeper.id != created.scan_id)


def settled_without_calls(created: Created, decision: Decision) -> Executed:
    """The record of a create the listing confirms as is (or does not show at all)."""
    if decision.keeper is None:
        if created.scan_id is None:
            return created.provisional("the listing after the creates does not show it: a re-run makes it")
        return created.provisional("the listing after the creates does not show it yet")
    return finished(
        created.settled,
        created.write,
        "created",
        scan_id=created.scan_id,
        reason=created.write.reason,
        healed=created.healed,
    )


def recheck_flow(
    created: Created, listed: Sequence[ExternalScan] | None, options: ImportOptions, profile: ApiProfile
) -> Flow:
    """Settle one create against ``listed`` (None: list its server first); returns its :class:`Executed`.

    Failures become a record, never an exception.
    """
    write = created.write
    server_id = write.server_id
    assert server_id is not None, "a created result has its server"
    if listed is None:
        try:
            mine: list[ExternalScan] = yield result_listing(profile, server_id)
        except FutureVulsError as exc:
            return created.provisional(
                f"the listing for its re-check failed ({describe_error(exc)}); {UNCHECKED}"
            )
        # a result listed under its server may omit the server id: it is this one
        listed = [s if s.server_id is not None else evolve(s, server_id=server_id) for s in mine]
    step = "re-checking the server's results after the create"
    try:
        decision = decide(created, listed, options)
        if not needs_calls(created, decision):
            return settled_without_calls(created, decision)
        for scan_id in decision.delete:
            step = f"deleting duplicate result {scan_id} created meanwhile"
            yield from delete_flow(calls.external_scans.delete(profile, scan_id, server_id=server_id))
        keeper = decision.keeper
        assert keeper is not None, "a create that needs calls has a result to keep"
        if keeper.id == created.scan_id:
            return settled_without_calls(created, decision)
        step = f"bringing result {keeper.id} of the other run up to date"
        sent = yield from bring_up_to_date(keeper, write, options, profile)
    except FutureVulsError as exc:
        if created.scan_id is None:
            return created.provisional(f"then failed while {step}: {describe_error(exc)}")
        reason = f"created, then failed while {step}: {describe_error(exc)}; a re-run heals it"
        return failed(created.settled, write, reason, created.healed)
    status: Status
    if created.scan_id is None:
        reason = f"{write.reason}; the create's answer was lost, found result {keeper.id}"
        status = "created"
    else:
        reason = (
            f"another run created result {keeper.id} first; removed this run's duplicate {created.scan_id}"
        )
        status = "updated" if sent else "unchanged"
    return finished(created.settled, write, status, scan_id=keeper.id, reason=reason, healed=created.healed)
