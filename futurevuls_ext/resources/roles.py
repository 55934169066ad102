"""``client.roles``: list, get, rename and SSVC settings, delete."""

from __future__ import annotations

from ..models import Role
from . import _roles_ops as ops
from ._base import AsyncResource, Listing, SyncResource, endpoint, listing, paged, program

__all__ = ["AsyncRoles", "Roles", "RolesMethods"]


class RolesMethods:
    """The methods of ``client.roles`` (see :class:`Roles`); each builds its request."""

    @paged
    def list(
        self, *, cve_id: str | None = None, page_size: int | None = None, max_items: int | None = None
    ) -> Listing[Role]:
        """Every role, page by page, optionally only roles with servers affected by a CVE."""
        return listing(ops.list_roles(cve_id=cve_id), page_size=page_size, max_items=max_items)

    get = endpoint.of(ops.get)
    update = program.in_turn(ops.update)
    delete = endpoint.of(ops.delete)


class Roles(SyncResource, RolesMethods):
    """Roles (groups of servers, reference §2.3). Roles are created in the UI; the API has no create."""


class AsyncRoles(AsyncResource, RolesMethods):
    """Async :class:`Roles`: methods are awaited, ``list`` returns an ``AsyncPager``."""
