"""``client.lockfiles``: dependency lockfiles registered on servers."""

from __future__ import annotations

from ..models import Lockfile
from . import _lockfiles_ops as ops
from ._base import AsyncResource, Listing, SyncResource, endpoint, listing, paged

__all__ = ["AsyncLockfiles", "Lockfiles", "LockfilesMethods"]


class LockfilesMethods:
    """The methods of ``client.lockfiles`` (see :class:`Lockfiles`); each builds its request."""

    @paged
    def list(
        self,
        *,
        server_id: int | None = None,
        path: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> Listing[Lockfile]:
        """Every lockfile, page by page, optionally of one server or path."""
        return listing(
            ops.list_lockfiles(server_id=server_id, path=path), page_size=page_size, max_items=max_items
        )

    get = endpoint.of(ops.get)
    create = endpoint.of(ops.create)
    update = endpoint.of(ops.update)
    delete = endpoint.of(ops.delete)


class Lockfiles(SyncResource, LockfilesMethods):
    """Lockfiles (reference §2.1 #28-#30)."""


class AsyncLockfiles(AsyncResource, LockfilesMethods):
    """Async :class:`Lockfiles`."""
