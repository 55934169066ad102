"""``client.lockfiles``: dependency lockfiles registered on servers."""

from __future__ import annotations

from .._pagers import AsyncPager, SyncPager
from ..models import Lockfile
from . import _lockfiles_ops as ops
from ._base import AsyncResource, SyncResource
from ._common import NOT_GIVEN, NotGiven

__all__ = ["AsyncLockfiles", "Lockfiles"]


class Lockfiles(SyncResource):
    """Lockfiles (reference §2.1 #28-#30)."""

    def list(
        self,
        *,
        server_id: int | None = None,
        path: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> SyncPager[Lockfile]:
        """Every lockfile, page by page, optionally of one server or path."""
        return self._list(
            ops.list_lockfiles(server_id=server_id, path=path), page_size=page_size, max_items=max_items
        )

    def get(self, lockfile_id: int) -> Lockfile:
        """One lockfile with its library packages."""
        return self._shell.call(ops.get(lockfile_id))

    def create(self, *, server_id: int, path: str, file_content: str) -> Lockfile:
        """Register a lockfile on a server (``file_content`` may be base64)."""
        return self._shell.call(ops.create(server_id=server_id, path=path, file_content=file_content))

    def update(
        self, lockfile_id: int, *, path: str | NotGiven = NOT_GIVEN, file_content: str | NotGiven = NOT_GIVEN
    ) -> Lockfile:
        """Change a lockfile's path or content; only given arguments are sent."""
        return self._shell.call(ops.update(lockfile_id, path=path, file_content=file_content))

    def delete(self, lockfile_id: int) -> None:
        """Delete a lockfile."""
        self._shell.call(ops.delete(lockfile_id))


class AsyncLockfiles(AsyncResource):
    """Async :class:`Lockfiles`."""

    def list(
        self,
        *,
        server_id: int | None = None,
        path: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> AsyncPager[Lockfile]:
        """Every lockfile, page by page, optionally of one server or path."""
        return self._list(
            ops.list_lockfiles(server_id=server_id, path=path), page_size=page_size, max_items=max_items
        )

    async def get(self, lockfile_id: int) -> Lockfile:
        """One lockfile with its library packages."""
        return await self._shell.call(ops.get(lockfile_id))

    async def create(self, *, server_id: int, path: str, file_content: str) -> Lockfile:
        """Register a lockfile on a server (``file_content`` may be base64)."""
        return await self._shell.call(ops.create(server_id=server_id, path=path, file_content=file_content))

    async def update(
        self, lockfile_id: int, *, path: str | NotGiven = NOT_GIVEN, file_content: str | NotGiven = NOT_GIVEN
    ) -> Lockfile:
        """Change a lockfile's path or content; only given arguments are sent."""
        return await self._shell.call(ops.update(lockfile_id, path=path, file_content=file_content))

    async def delete(self, lockfile_id: int) -> None:
        """Delete a lockfile."""
        await self._shell.call(ops.delete(lockfile_id))
