"""The import's listings: servers and external scan results, in the largest pages the API allows.

An import lists everything it may touch before planning and, after its creates, lists the results
again for the re-check (:mod:`._recheck`). Pages of :data:`LISTING_PAGE_SIZE` items keep a large group
to a few round trips (2,000 servers: 2 requests instead of 20), and ``expected_items`` (what the import
expects to find: about one server and one result per host) has the pages it would fill asked for at
once, with the first (see :mod:`futurevuls_ext._core.listing`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from attrs import evolve

from .._core.call import PagedCall
from .._core.paging import MAX_PAGE_SIZE
from .._core.program import Program, all_of, list_all
from ..models import ExternalScan, Server
from ..profile import ApiProfile
from ..resources import calls

__all__ = [
    "LISTING_PAGE_SIZE",
    "list_existing",
    "list_results",
    "list_servers",
    "nested_results",
    "result_listing",
]

LISTING_PAGE_SIZE = MAX_PAGE_SIZE
"""Items per page of the import's listings (the API's largest ``limit``)."""


def nested_results(profile: ApiProfile) -> bool:
    """True when the profile lists results under their server (one listing per server, no group one)."""
    return "{serverID}" in profile.external_scans.list


def list_servers(expected_items: int = 0) -> Program[list[Server]]:
    """Every server of the group (``expected_items``: how many the caller expects, 0 for no idea)."""
    call = calls.servers.list_servers()
    return (yield from list_all(evolve(call, page_size=LISTING_PAGE_SIZE, expected_items=expected_items)))


def result_listing(
    profile: ApiProfile, server_id: int | None = None, *, expected_items: int = 0
) -> PagedCall[ExternalScan]:
    """The listing of the group's results (or of one server's), in large pages."""
    call = calls.external_scans.list_external_scans(profile, server_id=server_id)
    return evolve(call, page_size=LISTING_PAGE_SIZE, expected_items=expected_items)


def _of_server(profile: ApiProfile, server_id: int) -> Program[list[ExternalScan]]:
    listed = yield from list_all(result_listing(profile, server_id))
    # a result listed under its server may omit the server id: it is this one
    return [scan if scan.server_id is not None else evolve(scan, server_id=server_id) for scan in listed]


def list_results(
    profile: ApiProfile,
    server_ids: Sequence[int],
    *,
    only_these: bool = False,
    expected_items: int = 0,
    concurrency: int = 1,
) -> Program[list[ExternalScan]]:
    """Every external scan result, listed once for the group or per server of ``server_ids``.

    Per server (``concurrency`` listings at a time) when the profile's routes sit under the server;
    with ``only_these`` and one server, the group listing is filtered to it (the Nmap job's ``add``,
    the re-check of one server).
    """
    if not nested_results(profile):
        only = server_ids[0] if only_these and len(server_ids) == 1 else None
        return (yield from list_all(result_listing(profile, only, expected_items=expected_items)))
    listings = [_of_server(profile, server_id) for server_id in server_ids]
    lists = yield from all_of(listings, concurrency=concurrency)
    found = {scan.id: scan for listed in lists for scan in listed}
    return [found[k] for k in sorted(found)]


def list_existing(
    profile: ApiProfile, server_id: int | None, *, expected_items: int, concurrency: int
) -> Program[tuple[list[Server], list[ExternalScan]]]:
    """What an import may touch: the group's servers (none with ``server_id``) and the results.

    The two listings run side by side unless the results are listed per server, which takes the
    servers first; the first error (the servers' before the results') is raised.
    """
    if server_id is not None:
        return [], (yield from list_results(profile, [server_id], expected_items=expected_items))
    if nested_results(profile):
        servers = yield from list_servers(expected_items)
        server_ids = [s.id for s in servers]
        return servers, (yield from list_results(profile, server_ids, concurrency=concurrency))
    both: list[Program[Any]] = [
        list_servers(expected_items),
        list_results(profile, (), expected_items=expected_items),
    ]
    servers, scans = yield from all_of(both, concurrency=2)
    return servers, scans
