"""``client.group_set``: the read-only ``/v1/groupSet/*`` endpoints, for group-set tokens.

A group-set token sees the servers, tasks, CVEs and packages of several groups; every object carries
its ``group``. The filters and rules are those of the group endpoints (``tasks.list`` sends the default
status set explicitly and hides ignored tasks unless ``include_ignored=True``).
"""

from __future__ import annotations

from typing import Unpack

from .._core.call import Call
from .._workflow import namespace
from ..models import Cpe, GroupSetCve, GroupSetCveDetail, PackageDetail, PkgCpe, Server, Task, TaskDetail
from . import _cpes_ops, _cves_ops, _servers_ops, _tasks_ops
from ._base import AsyncResource, Listing, SyncResource, endpoint, listing, paged
from ._cpes_ops import PkgCpeFilters
from ._cves_ops import CveFilters
from ._tasks_ops import TaskFilters

__all__ = ["AsyncGroupSet", "GroupSet"]

PREFIX = "/v1/groupSet"


class GroupSetServersMethods:
    """The methods of ``client.group_set.servers`` (see :class:`GroupSetServers`)."""

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
        """Every server, page by page (``GET /v1/groupSet/servers``)."""
        return listing(
            _servers_ops.list_servers(role_id=role_id, tag=tag, cve_id=cve_id, prefix=PREFIX),
            page_size=page_size,
            max_items=max_items,
        )

    @endpoint
    def get(self, server_id: int) -> Call[Server]:
        """One server by ID."""
        return _servers_ops.get(server_id, prefix=PREFIX)

    @endpoint
    def get_by_uuid(self, server_uuid: str) -> Call[Server]:
        """One server by UUID."""
        return _servers_ops.get_by_uuid(server_uuid, prefix=PREFIX)


class GroupSetTasksMethods:
    """The methods of ``client.group_set.tasks`` (see :class:`GroupSetTasks`)."""

    @paged
    def list(
        self, *, page_size: int | None = None, max_items: int | None = None, **filters: Unpack[TaskFilters]
    ) -> Listing[Task]:
        """Every matching task, page by page (``GET /v1/groupSet/tasks``)."""
        return listing(
            _tasks_ops.list_tasks(prefix=PREFIX, **filters), page_size=page_size, max_items=max_items
        )

    @endpoint
    def get(self, task_id: int) -> Call[TaskDetail]:
        """One task."""
        return _tasks_ops.get(task_id, prefix=PREFIX)


class GroupSetCvesMethods:
    """The methods of ``client.group_set.cves`` (see :class:`GroupSetCves`)."""

    @paged
    def list(
        self, *, page_size: int | None = None, max_items: int | None = None, **filters: Unpack[CveFilters]
    ) -> Listing[GroupSetCve]:
        """Every CVE, page by page (``GET /v1/groupSet/cves``)."""
        return listing(_cves_ops.group_set_list(**filters), page_size=page_size, max_items=max_items)

    @endpoint
    def get(self, cve_id: str) -> Call[GroupSetCveDetail]:
        """One CVE."""
        return _cves_ops.group_set_get(cve_id)


class GroupSetCpesMethods:
    """The methods of ``client.group_set.cpes`` (see :class:`GroupSetCpes`)."""

    @paged
    def list(
        self, *, page_size: int | None = None, max_items: int | None = None, **filters: Unpack[PkgCpeFilters]
    ) -> Listing[PkgCpe]:
        """Every package and CPE, page by page (``GET /v1/groupSet/pkgCpes``)."""
        return listing(
            _cpes_ops.list_pkg_cpes(prefix=PREFIX, **filters), page_size=page_size, max_items=max_items
        )

    @endpoint
    def get_package(self, pkg_id: int) -> Call[PackageDetail]:
        """One package."""
        return _cpes_ops.get_package(pkg_id, prefix=PREFIX)

    @endpoint
    def get_cpe(self, cpe_id: int) -> Call[Cpe]:
        """One CPE."""
        return _cpes_ops.get_cpe(cpe_id, prefix=PREFIX)


class GroupSetServers(SyncResource, GroupSetServersMethods):
    """Servers of every group in the set."""


class AsyncGroupSetServers(AsyncResource, GroupSetServersMethods):
    """Async :class:`GroupSetServers`."""


class GroupSetTasks(SyncResource, GroupSetTasksMethods):
    """Tasks of every group in the set."""


class AsyncGroupSetTasks(AsyncResource, GroupSetTasksMethods):
    """Async :class:`GroupSetTasks`."""


class GroupSetCves(SyncResource, GroupSetCvesMethods):
    """CVEs of every group in the set, with the groups each appears in."""


class AsyncGroupSetCves(AsyncResource, GroupSetCvesMethods):
    """Async :class:`GroupSetCves`."""


class GroupSetCpes(SyncResource, GroupSetCpesMethods):
    """Packages and CPEs of every group in the set."""


class AsyncGroupSetCpes(AsyncResource, GroupSetCpesMethods):
    """Async :class:`GroupSetCpes`."""


class GroupSetMethods:
    """The namespaces of ``client.group_set`` (see :class:`GroupSet`)."""

    servers = namespace(lambda: (GroupSetServers, AsyncGroupSetServers), "Servers of the group set.")
    tasks = namespace(lambda: (GroupSetTasks, AsyncGroupSetTasks), "Tasks of the group set.")
    cves = namespace(lambda: (GroupSetCves, AsyncGroupSetCves), "CVEs of the group set.")
    cpes = namespace(lambda: (GroupSetCpes, AsyncGroupSetCpes), "Packages and CPEs of the group set.")


class GroupSet(SyncResource, GroupSetMethods):
    """``client.group_set``: ``servers``, ``tasks``, ``cves`` and ``cpes`` of a group set (read-only)."""


class AsyncGroupSet(AsyncResource, GroupSetMethods):
    """``async_client.group_set``: ``servers``, ``tasks``, ``cves`` and ``cpes`` of a group set."""
