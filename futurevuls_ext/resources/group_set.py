"""``client.group_set``: the read-only ``/v1/groupSet/*`` endpoints, for group-set tokens.

A group-set token sees the servers, tasks, CVEs and packages of several groups; every object carries
its ``group``. The filters and rules are those of the group endpoints (``tasks.list`` sends the default
status set explicitly and hides ignored tasks unless ``include_ignored=True``).
"""

from __future__ import annotations

import functools
from typing import Unpack

from .._pagers import AsyncPager, SyncPager
from ..models import Cpe, GroupSetCve, GroupSetCveDetail, PackageDetail, PkgCpe, Server, Task, TaskDetail
from . import _cpes_ops, _cves_ops, _servers_ops, _tasks_ops
from ._base import AsyncResource, SyncResource
from ._cpes_ops import PkgCpeFilters
from ._cves_ops import CveFilters
from ._tasks_ops import TaskFilters

__all__ = ["AsyncGroupSet", "GroupSet"]

PREFIX = "/v1/groupSet"


class GroupSetServers(SyncResource):
    """Servers of every group in the set."""

    def list(
        self,
        *,
        role_id: int | None = None,
        tag: str | None = None,
        cve_id: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> SyncPager[Server]:
        """Every server, page by page (``GET /v1/groupSet/servers``)."""
        return self._list(
            _servers_ops.list_servers(role_id=role_id, tag=tag, cve_id=cve_id, prefix=PREFIX),
            page_size=page_size,
            max_items=max_items,
        )

    def get(self, server_id: int) -> Server:
        """One server by ID."""
        return self._shell.call(_servers_ops.get(server_id, prefix=PREFIX))

    def get_by_uuid(self, server_uuid: str) -> Server:
        """One server by UUID."""
        return self._shell.call(_servers_ops.get_by_uuid(server_uuid, prefix=PREFIX))


class GroupSetTasks(SyncResource):
    """Tasks of every group in the set."""

    def list(
        self, *, page_size: int | None = None, max_items: int | None = None, **filters: Unpack[TaskFilters]
    ) -> SyncPager[Task]:
        """Every matching task, page by page (``GET /v1/groupSet/tasks``)."""
        return self._list(
            _tasks_ops.list_tasks(prefix=PREFIX, **filters), page_size=page_size, max_items=max_items
        )

    def get(self, task_id: int) -> TaskDetail:
        """One task."""
        return self._shell.call(_tasks_ops.get(task_id, prefix=PREFIX))


class GroupSetCves(SyncResource):
    """CVEs of every group in the set, with the groups each appears in."""

    def list(
        self, *, page_size: int | None = None, max_items: int | None = None, **filters: Unpack[CveFilters]
    ) -> SyncPager[GroupSetCve]:
        """Every CVE, page by page (``GET /v1/groupSet/cves``)."""
        return self._list(_cves_ops.group_set_list(**filters), page_size=page_size, max_items=max_items)

    def get(self, cve_id: str) -> GroupSetCveDetail:
        """One CVE."""
        return self._shell.call(_cves_ops.group_set_get(cve_id))


class GroupSetCpes(SyncResource):
    """Packages and CPEs of every group in the set."""

    def list(
        self, *, page_size: int | None = None, max_items: int | None = None, **filters: Unpack[PkgCpeFilters]
    ) -> SyncPager[PkgCpe]:
        """Every package and CPE, page by page (``GET /v1/groupSet/pkgCpes``)."""
        return self._list(
            _cpes_ops.list_pkg_cpes(prefix=PREFIX, **filters), page_size=page_size, max_items=max_items
        )

    def get_package(self, pkg_id: int) -> PackageDetail:
        """One package."""
        return self._shell.call(_cpes_ops.get_package(pkg_id, prefix=PREFIX))

    def get_cpe(self, cpe_id: int) -> Cpe:
        """One CPE."""
        return self._shell.call(_cpes_ops.get_cpe(cpe_id, prefix=PREFIX))


class GroupSet(SyncResource):
    """``client.group_set``: ``servers``, ``tasks``, ``cves`` and ``cpes`` of a group set (read-only)."""

    @functools.cached_property
    def servers(self) -> GroupSetServers:
        """Servers of the group set."""
        return GroupSetServers(self._shell, self._profile)

    @functools.cached_property
    def tasks(self) -> GroupSetTasks:
        """Tasks of the group set."""
        return GroupSetTasks(self._shell, self._profile)

    @functools.cached_property
    def cves(self) -> GroupSetCves:
        """CVEs of the group set."""
        return GroupSetCves(self._shell, self._profile)

    @functools.cached_property
    def cpes(self) -> GroupSetCpes:
        """Packages and CPEs of the group set."""
        return GroupSetCpes(self._shell, self._profile)


class AsyncGroupSetServers(AsyncResource):
    """Async :class:`GroupSetServers`."""

    def list(
        self,
        *,
        role_id: int | None = None,
        tag: str | None = None,
        cve_id: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> AsyncPager[Server]:
        """Every server, page by page (``GET /v1/groupSet/servers``)."""
        return self._list(
            _servers_ops.list_servers(role_id=role_id, tag=tag, cve_id=cve_id, prefix=PREFIX),
            page_size=page_size,
            max_items=max_items,
        )

    async def get(self, server_id: int) -> Server:
        """One server by ID."""
        return await self._shell.call(_servers_ops.get(server_id, prefix=PREFIX))

    async def get_by_uuid(self, server_uuid: str) -> Server:
        """One server by UUID."""
        return await self._shell.call(_servers_ops.get_by_uuid(server_uuid, prefix=PREFIX))


class AsyncGroupSetTasks(AsyncResource):
    """Async :class:`GroupSetTasks`."""

    def list(
        self, *, page_size: int | None = None, max_items: int | None = None, **filters: Unpack[TaskFilters]
    ) -> AsyncPager[Task]:
        """Every matching task, page by page (``GET /v1/groupSet/tasks``)."""
        return self._list(
            _tasks_ops.list_tasks(prefix=PREFIX, **filters), page_size=page_size, max_items=max_items
        )

    async def get(self, task_id: int) -> TaskDetail:
        """One task."""
        return await self._shell.call(_tasks_ops.get(task_id, prefix=PREFIX))


class AsyncGroupSetCves(AsyncResource):
    """Async :class:`GroupSetCves`."""

    def list(
        self, *, page_size: int | None = None, max_items: int | None = None, **filters: Unpack[CveFilters]
    ) -> AsyncPager[GroupSetCve]:
        """Every CVE, page by page (``GET /v1/groupSet/cves``)."""
        return self._list(_cves_ops.group_set_list(**filters), page_size=page_size, max_items=max_items)

    async def get(self, cve_id: str) -> GroupSetCveDetail:
        """One CVE."""
        return await self._shell.call(_cves_ops.group_set_get(cve_id))


class AsyncGroupSetCpes(AsyncResource):
    """Async :class:`GroupSetCpes`."""

    def list(
        self, *, page_size: int | None = None, max_items: int | None = None, **filters: Unpack[PkgCpeFilters]
    ) -> AsyncPager[PkgCpe]:
        """Every package and CPE, page by page (``GET /v1/groupSet/pkgCpes``)."""
        return self._list(
            _cpes_ops.list_pkg_cpes(prefix=PREFIX, **filters), page_size=page_size, max_items=max_items
        )

    async def get_package(self, pkg_id: int) -> PackageDetail:
        """One package."""
        return await self._shell.call(_cpes_ops.get_package(pkg_id, prefix=PREFIX))

    async def get_cpe(self, cpe_id: int) -> Cpe:
        """One CPE."""
        return await self._shell.call(_cpes_ops.get_cpe(cpe_id, prefix=PREFIX))


class AsyncGroupSet(AsyncResource):
    """``async_client.group_set``: ``servers``, ``tasks``, ``cves`` and ``cpes`` of a group set."""

    @functools.cached_property
    def servers(self) -> AsyncGroupSetServers:
        """Servers of the group set."""
        return AsyncGroupSetServers(self._shell, self._profile)

    @functools.cached_property
    def tasks(self) -> AsyncGroupSetTasks:
        """Tasks of the group set."""
        return AsyncGroupSetTasks(self._shell, self._profile)

    @functools.cached_property
    def cves(self) -> AsyncGroupSetCves:
        """CVEs of the group set."""
        return AsyncGroupSetCves(self._shell, self._profile)

    @functools.cached_property
    def cpes(self) -> AsyncGroupSetCpes:
        """Packages and CPEs of the group set."""
        return AsyncGroupSetCpes(self._shell, self._profile)
