"""``client.roles``: list, get, rename and SSVC settings, delete."""

from __future__ import annotations

from .._pagers import AsyncPager, SyncPager
from ..models import Role
from ..ssvc import RoleSsvcSettings
from . import _roles_ops as ops
from ._base import AsyncResource, SyncResource
from ._common import NOT_GIVEN, NotGiven

__all__ = ["AsyncRoles", "Roles"]


class Roles(SyncResource):
    """Roles (groups of servers, reference §2.3). Roles are created in the UI; the API has no create."""

    def list(
        self, *, cve_id: str | None = None, page_size: int | None = None, max_items: int | None = None
    ) -> SyncPager[Role]:
        """Every role, page by page, optionally only roles with servers affected by a CVE."""
        return self._list(ops.list_roles(cve_id=cve_id), page_size=page_size, max_items=max_items)

    def get(self, role_id: int) -> Role:
        """One role with its servers and metrics."""
        return self._shell.call(ops.get(role_id))

    def update(
        self,
        role_id: int,
        *,
        name: str | NotGiven = NOT_GIVEN,
        ssvc: RoleSsvcSettings | NotGiven = NOT_GIVEN,
    ) -> Role:
        """Rename a role and/or set its SSVC exposure and human impact.

        The SSVC keys are **unconfirmed** (``ApiProfile.role_ssvc``); settings left as None are not sent.
        """
        role: Role | None = None
        for call in ops.update(self._profile, role_id, name=name, ssvc=ssvc):
            role = self._shell.call(call)
        assert role is not None  # ops.update always builds at least one call
        return role

    def delete(self, role_id: int) -> None:
        """Delete a role."""
        self._shell.call(ops.delete(role_id))


class AsyncRoles(AsyncResource):
    """Async :class:`Roles`: methods are awaited, ``list`` returns an ``AsyncPager``."""

    def list(
        self, *, cve_id: str | None = None, page_size: int | None = None, max_items: int | None = None
    ) -> AsyncPager[Role]:
        """Every role, page by page, optionally only roles with servers affected by a CVE."""
        return self._list(ops.list_roles(cve_id=cve_id), page_size=page_size, max_items=max_items)

    async def get(self, role_id: int) -> Role:
        """One role with its servers and metrics."""
        return await self._shell.call(ops.get(role_id))

    async def update(
        self,
        role_id: int,
        *,
        name: str | NotGiven = NOT_GIVEN,
        ssvc: RoleSsvcSettings | NotGiven = NOT_GIVEN,
    ) -> Role:
        """Rename a role and/or set its SSVC exposure and human impact (SSVC keys unconfirmed)."""
        role: Role | None = None
        for call in ops.update(self._profile, role_id, name=name, ssvc=ssvc):
            role = await self._shell.call(call)
        assert role is not None  # ops.update always builds at least one call
        return role

    async def delete(self, role_id: int) -> None:
        """Delete a role."""
        await self._shell.call(ops.delete(role_id))
