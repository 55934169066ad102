"""Pure builders of the role operations (reference §2.1 #11-#14) and role SSVC settings (§4.2)."""

from __future__ import annotations

from typing import Any

from .._core.call import Call, PagedCall, ignore_body, structure_as
from .._core.request import ApiRequest, expand_path, query
from ..models import Role
from ..profile import ApiProfile
from ..ssvc import RoleSsvcSettings
from ._common import NOT_GIVEN, NotGiven, get_list, get_one, route

__all__ = ["ROLE_UPDATE_ROUTE", "delete", "get", "list_roles", "ssvc_body", "update"]

ROLE_UPDATE_ROUTE = "PUT /v1/role/{roleID}"


def list_roles(*, cve_id: str | None = None) -> PagedCall[Role]:
    """``GET /v1/roles`` (``filterCveID``)."""
    return get_list("/v1/roles", "roles", Role, query(filterCveID=cve_id))


def get(role_id: int) -> Call[Role]:
    """One role with its servers and metrics.

    ``GET /v1/role/{roleID}``.
    """
    path = expand_path("/v1/role/{roleID}", {"roleID": role_id})
    return get_one(path, Role)


def ssvc_body(profile: ApiProfile, ssvc: RoleSsvcSettings) -> dict[str, Any]:
    """The JSON keys of a role's SSVC settings, from ``profile.role_ssvc``; unset values are left out."""
    keys = profile.role_ssvc
    pairs = (
        (keys.exposure_key, ssvc.exposure),
        (keys.human_impact_key, ssvc.human_impact),
        (keys.mission_impact_key, ssvc.mission_impact),
        (keys.safety_impact_key, ssvc.safety_impact),
        (keys.value_density_key, ssvc.value_density),
    )
    return {key: value.value for key, value in pairs if value is not None}


def update(
    profile: ApiProfile,
    role_id: int,
    *,
    name: str | NotGiven = NOT_GIVEN,
    ssvc: RoleSsvcSettings | NotGiven = NOT_GIVEN,
) -> tuple[Call[Role], ...]:
    """Rename a role and/or set its SSVC exposure and human impact.

    The SSVC keys are **unconfirmed** (``ApiProfile.role_ssvc``); settings left as None are not sent.

    The rename is the confirmed ``PUT /v1/role/{roleID}`` with ``roleName``. When the SSVC route
    (``profile.role_ssvc``) is that same route (the default), one request carries both; otherwise the
    rename and the SSVC write are two requests, in that order. The last answer is the updated role.
    """
    values = {"roleID": role_id, "id": role_id}
    calls: list[Call[Role]] = []
    payload: dict[str, Any] = {} if name is NOT_GIVEN else {"roleName": name}
    same_route = profile.role_ssvc.update.split() == ROLE_UPDATE_ROUTE.split()
    if isinstance(ssvc, RoleSsvcSettings) and same_route:
        payload.update(ssvc_body(profile, ssvc))
    if same_route or name is not NOT_GIVEN or not isinstance(ssvc, RoleSsvcSettings):
        method, path = route(ROLE_UPDATE_ROUTE, values)
        calls.append(
            Call(request=ApiRequest(method=method, path=path, json=payload), decode=structure_as(Role))
        )
    if isinstance(ssvc, RoleSsvcSettings) and not same_route:
        method, path = route(profile.role_ssvc.update, values)
        request = ApiRequest(method=method, path=path, json=ssvc_body(profile, ssvc))
        calls.append(Call(request=request, decode=structure_as(Role)))
    return tuple(calls)


def delete(role_id: int) -> Call[None]:
    """Delete a role.

    ``DELETE /v1/role/{roleID}`` (200, empty body).
    """
    path = expand_path("/v1/role/{roleID}", {"roleID": role_id})
    return Call(request=ApiRequest(method="DELETE", path=path), decode=ignore_body)
