"""``client.cves``: the group's CVEs."""

from __future__ import annotations

from typing import Unpack

from .._pagers import AsyncPager, SyncPager
from ..models import Cve, CveDetail
from . import _cves_ops as ops
from ._base import AsyncResource, SyncResource
from ._cves_ops import CveFilters

__all__ = ["AsyncCves", "Cves"]


class Cves(SyncResource):
    """CVEs detected in the group (reference §2.5)."""

    def list(
        self, *, page_size: int | None = None, max_items: int | None = None, **filters: Unpack[CveFilters]
    ) -> SyncPager[Cve]:
        """Every CVE, page by page, optionally only those of a server, role, package or CPE."""
        return self._list(ops.list_cves(**filters), page_size=page_size, max_items=max_items)

    def get(self, cve_id: str) -> CveDetail:
        """One CVE with CVSS, CWEs, metrics and references."""
        return self._shell.call(ops.get(cve_id))


class AsyncCves(AsyncResource):
    """Async :class:`Cves`."""

    def list(
        self, *, page_size: int | None = None, max_items: int | None = None, **filters: Unpack[CveFilters]
    ) -> AsyncPager[Cve]:
        """Every CVE, page by page, optionally only those of a server, role, package or CPE."""
        return self._list(ops.list_cves(**filters), page_size=page_size, max_items=max_items)

    async def get(self, cve_id: str) -> CveDetail:
        """One CVE with CVSS, CWEs, metrics and references."""
        return await self._shell.call(ops.get(cve_id))
