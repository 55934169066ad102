"""``client.external_scans``: external scan results (**unconfirmed API**, see ``ApiProfile``)."""

from __future__ import annotations

from collections.abc import Iterable

from .._core.call import Call
from ..models import ExternalScan
from ..profile import ApiProfile
from . import _external_scans_ops as ops
from ._base import AsyncResource, Listing, SyncResource, endpoint, listing, paged

__all__ = ["AsyncExternalScans", "ExternalScans", "ExternalScansMethods"]


class ExternalScansMethods:
    """The methods of ``client.external_scans`` (see :class:`ExternalScans`); each builds its request."""

    _profile: ApiProfile

    @paged
    def list(
        self, *, server_id: int | None = None, page_size: int | None = None, max_items: int | None = None
    ) -> Listing[ExternalScan]:
        """Every result, page by page, optionally only those of one server."""
        return listing(
            ops.list_external_scans(self._profile, server_id=server_id),
            page_size=page_size,
            max_items=max_items,
        )

    @endpoint
    def get(self, external_scan_id: int, *, server_id: int | None = None) -> Call[ExternalScan]:
        """One result by ID (``server_id`` when the profile's routes sit under the server)."""
        return ops.get(self._profile, external_scan_id, server_id=server_id)

    @endpoint
    def create(
        self, *, server_id: int, name: str, cve_ids: str | Iterable[str], is_external: bool = True
    ) -> Call[ExternalScan]:
        """Attach a result to a server. Not retried automatically (a POST could create it twice)."""
        return ops.create(
            self._profile, server_id=server_id, name=name, cve_ids=cve_ids, is_external=is_external
        )

    @endpoint
    def update(
        self,
        external_scan_id: int,
        *,
        server_id: int | None = None,
        name: str | None = None,
        cve_ids: str | Iterable[str] | None = None,
        is_external: bool | None = None,
    ) -> Call[ExternalScan]:
        """Change a result; arguments left as None are not sent, ``cve_ids`` replaces the whole list."""
        return ops.update(
            self._profile,
            external_scan_id,
            server_id=server_id,
            name=name,
            cve_ids=cve_ids,
            is_external=is_external,
        )

    @endpoint
    def delete(self, external_scan_id: int, *, server_id: int | None = None) -> Call[None]:
        """Delete a result (``server_id`` when the profile's routes sit under the server)."""
        return ops.delete(self._profile, external_scan_id, server_id=server_id)


class ExternalScans(SyncResource, ExternalScansMethods):
    """External scan results: a name, CVE IDs and an "exposed externally" flag on a server.

    No public spec documents these endpoints (reference §3.3); routes and keys come from the client's
    :class:`~futurevuls_ext.profile.ApiProfile` and can be overridden without code changes.
    """


class AsyncExternalScans(AsyncResource, ExternalScansMethods):
    """Async :class:`ExternalScans`: methods are awaited, ``list`` returns an ``AsyncPager``."""
