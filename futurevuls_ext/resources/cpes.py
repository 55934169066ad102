"""``client.cpes``: packages and CPEs (``pkgCpes``), CPE add and delete."""

from __future__ import annotations

from typing import Unpack

from .._pagers import AsyncPager, SyncPager
from ..models import Cpe, PackageDetail, PkgCpe
from . import _cpes_ops as ops
from ._base import AsyncResource, SyncResource
from ._cpes_ops import PkgCpeFilters

__all__ = ["AsyncCpes", "Cpes"]


class Cpes(SyncResource):
    """Packages, libraries and CPEs on servers (reference §2.5)."""

    def list(
        self, *, page_size: int | None = None, max_items: int | None = None, **filters: Unpack[PkgCpeFilters]
    ) -> SyncPager[PkgCpe]:
        """Every package and CPE, page by page, optionally filtered by CVE, task, server or role."""
        return self._list(ops.list_pkg_cpes(**filters), page_size=page_size, max_items=max_items)

    def get_package(self, pkg_id: int) -> PackageDetail:
        """One OS package with its processes and tasks."""
        return self._shell.call(ops.get_package(pkg_id))

    def get_cpe(self, cpe_id: int) -> Cpe:
        """One CPE with its server and tasks."""
        return self._shell.call(ops.get_cpe(cpe_id))

    def add(self, server_id: int, cpe_name: str) -> Cpe:
        """Add a CPE to a server; ``cpe:/...`` is sent with ``isURI=true``, ``cpe:2.3:...`` with false."""
        return self._shell.call(ops.add(server_id, cpe_name))

    def delete(self, cpe_id: int, *, deprecated_route: bool = False) -> None:
        """Remove a CPE from its server (``deprecated_route=True``: the old body form, §2.1 #27)."""
        self._shell.call(ops.delete(cpe_id, deprecated_route=deprecated_route))


class AsyncCpes(AsyncResource):
    """Async :class:`Cpes`."""

    def list(
        self, *, page_size: int | None = None, max_items: int | None = None, **filters: Unpack[PkgCpeFilters]
    ) -> AsyncPager[PkgCpe]:
        """Every package and CPE, page by page, optionally filtered by CVE, task, server or role."""
        return self._list(ops.list_pkg_cpes(**filters), page_size=page_size, max_items=max_items)

    async def get_package(self, pkg_id: int) -> PackageDetail:
        """One OS package with its processes and tasks."""
        return await self._shell.call(ops.get_package(pkg_id))

    async def get_cpe(self, cpe_id: int) -> Cpe:
        """One CPE with its server and tasks."""
        return await self._shell.call(ops.get_cpe(cpe_id))

    async def add(self, server_id: int, cpe_name: str) -> Cpe:
        """Add a CPE to a server; ``cpe:/...`` is sent with ``isURI=true``, ``cpe:2.3:...`` with false."""
        return await self._shell.call(ops.add(server_id, cpe_name))

    async def delete(self, cpe_id: int, *, deprecated_route: bool = False) -> None:
        """Remove a CPE from its server (``deprecated_route=True``: the old body form, §2.1 #27)."""
        await self._shell.call(ops.delete(cpe_id, deprecated_route=deprecated_route))
