"""Server routes (reference §2.1 #2-#10, §2.2) and the profile's server-tag write (§4.1)."""

from __future__ import annotations

from typing import Final

from ._errors import bad_request, found, not_found
from ._http import EMPTY, Request, Response, json_response
from ._records import Server
from ._render import server_detail, server_list_item
from ._routes import get_route, list_route
from ._state import FakeState
from ._validate import (
    PAGING_PARAMS,
    body_int,
    body_object,
    body_str,
    body_str_list,
    body_user,
    check_query,
    path_int,
    query_int,
    query_str,
)

__all__ = ["ROUTES", "find_server", "list_servers_filtered", "same_route"]

_UPDATE_KEYS: Final = frozenset({"serverName", "roleID", "defaultUserID", "additionalInfo"})
_PASTE_KEYS: Final = ("serverName", "osFamily", "osVersion", "kernelRelease", "pkgPasteText")


def same_route(route: str, method: str, template: str) -> bool:
    """Whether a profile route (``"PUT /v1/server/{id}"``) is ``method template``, ignoring param names."""
    import re

    from ..profile import split_route

    got_method, got_path = split_route(route)
    norm = re.compile(r"\{[^}]*\}")
    return got_method == method and norm.sub("{}", got_path) == norm.sub("{}", template)


def find_server(state: FakeState, server_id: int) -> Server:
    """The server, or a 404."""
    return found(state.servers, server_id, "server")


def list_servers_filtered(state: FakeState, req: Request) -> list[Server]:
    """Servers matching ``filterCveID``, ``filterRoleID``, ``filterTagName``."""
    check_query(req, PAGING_PARAMS | {"filterCveID", "filterRoleID", "filterTagName"})
    cve_id = query_str(req, "filterCveID")
    role_id = query_int(req, "filterRoleID")
    tag_name = query_str(req, "filterTagName")
    servers = list(state.servers.values())
    if cve_id is not None:
        with_cve = {t.server_id for t in state.tasks.values() if t.cve_id == cve_id}
        servers = [s for s in servers if s.id in with_cve]
    if role_id is not None:
        servers = [s for s in servers if s.role_id == role_id]
    if tag_name is not None:
        servers = [s for s in servers if any(state.tags[t].name == tag_name for t in s.tag_ids)]
    return servers


def get_server_by_uuid(state: FakeState, req: Request) -> Response:
    """GET /v1/server/uuid/{serverUuid}."""
    uuid = req.params["serverUuid"]
    server = next((s for s in state.servers.values() if s.uuid == uuid), None)
    if server is None:
        raise not_found(f"server with uuid {uuid}")
    return json_response(server_detail(state, server))


def _tags_update_is_server_update(req: Request) -> bool:
    return same_route(req.profile.server_tags.update, "PUT", "/v1/server/{serverID}")


def _apply_tags(state: FakeState, server: Server, names: list[str]) -> None:
    if any(not n.strip() for n in names):
        raise bad_request("tag names must not be empty", name="invalid_length")
    server.tag_ids = list(dict.fromkeys(state.ensure_tag(n).id for n in names))


def update_server(state: FakeState, req: Request) -> Response:
    """PUT /v1/server/{serverID}: rename, move to a role (re-rates SSVC), default user, note.

    Also the tags, when the profile's server-tag route is this one.
    """
    server = find_server(state, path_int(req, "serverID"))
    tags_key = req.profile.server_tags.tags_key
    allowed = _UPDATE_KEYS | ({tags_key} if _tags_update_is_server_update(req) else set())
    body = body_object(req, allowed)
    name = body_str(body, "serverName", non_empty=True)
    role_id = body_int(body, "roleID")
    default_user_id = body_user(body, "defaultUserID", state.users)
    info = body_str(body, "additionalInfo")
    tags = body_str_list(body, tags_key) if tags_key in allowed else None
    if role_id is not None and role_id not in state.roles:
        raise bad_request(f"roleID {role_id}: no such role in this group", name="invalid_field")
    state.amend(server, name=name, role_id=role_id, default_user_id=default_user_id, additional_info=info)
    if tags is not None:
        _apply_tags(state, server, tags)
    state.recompute_ssvc([server.id])
    return json_response(server_detail(state, server))


