"""Pure builders of the package / CPE operations (reference §2.1 #22-#26, group set #34, §2.5)."""

from __future__ import annotations

from typing import TypedDict, Unpack

from .._core.call import Call, PagedCall, ignore_body, structure_as
from .._core.request import ApiRequest, expand_path, query
from ..models import Cpe, PackageDetail, PkgCpe
from ._common import InvalidArgumentError, check_filters, get_list, get_one, id_filters

__all__ = ["PkgCpeFilters", "add", "cpe_is_uri", "delete", "get_cpe", "get_package", "list_pkg_cpes"]

V1 = "/v1"


def cpe_is_uri(cpe_name: str) -> bool:
    """The ``isURI`` flag for a CPE name: True for ``cpe:/...`` (URI), False for ``cpe:2.3:...``.

    Raises:
        InvalidArgumentError: when the name is neither form.
    """
    text = cpe_name.strip().lower()
    if text.startswith("cpe:2.3:"):
        return False
    if text.startswith("cpe:/"):
        return True
    raise InvalidArgumentError(
        f"cpe_name {cpe_name!r} is neither a CPE URI ('cpe:/a:vendor:product:version') nor a CPE 2.3 "
        "formatted string ('cpe:2.3:a:vendor:product:version:*:*:*:*:*:*:*')"
    )


class PkgCpeFilters(TypedDict, total=False):
    """The filters of ``cpes.list`` (reference §2.1 #22); every one is optional.

    Attributes:
        cve_id: packages and CPEs affected by one CVE.
        task_id: those of one task.
        server_id: those of one server.
        role_id: those of one role.
    """

    cve_id: str | None
    task_id: int | None
    server_id: int | None
    role_id: int | None


def list_pkg_cpes(*, prefix: str = V1, **filters: Unpack[PkgCpeFilters]) -> PagedCall[PkgCpe]:
    """``GET /v1/pkgCpes`` with ``filterCveID``, ``filterTaskID``, ``filterServerID``, ``filterRoleID``."""
    check_filters(filters, PkgCpeFilters, what="package/CPE")
    return get_list(f"{prefix}/pkgCpes", "pkgCpes", PkgCpe, query(**id_filters(filters)))


def get_package(pkg_id: int, *, prefix: str = V1) -> Call[PackageDetail]:
    """``GET /v1/pkgCpe/pkg/{pkgID}``."""
    path = expand_path(prefix + "/pkgCpe/pkg/{pkgID}", {"pkgID": pkg_id})
    return get_one(path, PackageDetail)


def get_cpe(cpe_id: int, *, prefix: str = V1) -> Call[Cpe]:
    """``GET /v1/pkgCpe/cpe/{cpeID}``."""
    path = expand_path(prefix + "/pkgCpe/cpe/{cpeID}", {"cpeID": cpe_id})
    return get_one(path, Cpe)


def add(server_id: int, cpe_name: str) -> Call[Cpe]:
    """Add a CPE to a server; ``cpe:/...`` is sent with ``isURI=true``, ``cpe:2.3:...`` with false.

    ``POST /v1/pkgCpe/cpe`` with ``serverID``, ``cpeName`` and ``isURI`` chosen from the name's form.
    """
    payload = {"serverID": server_id, "cpeName": cpe_name.strip(), "isURI": cpe_is_uri(cpe_name)}
    return Call(
        request=ApiRequest(method="POST", path="/v1/pkgCpe/cpe", json=payload), decode=structure_as(Cpe)
    )


def delete(cpe_id: int, *, deprecated_route: bool = False) -> Call[None]:
    """Remove a CPE from its server (``deprecated_route=True``: the old body form, §2.1 #27).

    ``DELETE /v1/pkgCpe/cpe/{cpeID}`` (200, empty body).

    With ``deprecated_route=True``: the older ``DELETE /v1/pkgCpe/cpe`` with body ``{"cpeID": ...}``
    (reference §2.1 #27), for deployments that predate the path form.
    """
    if deprecated_route:
        request = ApiRequest(method="DELETE", path="/v1/pkgCpe/cpe", json={"cpeID": cpe_id})
        return Call(request=request, decode=ignore_body)
    path = expand_path("/v1/pkgCpe/cpe/{cpeID}", {"cpeID": cpe_id})
    return Call(request=ApiRequest(method="DELETE", path=path), decode=ignore_body)
