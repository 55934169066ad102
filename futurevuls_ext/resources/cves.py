"""``client.cves``: the group's CVEs."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

from ..models import Cve, CveDetail
from . import _cves_ops as ops
from ._base import AsyncResource, SyncResource

__all__ = ["AsyncCves", "Cves"]


class Cves(SyncResource):
    """CVEs detected in the group (reference §2.5)."""

    def list(
        self,
        *,
        server_id: int | None = None,
        role_id: int | None = None,
        pkg_id: int | None = None,
        cpe_id: int | None = None,
    ) -> Iterator[Cve]:
        """Every CVE, page by page, optionally only those of a server, role, package or CPE."""
        return self._shell.paginate(
            ops.list_cves(server_id=server_id, role_id=role_id, pkg_id=pkg_id, cpe_id=cpe_id)
        )

    def get(self, cve_id: str) -> CveDetail:
        """One CVE with CVSS, CWEs, metrics and references."""
        return self._shell.call(ops.get(cve_id))


class AsyncCves(AsyncResource):
    """Async :class:`Cves`."""

    def list(
        self,
        *,
        server_id: int | None = None,
        role_id: int | None = None,
        pkg_id: int | None = None,
        cpe_id: int | None = None,
    ) -> AsyncIterator[Cve]:
        """Every CVE, page by page, optionally only those of a server, role, package or CPE."""
        return self._shell.paginate(
            ops.list_cves(server_id=server_id, role_id=role_id, pkg_id=pkg_id, cpe_id=cpe_id)
        )

    async def get(self, cve_id: str) -> CveDetail:
        """One CVE with CVSS, CWEs, metrics and references."""
        return await self._shell.call(ops.get(cve_id))
