"""``client.external_scans``: external scan results (**unconfirmed API**, see ``ApiProfile``)."""

from __future__ import annotations

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

    get = endpoint.with_profile(ops.get)
    create = endpoint.with_profile(ops.create)
    update = endpoint.with_profile(ops.update)
    delete = endpoint.with_profile(ops.delete)


class ExternalScans(SyncResource, ExternalScansMethods):
    """External scan results: a name, CVE IDs and an "exposed externally" flag on a server.

    No public spec documents these endpoints (reference §3.3); routes and keys come from the client's
    :class:`~futurevuls_ext.profile.ApiProfile` and can be overridden without code changes.
    """


class AsyncExternalScans(AsyncResource, ExternalScansMethods):
    """Async :class:`ExternalScans`: methods are awaited, ``list`` returns an ``AsyncPager``."""
