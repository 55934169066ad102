"""JSON shapes of servers, roles, tags, the group and external scans, with the API's exact key spellings.

Spellings follow ``futurevuls-api-schemas.md``: ``serverroleId``/``serverroleName``,
``defaultUserId``, ``serverUuid``/``hostUuid``, ``serverIpv4``, group ``ID``/``groupName``.
Optional fields that have no value are omitted (goa's ``omitempty``), required ones are always present:
an optional list or map that is empty is left out too (:func:`lean`), as the live API does.
"""

from __future__ import annotations

from typing import Any

from ..profile import ApiProfile
from ._records import ExternalScan, Role, Server, Task
from ._state import FakeState

__all__ = [
    "as_datetime",
    "child_task",
    "external_scan",
    "group",
    "lean",
    "put_assignment",
    "put_optional",
    "role_detail",
    "role_list_item",
    "server_child",
    "server_detail",
    "server_list_item",
]


def put_optional(data: dict[str, Any], key: str, value: Any) -> None:
    """Set ``data[key]`` unless ``value`` is None or an empty string (goa ``omitempty``)."""
    if value is not None and value != "":
        data[key] = value


def put_assignment(data: dict[str, Any], state: FakeState, task: Task) -> None:
    """The task's optional ``ignoreUntil`` and its main and sub assignees (IDs and names)."""
    put_optional(data, "ignoreUntil", task.ignore_until)
    put_optional(data, "mainUserID", task.main_user_id)
    put_optional(data, "mainUserName", state.user_name(task.main_user_id))
    put_optional(data, "subUserID", task.sub_user_id)
    put_optional(data, "subUserName", state.user_name(task.sub_user_id))


def lean(data: dict[str, Any], *optional: str) -> dict[str, Any]:
    """``data`` without those ``optional`` keys whose value is empty (None, ``""``, ``[]``, ``{}``)."""
    for key in optional:
        if key in data and data[key] in (None, "", [], {}):
            del data[key]
    return data


def as_datetime(day: str | None) -> str | None:
    """A ``YYYY-MM-DD`` date as the RFC 3339 midnight UTC the list schemas type it as (date-time)."""
    return None if day is None else f"{day}T00:00:00Z"


def group(state: FakeState) -> dict[str, Any]:
    """``GroupResponseBody``: note the upper-case ``ID``."""
    return {"ID": state.group.id, "groupName": state.group.name}


def _server_common(state: FakeState, server: Server) -> dict[str, Any]:
    role = state.roles[server.role_id]
    data: dict[str, Any] = {
        "id": server.id,
        "serverName": server.name,
        "serverUuid": server.uuid,
        "hostUuid": server.host_uuid,
        "serverroleId": role.id,
        "serverroleName": role.name,
        "osFamily": server.os_family,
        "osVersion": server.os_version,
        "needKernelRestart": server.need_kernel_restart,
        "createdAt": server.created_at,
        "updatedAt": server.updated_at,
    }
    put_optional(data, "defaultUserId", server.default_user_id)
    put_optional(data, "defaultUserName", state.user_name(server.default_user_id))
    put_optional(data, "lastScannedAt", server.last_scanned_at)
    put_optional(data, "lastUploadedAt", server.last_uploaded_at)
    return data


def _full_server(state: FakeState, server: Server) -> dict[str, Any]:
    data = _server_common(state, server)
    data.update(
        {
            "serverIpv4": server.ipv4,
            "platformName": server.platform_name,
            "platformInstanceId": server.platform_instance_id,
            "tags": [{"id": t, "name": state.tags[t].name} for t in server.tag_ids],
            "group": group(state),
        }
    )
    return lean(data, "tags")


def server_list_item(state: FakeState, server: Server) -> dict[str, Any]:
    """``ServerListResponseBody``."""
    data = _full_server(state, server)
    data["successScanCount"] = server.scan_count
    return data


def server_detail(state: FakeState, server: Server) -> dict[str, Any]:
    """``ServerGetServerDetailResponseBody`` (also the update, paste and pseudo responses)."""
    data = _full_server(state, server)
    data["tasks"] = [child_task(state, t) for t in state.tasks.of_server(server.id)]
    return lean(data, "tasks")


def server_child(state: FakeState, server: Server) -> dict[str, Any]:
    """``ServerChildResponseBody``: tags are plain names here."""
    data = _server_common(state, server)
    data["tags"] = [state.tags[t].name for t in server.tag_ids]
    return lean(data, "tags")


def child_task(state: FakeState, task: Task) -> dict[str, Any]:
    """``ChildTaskResponseBody``."""
    data: dict[str, Any] = {
        "id": task.id,
        "cveID": task.cve_id,
        "serverID": task.server_id,
        "status": task.status,
        "priority": task.priority,
        "ignore": task.ignore,
        "createdAt": task.created_at,
        "updatedAt": task.updated_at,
    }
    put_optional(data, "applyingPatchOn", as_datetime(task.applying_patch_on))
    put_assignment(data, state, task)
    return data


def _role_common(state: FakeState, role: Role, profile: ApiProfile) -> dict[str, Any]:
    server_ids = {s.id for s in state.servers.values() if s.role_id == role.id}
    tasks = [t for t in state.tasks.values() if t.server_id in server_ids]
    keys = profile.role_ssvc
    data = {
        "id": role.id,
        "name": role.name,
        "isDefault": role.is_default,
        "newTaskCount": sum(1 for t in tasks if t.status == "new"),
        "allTaskCount": len(tasks),
        "secMetric": {
            "roleID": role.id,
            "roleName": role.name,
            "cr": "",
            "ir": "",
            "ar": "",
            "createdAt": role.created_at,
            "updatedAt": role.updated_at,
        },
        "createdAt": role.created_at,
        "updatedAt": role.updated_at,
        # Unconfirmed SSVC settings (ApiProfile.role_ssvc keys); left out when not set.
        keys.exposure_key: role.exposure,
        keys.human_impact_key: role.human_impact,
        keys.mission_impact_key: role.mission_impact,
        keys.safety_impact_key: role.safety_impact,
        keys.value_density_key: role.value_density,
    }
    return lean(
        data,
        keys.exposure_key,
        keys.human_impact_key,
        keys.mission_impact_key,
        keys.safety_impact_key,
        keys.value_density_key,
    )


def role_list_item(state: FakeState, role: Role, profile: ApiProfile) -> dict[str, Any]:
    """``RoleListResponseBody`` plus the profile's SSVC keys."""
    data = _role_common(state, role, profile)
    data["serverCount"] = sum(1 for s in state.servers.values() if s.role_id == role.id)
    return data


def role_detail(state: FakeState, role: Role, profile: ApiProfile) -> dict[str, Any]:
    """``RoleGetRoleDetailResponseBody`` plus the profile's SSVC keys."""
    data = _role_common(state, role, profile)
    data["servers"] = [server_child(state, s) for s in state.servers.values() if s.role_id == role.id]
    data["envMetricV2s"] = []
    data["envMetricV3s"] = []
    return lean(data, "servers", "envMetricV2s", "envMetricV3s")


def external_scan(scan: ExternalScan, profile: ApiProfile) -> dict[str, Any]:
    """An external scan result, with the profile's keys (reference §3.4, inferred)."""
    keys = profile.external_scans
    return {
        keys.id_key: scan.id,
        keys.server_id_key: scan.server_id,
        keys.name_key: scan.name,
        keys.cve_ids_key: list(scan.cve_ids),
        keys.is_external_key: scan.is_external,
        keys.created_at_key: scan.created_at,
        keys.updated_at_key: scan.updated_at,
    }
