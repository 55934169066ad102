"""``client.servers``: list, get, update, delete, pseudo and paste servers, rescans, tag writes."""

from __future__ import annotations

from collections.abc import Iterable

from .._pagers import AsyncPager, SyncPager
from ..models import Server
from . import _servers_ops as ops
from ._base import AsyncResource, SyncResource
from ._common import NOT_GIVEN, NotGiven

__all__ = ["AsyncServers", "Servers"]


class Servers(SyncResource):
    """Servers of the group (reference §2.2). Every method is one request, except ``list`` (all pages)."""

    def list(
        self,
        *,
        role_id: int | None = None,
        tag: str | None = None,
        cve_id: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> SyncPager[Server]:
        """Every server, page by page, optionally only those of a role, with a tag or affected by a CVE."""
        return self._list(
            ops.list_servers(role_id=role_id, tag=tag, cve_id=cve_id),
            page_size=page_size,
            max_items=max_items,
        )

    def get(self, server_id: int) -> Server:
        """One server by ID."""
        return self._shell.call(ops.get(server_id))

    def get_by_uuid(self, server_uuid: str) -> Server:
        """One server by the UUID its scanner uses."""
        return self._shell.call(ops.get_by_uuid(server_uuid))

    def update(
        self,
        server_id: int,
        *,
        name: str | NotGiven = NOT_GIVEN,
        role_id: int | NotGiven = NOT_GIVEN,
        default_user_id: int | NotGiven = NOT_GIVEN,
        additional_info: str | NotGiven = NOT_GIVEN,
    ) -> Server:
        """Rename, move to a role, set the default assignee or the note; only given arguments are sent."""
        return self._shell.call(
            ops.update(
                server_id,
                name=name,
                role_id=role_id,
                default_user_id=default_user_id,
                additional_info=additional_info,
            )
        )

    def delete(self, server_id: int) -> None:
        """Delete a server."""
        self._shell.call(ops.delete(server_id))

    def create_pseudo(self, name: str) -> Server:
        """Create a pseudo server (a host without a scanner, to hold CPEs and external scan results)."""
        return self._shell.call(ops.create_pseudo(self._profile, name))

    def create_paste(
        self,
        *,
        name: str,
        os_family: str,
        os_version: str,
        kernel_release: str,
        pkg_paste_text: str,
        kernel_version: str | NotGiven = NOT_GIVEN,
    ) -> Server:
        """Create a server from pasted package-list text (``rpm -qa`` / ``dpkg -l`` style)."""
        return self._shell.call(
            ops.create_paste(
                name=name,
                os_family=os_family,
                os_version=os_version,
                kernel_release=kernel_release,
                pkg_paste_text=pkg_paste_text,
                kernel_version=kernel_version,
            )
        )

    def update_paste(
        self,
        server_id: int,
        *,
        pkg_paste_text: str,
        os_version: str | NotGiven = NOT_GIVEN,
        kernel_release: str | NotGiven = NOT_GIVEN,
        kernel_version: str | NotGiven = NOT_GIVEN,
    ) -> None:
        """Replace a paste server's package list."""
        self._shell.call(
            ops.update_paste(
                server_id,
                pkg_paste_text=pkg_paste_text,
                os_version=os_version,
                kernel_release=kernel_release,
                kernel_version=kernel_version,
            )
        )

    def scan(self, server_id: int) -> None:
        """Ask FutureVuls to rescan a server."""
        self._shell.call(ops.scan(server_id))

    def set_tags(self, server_id: int, tags: Iterable[str]) -> Server | None:
        """Replace a server's tags. **Unconfirmed API** (route and key from ``ApiProfile.server_tags``).

        Returns the server as answered, or None when the route answers with an empty body.
        """
        return self._shell.call(ops.set_tags(self._profile, server_id, tags))


class AsyncServers(AsyncResource):
    """Async :class:`Servers`: methods are awaited, ``list`` returns an ``AsyncPager``."""

    def list(
        self,
        *,
        role_id: int | None = None,
        tag: str | None = None,
        cve_id: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> AsyncPager[Server]:
        """Every server, page by page, optionally only those of a role, with a tag or affected by a CVE."""
        return self._list(
            ops.list_servers(role_id=role_id, tag=tag, cve_id=cve_id),
            page_size=page_size,
            max_items=max_items,
        )

    async def get(self, server_id: int) -> Server:
        """One server by ID."""
        return await self._shell.call(ops.get(server_id))

    async def get_by_uuid(self, server_uuid: str) -> Server:
        """One server by the UUID its scanner uses."""
        return await self._shell.call(ops.get_by_uuid(server_uuid))

    async def update(
        self,
        server_id: int,
        *,
        name: str | NotGiven = NOT_GIVEN,
        role_id: int | NotGiven = NOT_GIVEN,
        default_user_id: int | NotGiven = NOT_GIVEN,
        additional_info: str | NotGiven = NOT_GIVEN,
    ) -> Server:
        """Rename, move to a role, set the default assignee or the note; only given arguments are sent."""
        return await self._shell.call(
            ops.update(
                server_id,
                name=name,
                role_id=role_id,
                default_user_id=default_user_id,
                additional_info=additional_info,
            )
        )

    async def delete(self, server_id: int) -> None:
        """Delete a server."""
        await self._shell.call(ops.delete(server_id))

    async def create_pseudo(self, name: str) -> Server:
        """Create a pseudo server (a host without a scanner, to hold CPEs and external scan results)."""
        return await self._shell.call(ops.create_pseudo(self._profile, name))

    async def create_paste(
        self,
        *,
        name: str,
        os_family: str,
        os_version: str,
        kernel_release: str,
        pkg_paste_text: str,
        kernel_version: str | NotGiven = NOT_GIVEN,
    ) -> Server:
        """Create a server from pasted package-list text (``rpm -qa`` / ``dpkg -l`` style)."""
        return await self._shell.call(
            ops.create_paste(
                name=name,
                os_family=os_family,
                os_version=os_version,
                kernel_release=kernel_release,
                pkg_paste_text=pkg_paste_text,
                kernel_version=kernel_version,
            )
        )

    async def update_paste(
        self,
        server_id: int,
        *,
        pkg_paste_text: str,
        os_version: str | NotGiven = NOT_GIVEN,
        kernel_release: str | NotGiven = NOT_GIVEN,
        kernel_version: str | NotGiven = NOT_GIVEN,
    ) -> None:
        """Replace a paste server's package list."""
        await self._shell.call(
            ops.update_paste(
                server_id,
                pkg_paste_text=pkg_paste_text,
                os_version=os_version,
                kernel_release=kernel_release,
                kernel_version=kernel_version,
            )
        )

    async def scan(self, server_id: int) -> None:
        """Ask FutureVuls to rescan a server."""
        await self._shell.call(ops.scan(server_id))

    async def set_tags(self, server_id: int, tags: Iterable[str]) -> Server | None:
        """Replace a server's tags. **Unconfirmed API** (route and key from ``ApiProfile.server_tags``)."""
        return await self._shell.call(ops.set_tags(self._profile, server_id, tags))
