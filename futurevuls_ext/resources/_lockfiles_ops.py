"""Pure builders of the lockfile operations (reference §2.1 #28-#30)."""

from __future__ import annotations

from .._core.call import Call, PagedCall, ignore_body, structure_as
from .._core.request import ApiRequest, expand_path, query
from ..models import Lockfile
from ._common import NOT_GIVEN, NotGiven, body, get_list, get_one

__all__ = ["create", "delete", "get", "list_lockfiles", "update"]


def _path(lockfile_id: int) -> str:
    return expand_path("/v1/lockfile/{lockfileID}", {"lockfileID": lockfile_id})


def list_lockfiles(*, server_id: int | None = None, path: str | None = None) -> PagedCall[Lockfile]:
    """``GET /v1/lockfiles`` with ``filterServerID`` and ``filterPath``."""
    return get_list("/v1/lockfiles", "lockfiles", Lockfile, query(filterServerID=server_id, filterPath=path))


def get(lockfile_id: int) -> Call[Lockfile]:
    """One lockfile with its library packages.

    ``GET /v1/lockfile/{lockfileID}``.
    """
    return get_one(_path(lockfile_id), Lockfile)


def create(*, server_id: int, path: str, file_content: str) -> Call[Lockfile]:
    """Register a lockfile on a server (``file_content`` may be base64).

    ``POST /v1/lockfile`` with ``serverID``, ``path``, ``fileContent`` (the content may be base64).
    """
    payload = {"serverID": server_id, "path": path, "fileContent": file_content}
    return Call(
        request=ApiRequest(method="POST", path="/v1/lockfile", json=payload), decode=structure_as(Lockfile)
    )


def update(
    lockfile_id: int, *, path: str | NotGiven = NOT_GIVEN, file_content: str | NotGiven = NOT_GIVEN
) -> Call[Lockfile]:
    """Change a lockfile's path or content; only given arguments are sent.

    ``PUT /v1/lockfile/{lockfileID}`` with only the given keys.
    """
    payload = body(path=path, fileContent=file_content)
    request = ApiRequest(method="PUT", path=_path(lockfile_id), json=payload)
    return Call(request=request, decode=structure_as(Lockfile))


def delete(lockfile_id: int) -> Call[None]:
    """Delete a lockfile.

    ``DELETE /v1/lockfile/{lockfileID}`` (200, empty body).
    """
    return Call(request=ApiRequest(method="DELETE", path=_path(lockfile_id)), decode=ignore_body)
