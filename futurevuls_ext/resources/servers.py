"""``client.servers``: list, get, update, delete, pseudo and paste servers, rescans, tag writes."""

from __future__ import annotations

from collections.abc import Iterable

from .._core.call import Call
from ..models import Server
from ..profile import ApiProfile
from . import _servers_ops as ops
from ._base import AsyncResource, Listing, SyncResource, endpoint, listing, paged
from ._common import NOT_GIVEN, NotGiven

__all__ = ["AsyncServers", "Servers", "ServersMethods"]


class ServersMethods:
    """The methods of ``client.servers`` (see :class:`Servers`); each builds its request."""

    _profile: ApiProfile

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

    @endpoint
    def update(
        self,
        server_id: int,
        *,
        name: str | NotGiven = NOT_GIVEN,
        role_id: int | NotGiven = NOT_GIVEN,
        default_user_id: int | NotGiven = NOT_GIVEN,
        additional_info: str | NotGiven = NOT_GIVEN,
    ) -> Call[Server]:
        """Rename, move to a role, set the default assignee or the note; only given arguments are sent."""
        return ops.update(
            server_id,
            name=name,
            role_id=role_id,
            default_user_id=default_user_id,
            additional_info=additional_info,
        )

    @endpoint
    def delete(self, server_id: int) -> Call[None]:
        """Delete a server."""
        return ops.delete(server_id)

    @endpoint
    def create_pseudo(self, name: str) -> Call[Server]:
        """Create a pseudo server (a host without a scanner, to hold CPEs and external scan results)."""
        return ops.create_pseudo(self._profile, name)

    @endpoint
    def create_paste(
        self,
        *,
        name: str,
        os_family: str,
        os_version: str,
        kernel_release: str,
        pkg_paste_text: str,
        kernel_version: str | NotGiven = NOT_GIVEN,
    ) -> Call[Server]:
        """Create a server from pasted package-list text (``rpm -qa`` / ``dpkg -l`` style)."""
        return ops.create_paste(
            name=name,
            os_family=os_family,
            os_version=os_version,
            kernel_release=kernel_release,
            pkg_paste_text=pkg_paste_text,
            kernel_version=kernel_version,
        )

    @endpoint
    def update_paste(
        self,
        server_id: int,
        *,
        pkg_paste_text: str,
        os_version: str | NotGiven = NOT_GIVEN,
        kernel_release: str | NotGiven = NOT_GIVEN,
        kernel_version: str | NotGiven = NOT_GIVEN,
    ) -> Call[None]:
        """Replace a paste server's package list."""
        return ops.update_paste(
            server_id,
            pkg_paste_text=pkg_paste_text,
            os_version=os_version,
            kernel_release=kernel_release,
            kernel_version=kernel_version,
        )

    @endpoint
    def scan(self, server_id: int) -> Call[None]:
        """Ask FutureVuls to rescan a server."""
        return ops.scan(server_id)

    @endpoint
    def set_tags(self, server_id: int, tags: Iterable[str]) -> Call[Server | None]:
        """Replace a server's tags. **Unconfirmed API** (route and key from ``ApiProfile.server_tags``).

        Returns the server as answered, or None when the route answers with an empty body.
        """
        return ops.set_tags(self._profile, server_id, tags)


class Servers(SyncResource, ServersMethods):
    """Servers of the group (reference §2.2). Every method is one request, except ``list`` (all pages)."""


class AsyncServers(AsyncResource, ServersMethods):
    """Async :class:`Servers`: methods are awaited, ``list`` returns an ``AsyncPager``."""
