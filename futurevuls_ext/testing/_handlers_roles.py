"""Role routes (reference §2.1 #11-#14, §2.3) with the profile's SSVC keys (§4.2, unknown)."""

from __future__ import annotations

from typing import Any, Final

from ._errors import bad_request, found
from ._http import Request, Response, json_response
from ._paging import paged
from ._records import Role
from ._render import role_detail, role_list_item
from ._ssvc import EXPOSURE, HUMAN_IMPACT, MISSION_IMPACT, SAFETY_IMPACT, VALUE_DENSITY, canonical
from ._state import FakeState
from ._validate import PAGING_PARAMS, body_object, body_str, check_query, path_int, query_str

__all__ = ["ROUTES", "find_role", "update_role"]


def find_role(state: FakeState, role_id: int) -> Role:
    """The role, or a 404."""
    return found(state.roles, role_id, "role")


def list_roles(state: FakeState, req: Request) -> Response:
    """GET /v1/roles (``filterCveID``: roles with a server that has that CVE)."""
    check_query(req, PAGING_PARAMS | {"filterCveID"})
    cve_id = query_str(req, "filterCveID")
    roles = list(state.roles.values())
    if cve_id is not None:
        servers = {t.server_id for t in state.tasks.values() if t.cve_id == cve_id}
        role_ids = {state.servers[s].role_id for s in servers}
        roles = [r for r in roles if r.id in role_ids]
    return paged(req, "roles", roles, lambda r: role_list_item(state, r, req.profile))


def get_role(state: FakeState, req: Request) -> Response:
    """GET /v1/role/{roleID}."""
    role = find_role(state, path_int(req, "roleID"))
    return json_response(role_detail(state, role, req.profile))


def _ssvc_value(body: dict[str, Any], key: str, allowed: tuple[str, ...]) -> tuple[bool, str | None]:
    if key not in body:
        return False, None
    value = body[key]
    if value is None:
        return True, None
    spelled = canonical(value, allowed)
    if spelled is None:
        choices = ", ".join(f'"{a}"' for a in allowed)
        raise bad_request(
            f"value of {key} must be one of {choices} (or null) but got value {value!r}",
            name="invalid_enum_value",
        )
    return True, spelled


def update_role(
    state: FakeState, req: Request, *, with_name: bool = True, with_ssvc: bool = True
) -> Response:
    """PUT /v1/role/{roleID}: ``roleName`` and, at the profile's route, the SSVC keys (null clears)."""
    param = "roleID" if "roleID" in req.params else next(iter(req.params))
    role = find_role(state, path_int(req, param))
    keys = req.profile.role_ssvc
    ssvc = {
        keys.exposure_key: ("exposure", EXPOSURE),
        keys.human_impact_key: ("human_impact", HUMAN_IMPACT),
        keys.mission_impact_key: ("mission_impact", MISSION_IMPACT),
        keys.safety_impact_key: ("safety_impact", SAFETY_IMPACT),
        keys.value_density_key: ("value_density", VALUE_DENSITY),
    }
    allowed = ({"roleName"} if with_name else set()) | (set(ssvc) if with_ssvc else set())
    body = body_object(req, allowed)
    name = body_str(body, "roleName", non_empty=True)
    changes = {}
    for key, (attribute, values) in ssvc.items():
        present, value = _ssvc_value(body, key, values) if with_ssvc else (False, None)
        if present:
            changes[attribute] = value
    state.amend(role, name=name)
    for attribute, value in changes.items():  # None too: null clears a setting
        setattr(role, attribute, value)
    state.recompute_ssvc()
    return json_response(role_detail(state, role, req.profile))


def update_role_ssvc_only(state: FakeState, req: Request) -> Response:
    """The profile's role-SSVC route when it is not the role update route."""
    return update_role(state, req, with_name=False)


def update_role_name_only(state: FakeState, req: Request) -> Response:
    """PUT /v1/role/{roleID} when the profile puts the SSVC keys elsewhere."""
    return update_role(state, req, with_ssvc=False)


def delete_role(state: FakeState, req: Request) -> Response:
    """DELETE /v1/role/{roleID}: its servers move to the default role (the default role stays)."""
    role = find_role(state, path_int(req, "roleID"))
    if role.is_default:
        raise bad_request(f"role {role.id} is the default role and cannot be deleted")
    default = state.default_role()
    for server in state.servers.values():
        if server.role_id == role.id:
            server.role_id = default.id
    del state.roles[role.id]
    state.recompute_ssvc()
    return Response()


ROUTES: Final = [
    ("GET", "/v1/roles", list_roles),
    ("GET", "/v1/role/{roleID}", get_role),
    ("DELETE", "/v1/role/{roleID}", delete_role),
]
