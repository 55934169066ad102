"""``client.cpes``: packages and CPEs (``pkgCpes``), CPE add and delete."""

from __future__ import annotations

from typing import Unpack

from .._core.call import Call
from ..models import Cpe, PackageDetail, PkgCpe
from . import _cpes_ops as ops
from ._base import AsyncResource, Listing, SyncResource, endpoint, listing, paged
from ._cpes_ops import PkgCpeFilters

__all__ = ["AsyncCpes", "Cpes", "CpesMethods"]


class CpesMethods:
    """The methods of ``client.cpes`` (see :class:`Cpes`); each builds its request."""

    @paged
    def list(
        self, *, page_size: int | None = None, max_items: int | None = None, **filters: Unpack[PkgCpeFilters]
    ) -> Listing[PkgCpe]:
        """Every package and CPE, page by page, optionally filtered by CVE, task, server or role."""
        return listing(ops.list_pkg_cpes(**filters), page_size=page_size, max_items=max_items)

    @endpoint
    def get_package(self, pkg_id: int) -> Call[PackageDetail]:
        """One OS package with its processes and tasks."""
        return ops.get_package(pkg_id)

    @endpoint
    def get_cpe(self, cpe_id: int) -> Call[Cpe]:
        """One CPE with its server and tasks."""
        return ops.get_cpe(cpe_id)

    add = endpoint.of(ops.add)
    delete = endpoint.of(ops.delete)


class Cpes(SyncResource, CpesMethods):
    """Packages, libraries and CPEs on servers (reference §2.5)."""


class AsyncCpes(AsyncResource, CpesMethods):
    """Async :class:`Cpes`."""
