"""Health, CVE, package/CPE and lockfile routes (reference §2.1 #1, #20-#30)."""

from __future__ import annotations

from typing import Final

from ._errors import bad_request, found
from ._handlers_servers import find_server
from ._handlers_tasks import tasks_where
from ._http import Request, Response, json_response
from ._records import Cpe, Cve, Lockfile, Package
from ._render_tasks import cpe_detail, cve_detail, cve_list_item, lockfile, pkg_detail, pkgcpe_list_item
from ._routes import get_route, list_route
from ._state import FakeState
from ._validate import (
    PAGING_PARAMS,
    body_bool,
    body_int,
    body_object,
    body_str,
    check_query,
    path_int,
    query_int,
    query_str,
)

__all__ = ["ROUTES", "filter_cves", "filter_pkgcpes", "find_cpe", "find_cve", "find_package", "health"]


def health(state: FakeState, req: Request) -> Response:
    """GET /health: JSON ``true``, no authentication."""
    return json_response(True)


def find_cve(state: FakeState, cve_id: str) -> Cve:
    """The CVE, or a 404."""
    return found(state.cves, cve_id, "cve")


def filter_cves(state: FakeState, req: Request) -> list[Cve]:
    """CVEs detected in the group (with at least one task), narrowed by the list filters."""
    check_query(req, PAGING_PARAMS | {"filterServerID", "filterRoleID", "filterPkgID", "filterCpeID"})
    detected = {t.cve_id for t in tasks_where(state, req, state.tasks.values())}
    return [state.cves[c] for c in sorted(detected) if c in state.cves]


def get_cve(state: FakeState, req: Request) -> Response:
    """GET /v1/cve/{cveID}."""
    return json_response(cve_detail(find_cve(state, req.params["cveID"])))


def find_package(state: FakeState, pkg_id: int) -> Package:
    """The package, or a 404."""
    return found(state.packages, pkg_id, "package")


def find_cpe(state: FakeState, cpe_id: int) -> Cpe:
    """The CPE, or a 404."""
    return found(state.cpes, cpe_id, "cpe")


def filter_pkgcpes(state: FakeState, req: Request) -> list[Package | Cpe]:
    """Packages then CPEs, narrowed by the CVE, task, server and role filters."""
    check_query(req, PAGING_PARAMS | {"filterCveID", "filterTaskID", "filterServerID", "filterRoleID"})
    cve_id = query_str(req, "filterCveID")
    task_id = query_int(req, "filterTaskID")
    server_id = query_int(req, "filterServerID")
    role_id = query_int(req, "filterRoleID")
    items: list[Package | Cpe] = [*state.packages.values(), *state.cpes.values()]
    if cve_id is not None:
        items = [i for i in items if cve_id in i.cve_ids]
    if task_id is not None:
        task = state.tasks.get(task_id)
        sources = task.sources if task is not None else set()
        items = [i for i in items if f"{'pkg' if isinstance(i, Package) else 'cpe'}:{i.id}" in sources]
    if server_id is not None:
        items = [i for i in items if i.server_id == server_id]
    if role_id is not None:
        items = [i for i in items if state.servers[i.server_id].role_id == role_id]
    return items


def add_cpe(state: FakeState, req: Request) -> Response:
    """POST /v1/pkgCpe/cpe: ``serverID``, ``cpeName``, ``isURI`` (default true)."""
    body = body_object(req, {"serverID", "cpeName", "isURI"}, required=["serverID", "cpeName"])
    server_id = body_int(body, "serverID") or 0
    name = body_str(body, "cpeName", non_empty=True) or ""
    is_uri = body_bool(body, "isURI")
    if server_id not in state.servers:
        raise bad_request(f"serverID {server_id}: no such server in this group", name="invalid_field")
    cpe = state.new_cpe(server_id, name, is_uri=True if is_uri is None else is_uri)
    state.settle([server_id])
    return json_response(cpe_detail(state, cpe))


