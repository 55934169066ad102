"""Read-only group-set routes (reference §2.1 #31-#34): the fake's one group is the whole set.

Shapes are the group routes' plus ``group`` (``{"ID", "groupName"}``); CVE list items carry
``groups`` instead.
"""

from __future__ import annotations

from typing import Any, Final

from ._handlers_misc import filter_cves, filter_pkgcpes, find_cpe, find_cve, find_package
from ._handlers_servers import find_server, list_servers_filtered
from ._handlers_tasks import filter_tasks, find_task
from ._http import Request, Response, json_response
from ._paging import paged
from ._records import Cpe, Cve, Package
from ._render import group, server_detail, server_list_item
from ._render_tasks import cpe_detail, cve_detail, cve_list_item, pkg_detail, pkgcpe_list_item, task_detail
from ._render_tasks import task_list_item as _task_item
from ._state import FakeState
from ._validate import path_int

__all__ = ["ROUTES"]


def _with_group(state: FakeState, data: dict[str, Any]) -> dict[str, Any]:
    data["group"] = group(state)
    return data


def servers(state: FakeState, req: Request) -> Response:
    """GET /v1/groupSet/servers."""
    return paged(req, "servers", list_servers_filtered(state, req), lambda s: server_list_item(state, s))


def server(state: FakeState, req: Request) -> Response:
    """GET /v1/groupSet/server/{serverID}."""
    return json_response(server_detail(state, find_server(state, path_int(req, "serverID"))))


def server_by_uuid(state: FakeState, req: Request) -> Response:
    """GET /v1/groupSet/server/uuid/{serverUuid}."""
    from ._handlers_servers import get_server_by_uuid

    return get_server_by_uuid(state, req)


def tasks(state: FakeState, req: Request) -> Response:
    """GET /v1/groupSet/tasks."""
    return paged(req, "tasks", filter_tasks(state, req), lambda t: _task_item(state, t))


def task(state: FakeState, req: Request) -> Response:
    """GET /v1/groupSet/task/{taskID}."""
    return json_response(task_detail(state, find_task(state, path_int(req, "taskID"))))


def _cve_item(state: FakeState, cve: Cve) -> dict[str, Any]:
    data = cve_list_item(state, cve)
    for key in ("allTaskCount", "newTaskCount", "hasAlert", "isNotActive", "exploitLevel"):
        data.pop(key, None)
    data["groups"] = [group(state)]
    return data


def cves(state: FakeState, req: Request) -> Response:
    """GET /v1/groupSet/cves."""
    return paged(req, "cves", filter_cves(state, req), lambda c: _cve_item(state, c))


def cve(state: FakeState, req: Request) -> Response:
    """GET /v1/groupSet/cve/{cveID}."""
    data = cve_detail(find_cve(state, req.params["cveID"]))
    keep = {"createdAt", "cveID", "cvss", "cwes", "updatedAt"}
    return json_response(_with_group(state, {k: v for k, v in data.items() if k in keep}))


def pkgcpes(state: FakeState, req: Request) -> Response:
    """GET /v1/groupSet/pkgCpes."""

    def render(item: Package | Cpe) -> dict[str, Any]:
        return _with_group(state, pkgcpe_list_item(state, item))

    return paged(req, "pkgCpes", filter_pkgcpes(state, req), render)


def pkg(state: FakeState, req: Request) -> Response:
    """GET /v1/groupSet/pkgCpe/pkg/{pkgID}."""
    return json_response(pkg_detail(state, find_package(state, path_int(req, "pkgID"))))


def cpe(state: FakeState, req: Request) -> Response:
    """GET /v1/groupSet/pkgCpe/cpe/{cpeID}."""
    return json_response(cpe_detail(state, find_cpe(state, path_int(req, "cpeID"))))


ROUTES: Final = [
    ("GET", "/v1/groupSet/servers", servers),
    ("GET", "/v1/groupSet/server/uuid/{serverUuid}", server_by_uuid),
    ("GET", "/v1/groupSet/server/{serverID}", server),
    ("GET", "/v1/groupSet/tasks", tasks),
    ("GET", "/v1/groupSet/task/{taskID}", task),
    ("GET", "/v1/groupSet/cves", cves),
    ("GET", "/v1/groupSet/cve/{cveID}", cve),
    ("GET", "/v1/groupSet/pkgCpes", pkgcpes),
    ("GET", "/v1/groupSet/pkgCpe/pkg/{pkgID}", pkg),
    ("GET", "/v1/groupSet/pkgCpe/cpe/{cpeID}", cpe),
]
