"""The import's API calls, built by the resources layer (no request building here)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._core.call import Call, PagedCall
from ..models import ExternalScan, Server
from ..profile import ApiProfile
from ..resources import _external_scans_ops as scans_ops
from ..resources import _servers_ops as servers_ops

__all__ = ["ResourceCalls", "list_external_scans", "list_servers"]


def list_servers() -> PagedCall[Server]:
    """Every server of the group (for matching hosts)."""
    return servers_ops.list_servers()


def list_external_scans(profile: ApiProfile) -> PagedCall[ExternalScan]:
    """Every external scan result of the group (for finding results by server and name)."""
    return scans_ops.list_external_scans(profile)


class ResourceCalls:
    """:class:`~._execute.WriteCalls` over the resources' operation builders, for one profile."""

    def __init__(self, profile: ApiProfile) -> None:
        self._profile = profile

    def create_pseudo_server(self, name: str) -> Call[Server]:
        """POST a pseudo server."""
        return servers_ops.create_pseudo(self._profile, name)

    def set_server_role(self, server_id: int, role_id: int) -> Call[Any]:
        """PUT the server's role."""
        return servers_ops.update(server_id, role_id=role_id)

    def set_server_tags(self, server_id: int, tags: Sequence[str]) -> Call[Any]:
        """Write the server's tags (unconfirmed route)."""
        return servers_ops.set_tags(self._profile, server_id, tags)

    def create_scan(
        self, *, server_id: int, name: str, cve_ids: Sequence[str], is_external: bool
    ) -> Call[ExternalScan]:
        """POST an external scan result."""
        return scans_ops.create(
            self._profile, server_id=server_id, name=name, cve_ids=cve_ids, is_external=is_external
        )

    def update_scan(
        self, scan_id: int, *, cve_ids: Sequence[str] | None, is_external: bool | None
    ) -> Call[ExternalScan]:
        """PUT the changed fields of an external scan result."""
        return scans_ops.update(self._profile, scan_id, cve_ids=cve_ids, is_external=is_external)

    def delete_scan(self, scan_id: int) -> Call[None]:
        """DELETE an external scan result."""
        return scans_ops.delete(self._profile, scan_id)

    def list_scans(self, server_id: int) -> PagedCall[ExternalScan]:
        """Every external scan result of one server (the re-check after a create)."""
        return scans_ops.list_external_scans(self._profile, server_id=server_id)

    def delete_server(self, server_id: int) -> Call[None]:
        """DELETE a server (a duplicate pseudo server)."""
        return servers_ops.delete(server_id)

    def rescan_server(self, server_id: int) -> Call[None]:
        """Ask FutureVuls to rescan a server, so imported results show as tasks at once."""
        return servers_ops.scan(server_id)
