"""``client.external_scans``: external scan results (**unconfirmed API**, see ``ApiProfile``)."""

from __future__ import annotations

from collections.abc import Iterable

from .._pagers import AsyncPager, SyncPager
from ..models import ExternalScan
from . import _external_scans_ops as ops
from ._base import AsyncResource, SyncResource

__all__ = ["AsyncExternalScans", "ExternalScans"]


class ExternalScans(SyncResource):
    """External scan results: a name, CVE IDs and an "exposed externally" flag on a server.

    No public spec documents these endpoints (reference §3.3); routes and keys come from the client's
    :class:`~futurevuls_ext.profile.ApiProfile` and can be overridden without code changes.
    """

    def list(
        self, *, server_id: int | None = None, page_size: int | None = None, max_items: int | None = None
    ) -> SyncPager[ExternalScan]:
        """Every result, page by page, optionally only those of one server."""
        return self._list(
            ops.list_external_scans(self._profile, server_id=server_id),
            page_size=page_size,
            max_items=max_items,
        )

    def get(self, external_scan_id: int, *, server_id: int | None = None) -> ExternalScan:
        """One result by ID (``server_id`` when the profile's routes sit under the server)."""
        return self._shell.call(ops.get(self._profile, external_scan_id, server_id=server_id))

    def create(
        self, *, server_id: int, name: str, cve_ids: str | Iterable[str], is_external: bool = True
    ) -> ExternalScan:
        """Attach a result to a server. Not retried automatically (a POST could create it twice)."""
        return self._shell.call(
            ops.create(
                self._profile, server_id=server_id, name=name, cve_ids=cve_ids, is_external=is_external
            )
        )

    def update(
        self,
        external_scan_id: int,
        *,
        server_id: int | None = None,
        name: str | None = None,
        cve_ids: str | Iterable[str] | None = None,
        is_external: bool | None = None,
    ) -> ExternalScan:
        """Change a result; arguments left as None are not sent, ``cve_ids`` replaces the whole list."""
        return self._shell.call(
            ops.update(
                self._profile,
                external_scan_id,
                server_id=server_id,
                name=name,
                cve_ids=cve_ids,
                is_external=is_external,
            )
        )

    def delete(self, external_scan_id: int, *, server_id: int | None = None) -> None:
        """Delete a result (``server_id`` when the profile's routes sit under the server)."""
        self._shell.call(ops.delete(self._profile, external_scan_id, server_id=server_id))


class AsyncExternalScans(AsyncResource):
    """Async :class:`ExternalScans`: methods are awaited, ``list`` returns an ``AsyncPager``."""

    def list(
        self, *, server_id: int | None = None, page_size: int | None = None, max_items: int | None = None
    ) -> AsyncPager[ExternalScan]:
        """Every result, page by page, optionally only those of one server."""
        return self._list(
            ops.list_external_scans(self._profile, server_id=server_id),
            page_size=page_size,
            max_items=max_items,
        )

    async def get(self, external_scan_id: int, *, server_id: int | None = None) -> ExternalScan:
        """One result by ID (``server_id`` when the profile's routes sit under the server)."""
        return await self._shell.call(ops.get(self._profile, external_scan_id, server_id=server_id))

    async def create(
        self, *, server_id: int, name: str, cve_ids: str | Iterable[str], is_external: bool = True
    ) -> ExternalScan:
        """Attach a result to a server. Not retried automatically (a POST could create it twice)."""
        return await self._shell.call(
            ops.create(
                self._profile, server_id=server_id, name=name, cve_ids=cve_ids, is_external=is_external
            )
        )

    async def update(
        self,
        external_scan_id: int,
        *,
        server_id: int | None = None,
        name: str | None = None,
        cve_ids: str | Iterable[str] | None = None,
        is_external: bool | None = None,
    ) -> ExternalScan:
        """Change a result; arguments left as None are not sent, ``cve_ids`` replaces the whole list."""
        return await self._shell.call(
            ops.update(
                self._profile,
                external_scan_id,
                server_id=server_id,
                name=name,
                cve_ids=cve_ids,
                is_external=is_external,
            )
        )

    async def delete(self, external_scan_id: int, *, server_id: int | None = None) -> None:
        """Delete a result (``server_id`` when the profile's routes sit under the server)."""
        await self._shell.call(ops.delete(self._profile, external_scan_id, server_id=server_id))
