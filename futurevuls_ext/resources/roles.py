"""``client.roles``: list, get, rename and SSVC settings, delete."""

from __future__ import annotations

from .._core.call import Call
from .._core.program import Program, answer
from ..models import Role
from ..profile import ApiProfile
from ..ssvc import RoleSsvcSettings
from . import _roles_ops as ops
from ._base import AsyncResource, Listing, SyncResource, endpoint, listing, paged, program
from ._common import NOT_GIVEN, NotGiven

__all__ = ["AsyncRoles", "Roles", "RolesMethods"]


def _last_answer(calls: tuple[Call[Role], ...]) -> Program[Role]:
    """Send ``calls`` in turn; the last answer."""
    role: Role | None = None
    for call in calls:
        role = yield from answer(call)
    assert role is not None  # ops.update always builds at least one call
    return role


class RolesMethods:
    """The methods of ``client.roles`` (see :class:`Roles`); each builds its request."""

    _profile: ApiProfile

    @paged
    def list(
        self, *, cve_id: str | None = None, page_size: int | None = None, max_items: int | None = None
    ) -> Listing[Role]:
        """Every role, page by page, optionally only roles with servers affected by a CVE."""
        return listing(ops.list_roles(cve_id=cve_id), page_size=page_size, max_items=max_items)

    get = endpoint.of(ops.get)

    @program
    def update(
        self,
        role_id: int,
        *,
        name: str | NotGiven = NOT_GIVEN,
        ssvc: RoleSsvcSettings | NotGiven = NOT_GIVEN,
    ) -> Program[Role]:
        """Rename a role and/or set its SSVC exposure and human impact.

        The SSVC keys are **unconfirmed** (``ApiProfile.role_ssvc``); settings left as None are not sent.
        """
        return _last_answer(ops.update(self._profile, role_id, name=name, ssvc=ssvc))

    delete = endpoint.of(ops.delete)


class Roles(SyncResource, RolesMethods):
    """Roles (groups of servers, reference §2.3). Roles are created in the UI; the API has no create."""


class AsyncRoles(AsyncResource, RolesMethods):
    """Async :class:`Roles`: methods are awaited, ``list`` returns an ``AsyncPager``."""
