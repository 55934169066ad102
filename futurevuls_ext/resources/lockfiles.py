"""``client.lockfiles``: dependency lockfiles registered on servers."""

from __future__ import annotations

from .._core.call import Call
from ..models import Lockfile
from . import _lockfiles_ops as ops
from ._base import AsyncResource, Listing, SyncResource, endpoint, listing, paged
from ._common import NOT_GIVEN, NotGiven

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

    @endpoint
    def get(self, lockfile_id: int) -> Call[Lockfile]:
        """One lockfile with its library packages."""
        return ops.get(lockfile_id)

    @endpoint
    def create(self, *, server_id: int, path: str, file_content: str) -> Call[Lockfile]:
        """Register a lockfile on a server (``file_content`` may be base64)."""
        return ops.create(server_id=server_id, path=path, file_content=file_content)

    @endpoint
    def update(
        self, lockfile_id: int, *, path: str | NotGiven = NOT_GIVEN, file_content: str | NotGiven = NOT_GIVEN
    ) -> Call[Lockfile]:
        """Change a lockfile's path or content; only given arguments are sent."""
        return ops.update(lockfile_id, path=path, file_content=file_content)

    @endpoint
    def delete(self, lockfile_id: int) -> Call[None]:
        """Delete a lockfile."""
        return ops.delete(lockfile_id)


class Lockfiles(SyncResource, LockfilesMethods):
    """Lockfiles (reference §2.1 #28-#30)."""


class AsyncLockfiles(AsyncResource, LockfilesMethods):
    """Async :class:`Lockfiles`."""
