"""``client.servers``: list, get, update, delete, pseudo and paste servers, rescans, tag writes."""

from __future__ import annotations

from .._core.call import Call
from ..models import Server
from . import _servers_ops as ops
from ._base import AsyncResource, Listing, SyncResource, endpoint, listing, paged

__all__ = ["AsyncServers", "Servers", "ServersMethods"]


class ServersMethods:
    """The methods of ``client.servers`` (see :class:`Servers`); each builds its request."""

    @paged
    def list(
        self,
        *,
        role_id: int | None = None,
        tag: str | None = None,
        cve_id: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> Listing[Server]:
        """Every server, page by page, optionally only those of a role, with a tag or affected by a CVE."""
        return listing(
            ops.list_servers(role_id=role_id, tag=tag, cve_id=cve_id),
            page_size=page_size,
            max_items=max_items,
        )

    @endpoint
    def get(self, server_id: int) -> Call[Server]:
        """One server by ID."""
        return ops.get(server_id)

    @endpoint
    def get_by_uuid(self, server_uuid: str) -> Call[Server]:
        """One server by the UUID its scanner uses."""
        return ops.get_by_uuid(server_uuid)

    update = endpoint.of(ops.update)
    delete = endpoint.of(ops.delete)
    create_pseudo = endpoint.with_profile(ops.create_pseudo)
    create_paste = endpoint.of(ops.create_paste)
    update_paste = endpoint.of(ops.update_paste)
    scan = endpoint.of(ops.scan)
    set_tags = endpoint.with_profile(ops.set_tags)


class Servers(SyncResource, ServersMethods):
    """Servers of the group (reference §2.2). Every method is one request, except ``list`` (all pages)."""


class AsyncServers(AsyncResource, ServersMethods):
    """Async :class:`Servers`: methods are awaited, ``list`` returns an ``AsyncPager``."""
