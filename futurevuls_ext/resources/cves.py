"""``client.cves``: the group's CVEs."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Unpack

from ..models import Cve, CveDetail
from . import _cves_ops as ops
from ._base import AsyncResource, SyncResource
from ._cves_ops import CveFilters

__all__ = ["AsyncCves", "Cves"]


class Cves(SyncResource):
    """CVEs detected in the group (reference §2.5)."""

    def list(self, **filters: Unpack[CveFilters]) -> Iterator[Cve]:
        """Every CVE, page by page, optionally only those of a server, role, package or CPE."""
        return self._shell.paginate(ops.list_cves(**filters))

    def get(self, cve_id: str) -> CveDetail:
        """One CVE with CVSS, CWEs, metrics and references."""
        return self._shell.call(ops.get(cve_id))


class AsyncCves(AsyncResource):
    """Async :class:`Cves`."""

    def list(self, **filters: Unpack[CveFilters]) -> AsyncIterator[Cve]:
        """Every CVE, page by page, optionally only those of a server, role, package or CPE."""
        return self._shell.paginate(ops.list_cves(**filters))

    async def get(self, cve_id: str) -> CveDetail:
        """One CVE with CVSS, CWEs, metrics and references."""
        return await self._shell.call(ops.get(cve_id))