def _drop_cpe(state: FakeState, cpe_id: int) -> Response:
    cpe = find_cpe(state, cpe_id)
    del state.cpes[cpe.id]
    state.settle([cpe.server_id])
    return Response()


def delete_cpe(state: FakeState, req: Request) -> Response:
    """DELETE /v1/pkgCpe/cpe/{cpeID} (empty body)."""
    return _drop_cpe(state, path_int(req, "cpeID"))


def delete_cpe_deprecated(state: FakeState, req: Request) -> Response:
    """DELETE /v1/pkgCpe/cpe with body ``{"cpeID": int}`` (deprecated form, empty body)."""
    body = body_object(req, {"cpeID"}, required=["cpeID"])
    return _drop_cpe(state, body_int(body, "cpeID") or 0)


def _find_lockfile(state: FakeState, lockfile_id: int) -> Lockfile:
    return found(state.lockfiles, lockfile_id, "lockfile")


def _filter_lockfiles(state: FakeState, req: Request) -> list[Lockfile]:
    """Lockfiles matching ``filterServerID`` and ``filterPath``."""
    check_query(req, PAGING_PARAMS | {"filterServerID", "filterPath"})
    server_id = query_int(req, "filterServerID")
    path = query_str(req, "filterPath")
    return [
        i
        for i in state.lockfiles.values()
        if (server_id is None or i.server_id == server_id) and (path is None or i.path == path)
    ]


def add_lockfile(state: FakeState, req: Request) -> Response:
    """POST /v1/lockfile: ``serverID``, ``path``, ``fileContent`` (all required)."""
    body = body_object(req, {"serverID", "path", "fileContent"}, required=["serverID", "path", "fileContent"])
    server = find_server(state, body_int(body, "serverID") or 0)
    path = body_str(body, "path", non_empty=True) or ""
    item = state.new_lockfile(server.id, path, body_str(body, "fileContent") or "")
    return json_response(lockfile(state, item))


def update_lockfile(state: FakeState, req: Request) -> Response:
    """PUT /v1/lockfile/{lockfileID}: ``path`` and/or ``fileContent``."""
    item = _find_lockfile(state, path_int(req, "lockfileID"))
    body = body_object(req, {"path", "fileContent"})
    item.path = body_str(body, "path", non_empty=True) or item.path
    content = body_str(body, "fileContent")
    item.content = item.content if content is None else content
    item.updated_at = state.now()
    return json_response(lockfile(state, item))


def delete_lockfile(state: FakeState, req: Request) -> Response:
    """DELETE /v1/lockfile/{lockfileID} (empty body)."""
    item = _find_lockfile(state, path_int(req, "lockfileID"))
    del state.lockfiles[item.id]
    return Response()


ROUTES: Final = [
    ("GET", "/health", health),
    ("GET", "/v1/cves", list_route("cves", filter_cves, cve_list_item)),
    ("GET", "/v1/cve/{cveID}", get_cve),
    ("GET", "/v1/pkgCpes", list_route("pkgCpes", filter_pkgcpes, pkgcpe_list_item)),
    ("GET", "/v1/pkgCpe/pkg/{pkgID}", get_route("pkgID", find_package, pkg_detail)),
    ("GET", "/v1/pkgCpe/cpe/{cpeID}", get_route("cpeID", find_cpe, cpe_detail)),
    ("POST", "/v1/pkgCpe/cpe", add_cpe),
    ("DELETE", "/v1/pkgCpe/cpe/{cpeID}", delete_cpe),
    ("DELETE", "/v1/pkgCpe/cpe", delete_cpe_deprecated),
    ("GET", "/v1/lockfiles", list_route("lockfiles", _filter_lockfiles, lockfile)),
    ("POST", "/v1/lockfile", add_lockfile),
    ("GET", "/v1/lockfile/{lockfileID}", get_route("lockfileID", _find_lockfile, lockfile)),
    ("PUT", "/v1/lockfile/{lockfileID}", update_lockfile),
    ("DELETE", "/v1/lockfile/{lockfileID}", delete_lockfile),
]
