"""Read-only group-set routes (reference §2.1 #31-#34): the fake's one group is the whole set.

Shapes are the group routes' plus ``group`` (``{"ID", "groupName"}``); CVE list items carry
``groups`` instead. Servers, tasks, packages and CPEs answer exactly as their group routes do, so
those are the group routes' own handlers under ``/v1/groupSet``.
"""

from __future__ import annotations

from typing import Any, Final

from . import _handlers_misc, _handlers_servers, _handlers_tasks
from ._handlers_misc import filter_cves, filter_pkgcpes, find_cve
from ._http import Request, Response, json_response
from ._records import Cpe, Cve, Package
from ._render import group
from ._render_tasks import cve_detail, cve_list_item, pkgcpe_list_item
from ._routes import list_route
from ._state import FakeState

__all__ = ["ROUTES"]

_SAME_AS_GROUP: Final = frozenset(
    {
        "/v1/servers",
        "/v1/server/uuid/{serverUuid}",
        "/v1/server/{serverID}",
        "/v1/tasks",
        "/v1/task/{taskID}",
        "/v1/pkgCpe/pkg/{pkgID}",
        "/v1/pkgCpe/cpe/{cpeID}",
    }
)
"""The group ``GET`` routes whose group-set twin answers the same."""


def _in_group_set(path: str) -> str:
    """The group-set path of a group route: ``/v1/tasks`` -> ``/v1/groupSet/tasks``."""
    return "/v1/groupSet" + path.removeprefix("/v1")


def _with_group(state: FakeState, data: dict[str, Any]) -> dict[str, Any]:
    data["group"] = group(state)
    return data


def _cve_item(state: FakeState, cve: Cve) -> dict[str, Any]:
    data = cve_list_item(state, cve)
    for key in ("allTaskCount", "newTaskCount", "hasAlert", "isNotActive", "exploitLevel"):
        data.pop(key, None)
    data["groups"] = [group(state)]
    return data


def cve(state: FakeState, req: Request) -> Response:
    """GET /v1/groupSet/cve/{cveID}."""
    data = cve_detail(find_cve(state, req.params["cveID"]))
    keep = {"createdAt", "cveID", "cvss", "cwes", "updatedAt"}
    return json_response(_with_group(state, {k: v for k, v in data.items() if k in keep}))


def _pkgcpe_item(state: FakeState, item: Package | Cpe) -> dict[str, Any]:
    return _with_group(state, pkgcpe_list_item(state, item))


ROUTES: Final = [
    *(
        ("GET", _in_group_set(path), handler)
        for module in (_handlers_servers, _handlers_tasks, _handlers_misc)
        for method, path, handler in module.ROUTES
        if method == "GET" and path in _SAME_AS_GROUP
    ),
    ("GET", "/v1/groupSet/cves", list_route("cves", filter_cves, _cve_item)),
    ("GET", "/v1/groupSet/cve/{cveID}", cve),
    ("GET", "/v1/groupSet/pkgCpes", list_route("pkgCpes", filter_pkgcpes, _pkgcpe_item)),
]