def update_server_tags(state: FakeState, req: Request) -> Response:
    """The profile's server-tag route when it is not the server update route: replaces the tag set."""
    param = next(iter(req.params))
    server = find_server(state, path_int(req, param))
    key = req.profile.server_tags.tags_key
    body = body_object(req, {key}, required=[key])
    _apply_tags(state, server, body_str_list(body, key) or [])
    server.updated_at = state.now()
    return json_response(server_detail(state, server))


def delete_server(state: FakeState, req: Request) -> Response:
    """DELETE /v1/server/{serverID}: the server, its tasks, packages, CPEs and external scans."""
    server = find_server(state, path_int(req, "serverID"))
    state.delete_server(server.id)
    return Response()


def _parse_paste(text: str) -> list[tuple[str, str, str]]:
    packages = []
    for line in text.splitlines():
        fields = line.split()
        if not fields:
            continue
        if len(fields) == 1:
            parts = fields[0].rsplit("-", 2)
            parts += [""] * (3 - len(parts))
            packages.append((parts[0], parts[1], parts[2]))
        else:
            packages.append((fields[0], fields[1], fields[2] if len(fields) > 2 else ""))
    return packages


def create_paste_server(state: FakeState, req: Request) -> Response:
    """POST /v1/server/paste: a server from a package list."""
    body = body_object(req, {*_PASTE_KEYS, "kernelVersion"}, required=_PASTE_KEYS)
    values = {key: body_str(body, key, non_empty=key == "serverName") or "" for key in _PASTE_KEYS}
    server = state.new_server(
        values["serverName"],
        os_family=values["osFamily"],
        os_version=values["osVersion"],
        kernel_release=values["kernelRelease"],
        kernel_version=body_str(body, "kernelVersion") or "",
    )
    server.last_uploaded_at = server.created_at
    for name, version, release in _parse_paste(values["pkgPasteText"]):
        state.new_package(server.id, name, version=version, release=release)
    return json_response(server_detail(state, server))


def update_paste_server(state: FakeState, req: Request) -> Response:
    """PUT /v1/server/paste/{serverID}: replace the package list (empty body)."""
    server = find_server(state, path_int(req, "serverID"))
    body = body_object(
        req, {"pkgPasteText", "osVersion", "kernelRelease", "kernelVersion"}, required=["pkgPasteText"]
    )
    text = body_str(body, "pkgPasteText") or ""
    server.os_version = body_str(body, "osVersion") or server.os_version
    server.kernel_release = body_str(body, "kernelRelease") or server.kernel_release
    server.kernel_version = body_str(body, "kernelVersion") or server.kernel_version
    state.packages.drop_server(server.id)
    for name, version, release in _parse_paste(text):
        state.new_package(server.id, name, version=version, release=release)
    server.updated_at = server.last_uploaded_at = state.now()
    state.settle([server.id])
    return Response(body=EMPTY)


def scan_server(state: FakeState, req: Request) -> Response:
    """POST /v1/server/scan/{serverID}: record a (re)scan request (empty body)."""
    server = find_server(state, path_int(req, "serverID"))
    server.last_scanned_at = state.now()
    server.scan_count += 1
    return Response()


def create_pseudo_server(state: FakeState, req: Request) -> Response:
    """The profile's pseudo-server route (default POST /v1/server/pseudo): ``{"serverName": ...}``."""
    body = body_object(req, {"serverName"}, required=["serverName"])
    name = body_str(body, "serverName", non_empty=True) or ""
    server = state.new_server(name, os_family="pseudo", os_version="unknown")
    return json_response(server_detail(state, server))


ROUTES: Final = [
    ("GET", "/v1/servers", list_route("servers", list_servers_filtered, server_list_item)),
    ("GET", "/v1/server/uuid/{serverUuid}", get_server_by_uuid),
    ("POST", "/v1/server/paste", create_paste_server),
    ("PUT", "/v1/server/paste/{serverID}", update_paste_server),
    ("POST", "/v1/server/scan/{serverID}", scan_server),
    ("GET", "/v1/server/{serverID}", get_route("serverID", find_server, server_detail)),
    ("PUT", "/v1/server/{serverID}", update_server),
    ("DELETE", "/v1/server/{serverID}", delete_server),
]
