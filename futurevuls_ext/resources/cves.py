"""``client.cves``: the group's CVEs."""

from __future__ import annotations

from typing import Unpack

from ..models import Cve
from . import _cves_ops as ops
from ._base import AsyncResource, Listing, SyncResource, endpoint, listing, paged
from ._cves_ops import CveFilters

__all__ = ["AsyncCves", "Cves", "CvesMethods"]


class CvesMethods:
    """The methods of ``client.cves`` (see :class:`Cves`); each builds its request."""

    @paged
    def list(
        self, *, page_size: int | None = None, max_items: int | None = None, **filters: Unpack[CveFilters]
    ) -> Listing[Cve]:
        """Every CVE, page by page, optionally only those of a server, role, package or CPE."""
        return listing(ops.list_cves(**filters), page_size=page_size, max_items=max_items)

    get = endpoint.of(ops.get)


class Cves(SyncResource, CvesMethods):
    """CVEs detected in the group (reference §2.5)."""


class AsyncCves(AsyncResource, CvesMethods):
    """Async :class:`Cves`."""
