"""Servers: the list item and the detail share one model, :class:`Server`."""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Model
from .common import ChildTask, Group, ServerTag

__all__ = ["Server"]


@attrs.frozen(kw_only=True)
class Server(Model):
    """A server (``ServerListResponseBody`` and ``ServerGetServerDetailResponseBody``).

    The list item has ``success_scan_count`` and no ``tasks``; the detail (also returned by update,
    paste-server create and pseudo-server create) has ``tasks``. ``server_ipv4`` is one string, not a list.

    Attributes:
        id: server ID used in paths.
        server_uuid: the UUID scanners use (``get_by_uuid``).
        serverrole_id: ID of the server's role (JSON ``serverroleId``).
        default_user_id: default assignee of new tasks (JSON ``defaultUserId``).
        platform_instance_id: cloud instance ID (JSON ``platformInstanceId``), e.g. an EC2 ``i-...``.
        tags: the server's tags; empty when it has none.
    """

    id: int
    server_uuid: str
    host_uuid: str
    server_name: str
    serverrole_id: int = attrs.field(metadata={"json": "serverroleId"})
    serverrole_name: str
    os_family: str
    os_version: str
    server_ipv4: str
    platform_name: str
    platform_instance_id: str = attrs.field(metadata={"json": "platformInstanceId"})
    need_kernel_restart: bool
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    default_user_id: int | None = attrs.field(default=None, metadata={"json": "defaultUserId"})
    default_user_name: str | None = None
    last_scanned_at: dt.datetime | None = None
    last_uploaded_at: dt.datetime | None = None
    tags: tuple[ServerTag, ...] = ()
    tasks: tuple[ChildTask, ...] = ()
    group: Group | None = None
    success_scan_count: int | None = None

    @property
    def tag_names(self) -> frozenset[str]:
        """The names of the server's tags."""
        return frozenset(tag.name for tag in self.tags)
