"""Pure builders of the server operations (reference §2.1 #2-#10, tag writes §4.1)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import cattrs

from .._core.call import Call, PagedCall, ignore_body, structure_as
from .._core.request import ApiRequest, expand_path, query
from ..models import Server
from ..profile import ApiProfile
from ._common import NOT_GIVEN, InvalidArgumentError, NotGiven, body, get_list, get_one, route

__all__ = [
    "create_paste",
    "create_pseudo",
    "delete",
    "get",
    "get_by_uuid",
    "list_servers",
    "scan",
    "set_tags",
    "update",
    "update_paste",
]

V1 = "/v1"


def list_servers(
    *, role_id: int | None = None, tag: str | None = None, cve_id: str | None = None, prefix: str = V1
) -> PagedCall[Server]:
    """``GET /v1/servers`` with ``filterRoleID``, ``filterTagName``, ``filterCveID``."""
    params = query(filterRoleID=role_id, filterTagName=tag, filterCveID=cve_id)
    return get_list(f"{prefix}/servers", "servers", Server, params)


def get(server_id: int, *, prefix: str = V1) -> Call[Server]:
    """``GET /v1/server/{serverID}``."""
    path = expand_path(prefix + "/server/{serverID}", {"serverID": server_id})
    return get_one(path, Server)


def get_by_uuid(server_uuid: str, *, prefix: str = V1) -> Call[Server]:
    """``GET /v1/server/uuid/{serverUuid}``."""
    path = expand_path(prefix + "/server/uuid/{serverUuid}", {"serverUuid": server_uuid})
    return get_one(path, Server)


def update(
    server_id: int,
    *,
    name: str | NotGiven = NOT_GIVEN,
    role_id: int | NotGiven = NOT_GIVEN,
    default_user_id: int | NotGiven = NOT_GIVEN,
    additional_info: str | NotGiven = NOT_GIVEN,
) -> Call[Server]:
    """Rename, move to a role, set the default assignee or the note; only given arguments are sent.

    ``PUT /v1/server/{serverID}`` with only the given keys.
    """
    payload = body(
        serverName=name, roleID=role_id, defaultUserID=default_user_id, additionalInfo=additional_info
    )
    path = expand_path("/v1/server/{serverID}", {"serverID": server_id})
    return Call(request=ApiRequest(method="PUT", path=path, json=payload), decode=structure_as(Server))


def delete(server_id: int) -> Call[None]:
    """Delete a server.

    ``DELETE /v1/server/{serverID}`` (200, empty body).
    """
    path = expand_path("/v1/server/{serverID}", {"serverID": server_id})
    return Call(request=ApiRequest(method="DELETE", path=path), decode=ignore_body)


def create_pseudo(profile: ApiProfile, name: str) -> Call[Server]:
    """Create a pseudo server (a host without a scanner, to hold CPEs and external scan results).

    ``POST /v1/server/pseudo`` (route from ``profile.pseudo_server_create``).
    """
    method, path = route(profile.pseudo_server_create, {})
    return Call(
        request=ApiRequest(method=method, path=path, json={"serverName": name}), decode=structure_as(Server)
    )


def _package_list(
    pkg_paste_text: str,
    os_version: str | NotGiven,
    kernel_release: str | NotGiven,
    kernel_version: str | NotGiven,
) -> dict[str, str | NotGiven]:
    """The keys of a paste server's package list, as created and as replaced."""
    return {
        "osVersion": os_version,
        "kernelRelease": kernel_release,
        "kernelVersion": kernel_version,
        "pkgPasteText": pkg_paste_text,
    }


def create_paste(
    *,
    name: str,
    os_family: str,
    os_version: str,
    kernel_release: str,
    pkg_paste_text: str,
    kernel_version: str | NotGiven = NOT_GIVEN,
) -> Call[Server]:
    """Create a server from pasted package-list text (``rpm -qa`` / ``dpkg -l`` style).

    ``POST /v1/server/paste``: a server defined by pasted package-list text.
    """
    packages = _package_list(pkg_paste_text, os_version, kernel_release, kernel_version)
    payload = body(serverName=name, osFamily=os_family, **packages)
    return Call(
        request=ApiRequest(method="POST", path="/v1/server/paste", json=payload), decode=structure_as(Server)
    )


def update_paste(
    server_id: int,
    *,
    pkg_paste_text: str,
    os_version: str | NotGiven = NOT_GIVEN,
    kernel_release: str | NotGiven = NOT_GIVEN,
    kernel_version: str | NotGiven = NOT_GIVEN,
) -> Call[None]:
    """Replace a paste server's package list.

    ``PUT /v1/server/paste/{serverID}``: replace a paste server's packages (200, empty body).
    """
    payload = body(**_package_list(pkg_paste_text, os_version, kernel_release, kernel_version))
    path = expand_path("/v1/server/paste/{serverID}", {"serverID": server_id})
    return Call(request=ApiRequest(method="PUT", path=path, json=payload), decode=ignore_body)


def scan(server_id: int) -> Call[None]:
    """Ask FutureVuls to rescan a server.

    ``POST /v1/server/scan/{serverID}``: ask FutureVuls to rescan (200, empty body).
    """
    path = expand_path("/v1/server/scan/{serverID}", {"serverID": server_id})
    return Call(request=ApiRequest(method="POST", path=path), decode=ignore_body)


def _server_or_none(converter: cattrs.Converter, data: Any) -> Server | None:
    return None if data is None else converter.structure(data, Server)


def set_tags(profile: ApiProfile, server_id: int, tags: Iterable[str]) -> Call[Server | None]:
    """Replace a server's tags. **Unconfirmed API** (route and key from ``ApiProfile.server_tags``).

    Returns the server as answered, or None when the route answers with an empty body.
    """
    if isinstance(tags, str):
        raise InvalidArgumentError(f"tags must be a list of tag names, got the string {tags!r}")
    names = list(dict.fromkeys(tags))
    method, path = route(profile.server_tags.update, {"serverID": server_id, "id": server_id})
    request = ApiRequest(method=method, path=path, json={profile.server_tags.tags_key: names})
    return Call(request=request, decode=_server_or_none)
