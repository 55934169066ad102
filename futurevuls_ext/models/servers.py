"""Servers: the list item and the detail share one model, :class:`Server`."""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Model, spec_required
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
    server_uuid: str | None = spec_required()
    host_uuid: str | None = spec_required()
    server_name: str | None = spec_required()
    serverrole_id: int | None = spec_required(json="serverroleId")
    serverrole_name: str | None = spec_required()
    os_family: str | None = spec_required()
    os_version: str | None = spec_required()
    server_ipv4: str | None = spec_required()
    platform_name: str | None = spec_required()
    platform_instance_id: str | None = spec_required(json="platformInstanceId")
    need_kernel_restart: bool | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()
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
        return frozenset(tag.name for tag in self.tags if tag.name is not None)
