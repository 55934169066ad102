"""The import's listings: servers and external scan results, in the largest pages the API allows.

An import lists everything it may touch before planning and, after its creates, lists the results
again for the re-check (:mod:`._recheck`). Pages of :data:`LISTING_PAGE_SIZE` items keep a large group
to a few round trips (2,000 servers: 2 requests instead of 20).
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import evolve

from .._core.call import PagedCall
from .._core.paging import MAX_PAGE_SIZE
from .._core.program import Program, list_all
from ..models import ExternalScan, Server
from ..profile import ApiProfile
from ..resources import calls

__all__ = ["LISTING_PAGE_SIZE", "list_results", "list_servers", "nested_results", "result_listing"]

LISTING_PAGE_SIZE = MAX_PAGE_SIZE
"""Items per page of the import's listings (the API's largest ``limit``)."""


def nested_results(profile: ApiProfile) -> bool:
    """True when the profile lists results under their server (one listing per server, no group one)."""
    return "{serverID}" in profile.external_scans.list


def list_servers() -> Program[list[Server]]:
    """Every server of the group."""
    return (yield from list_all(evolve(calls.servers.list_servers(), page_size=LISTING_PAGE_SIZE)))


def result_listing(profile: ApiProfile, server_id: int | None = None) -> PagedCall[ExternalScan]:
    """The listing of the group's results (or of one server's), in large pages."""
    call = calls.external_scans.list_external_scans(profile, server_id=server_id)
    return evolve(call, page_size=LISTING_PAGE_SIZE)


def list_results(
    profile: ApiProfile, server_ids: Sequence[int], *, only_these: bool = False
) -> Program[list[ExternalScan]]:
    """Every external scan result, listed once for the group or per server of ``server_ids``.

    Per server when the profile's routes sit under the server; with ``only_these`` and one server,
    the group listing is filtered to it (the Nmap job's ``add``, the re-check of one server).
    """
    if not nested_results(profile):
        only = server_ids[0] if only_these and len(server_ids) == 1 else None
        return (yield from list_all(result_listing(profile, only)))
    found: dict[int, ExternalScan] = {}
    for server_id in server_ids:
        listed = yield from list_all(result_listing(profile, server_id))
        for scan in listed:  # a result listed under its server may omit the server id: it is this one
            found[scan.id] = scan if scan.server_id is not None else evolve(scan, server_id=server_id)
    return [found[k] for k in sorted(found)]
