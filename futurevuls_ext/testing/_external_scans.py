"""External scan results at the ApiProfile's routes and keys (reference §3.4, all inferred).

Creating, updating or deleting a result re-syncs its server's tasks: one task per CVE the result
lists (created when missing, marked as detected by ``externalScan``); a CVE no longer listed by any
result, package or CPE of the server takes its task away (tasks seeded directly stay). A result with
the "external" flag makes the SSVC exposure of its CVEs' tasks ``open``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..profile import ApiProfile, split_route
from ._errors import bad_request, found
from ._http import Request, Response, json_response
from ._paging import paged
from ._records import ExternalScan
from ._render import external_scan
from ._state import FakeState
from ._validate import (
    CVE_ID_RE,
    PAGING_PARAMS,
    body_bool,
    body_int,
    body_object,
    body_str,
    body_str_list,
    check_query,
    path_int,
    query_int,
)

__all__ = ["routes"]


def _find(state: FakeState, req: Request) -> ExternalScan:
    # The result's id is the route's last placeholder (a nested route has {serverID} first).
    return found(state.external_scans, path_int(req, list(req.params)[-1]), "external scan result")


def _cve_ids(body: dict[str, Any], key: str) -> list[str] | None:
    values = body_str_list(body, key)
    if values is None:
        return None
    bad = [v for v in values if not CVE_ID_RE.match(v)]
    if bad:
        raise bad_request(
            f'"{key}" holds malformed CVE ids {bad[:5]}; each must look like CVE-2024-12345',
            name="invalid_pattern",
        )
    return list(dict.fromkeys(values))


def _keys(profile: ApiProfile) -> tuple[str, str, str, str]:
    keys = profile.external_scans
    return keys.server_id_key, keys.name_key, keys.cve_ids_key, keys.is_external_key


def create(state: FakeState, req: Request) -> Response:
    """Create a result on a server; answers the result."""
    server_key, name_key, cves_key, external_key = _keys(req.profile)
    body = body_object(
        req, {server_key, name_key, cves_key, external_key}, required=[server_key, name_key, cves_key]
    )
    server_id = body_int(body, server_key) or 0
    name = body_str(body, name_key, non_empty=True) or ""
    cve_ids = _cve_ids(body, cves_key) or []
    is_external = body_bool(body, external_key)
    if server_id not in state.servers:
        raise bad_request(f"{server_key} {server_id}: no such server in this group", name="invalid_field")
    scan = state.new_external_scan(
        server_id, name, cve_ids, is_external=True if is_external is None else is_external
    )
    state.settle([server_id])
    return json_response(external_scan(scan, req.profile))


def update(state: FakeState, req: Request) -> Response:
    """Partial update: name, CVE list (replaces the whole list), external flag."""
    scan = _find(state, req)
    _, name_key, cves_key, external_key = _keys(req.profile)
    body = body_object(req, {name_key, cves_key, external_key})
    name = body_str(body, name_key, non_empty=True)
    cve_ids = _cve_ids(body, cves_key)
    is_external = body_bool(body, external_key)
    state.amend(scan, name=name, cve_ids=cve_ids, is_external=is_external)
    state.settle([scan.server_id])
    return json_response(external_scan(scan, req.profile))


def list_scans(state: FakeState, req: Request) -> Response:
    """Paged list, optionally filtered by server."""
    filter_key = req.profile.external_scans.filter_server_id
    check_query(req, PAGING_PARAMS | {filter_key})
    server_id = query_int(req, filter_key)
    if "serverID" in req.params:  # a route under the server lists that server's results
        server_id = path_int(req, "serverID")
    table = state.external_scans
    scans = list(table.values()) if server_id is None else table.of_server(server_id)
    return paged(req, req.profile.external_scans.list_key, scans, lambda s: external_scan(s, req.profile))


def get(state: FakeState, req: Request) -> Response:
    """One result."""
    return json_response(external_scan(_find(state, req), req.profile))


def delete(state: FakeState, req: Request) -> Response:
    """Delete one result (empty body); its CVEs' tasks go unless another source reports them."""
    scan = _find(state, req)
    del state.external_scans[scan.id]
    state.settle([scan.server_id])
    return Response()


def routes(profile: ApiProfile) -> list[tuple[str, str, Callable[[FakeState, Request], Response]]]:
    """The five routes, where the profile puts them."""
    keys = profile.external_scans
    table: list[tuple[str, str, Callable[[FakeState, Request], Response]]] = []
    for route, handler in (
        (keys.create, create),
        (keys.update, update),
        (keys.list, list_scans),
        (keys.get, get),
        (keys.delete, delete),
    ):
        method, path = split_route(route)
        table.append((method, path, handler))
    return table
