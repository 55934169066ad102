"""Pure builders of the CVE operations (reference §2.1 #20-#21, group set #33)."""

from __future__ import annotations

from typing import TypeVar

from .._core.call import Call, PagedCall
from .._core.request import ApiRequest, expand_path, query
from ..models import Cve, CveDetail, GroupSetCve, GroupSetCveDetail
from ._common import decoder

__all__ = ["get", "group_set_get", "group_set_list", "list_cves"]

T = TypeVar("T")


def _list(
    prefix: str,
    cls: type[T],
    *,
    server_id: int | None,
    role_id: int | None,
    pkg_id: int | None,
    cpe_id: int | None,
) -> PagedCall[T]:
    params = query(filterServerID=server_id, filterRoleID=role_id, filterPkgID=pkg_id, filterCpeID=cpe_id)
    return PagedCall(
        request=ApiRequest(method="GET", path=f"{prefix}/cves", params=params),
        items_key="cves",
        decode_item=decoder(cls),
    )


def list_cves(
    *,
    server_id: int | None = None,
    role_id: int | None = None,
    pkg_id: int | None = None,
    cpe_id: int | None = None,
) -> PagedCall[Cve]:
    """``GET /v1/cves`` with ``filterServerID``, ``filterRoleID``, ``filterPkgID``, ``filterCpeID``."""
    return _list("/v1", Cve, server_id=server_id, role_id=role_id, pkg_id=pkg_id, cpe_id=cpe_id)


def get(cve_id: str) -> Call[CveDetail]:
    """``GET /v1/cve/{cveID}``."""
    path = expand_path("/v1/cve/{cveID}", {"cveID": cve_id})
    return Call(request=ApiRequest(method="GET", path=path), decode=decoder(CveDetail))


def group_set_list(
    *,
    server_id: int | None = None,
    role_id: int | None = None,
    pkg_id: int | None = None,
    cpe_id: int | None = None,
) -> PagedCall[GroupSetCve]:
    """``GET /v1/groupSet/cves`` (same filters; items carry their ``groups``)."""
    return _list(
        "/v1/groupSet", GroupSetCve, server_id=server_id, role_id=role_id, pkg_id=pkg_id, cpe_id=cpe_id
    )


def group_set_get(cve_id: str) -> Call[GroupSetCveDetail]:
    """``GET /v1/groupSet/cve/{cveID}``."""
    path = expand_path("/v1/groupSet/cve/{cveID}", {"cveID": cve_id})
    return Call(request=ApiRequest(method="GET", path=path), decode=decoder(GroupSetCveDetail))
