"""Pure builders of the CVE operations (reference §2.1 #20-#21, group set #33)."""

from __future__ import annotations

from typing import TypedDict, TypeVar, Unpack

from .._core.call import Call, PagedCall
from .._core.request import expand_path, query
from ..models import Cve, CveDetail, GroupSetCve, GroupSetCveDetail
from ._common import check_filters, get_list, get_one, id_filters

__all__ = ["CveFilters", "get", "group_set_get", "group_set_list", "list_cves"]

T = TypeVar("T")


class CveFilters(TypedDict, total=False):
    """The filters of ``cves.list`` (reference §2.1 #20); every one is optional.

    Attributes:
        server_id: CVEs of one server.
        role_id: CVEs of one role.
        pkg_id: CVEs of one package.
        cpe_id: CVEs of one CPE.
    """

    server_id: int | None
    role_id: int | None
    pkg_id: int | None
    cpe_id: int | None


def _list(prefix: str, cls: type[T], filters: CveFilters) -> PagedCall[T]:
    check_filters(filters, CveFilters, what="CVE")
    return get_list(f"{prefix}/cves", "cves", cls, query(**id_filters(filters)))


def list_cves(**filters: Unpack[CveFilters]) -> PagedCall[Cve]:
    """``GET /v1/cves`` with ``filterServerID``, ``filterRoleID``, ``filterPkgID``, ``filterCpeID``."""
    return _list("/v1", Cve, filters)


def get(cve_id: str) -> Call[CveDetail]:
    """One CVE with CVSS, CWEs, metrics and references.

    ``GET /v1/cve/{cveID}``.
    """
    path = expand_path("/v1/cve/{cveID}", {"cveID": cve_id})
    return get_one(path, CveDetail)


def group_set_list(**filters: Unpack[CveFilters]) -> PagedCall[GroupSetCve]:
    """``GET /v1/groupSet/cves`` (same filters; items carry their ``groups``)."""
    return _list("/v1/groupSet", GroupSetCve, filters)


def group_set_get(cve_id: str) -> Call[GroupSetCveDetail]:
    """``GET /v1/groupSet/cve/{cveID}``."""
    path = expand_path("/v1/groupSet/cve/{cveID}", {"cveID": cve_id})
    return get_one(path, GroupSetCveDetail)
