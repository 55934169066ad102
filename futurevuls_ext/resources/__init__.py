"""Resource namespaces of the clients (``client.servers``, ``client.tasks``...).

Each API area has a module of pure operation builders (``_servers_ops`` ...) that turn arguments into a
:class:`~futurevuls_ext._core.call.Call` or ``PagedCall`` (method, path, query, JSON body and decoder),
and two thin namespace classes that hand those to the client's sync or async shell. Request logic is
written once; the sync and async classes only differ by ``await``.
"""

from __future__ import annotations

from ._common import NOT_GIVEN, InvalidArgumentError, NotGiven
from .cpes import AsyncCpes, Cpes
from .cves import AsyncCves, Cves
from .external_scans import AsyncExternalScans, ExternalScans
from .group_set import AsyncGroupSet, GroupSet
from .lockfiles import AsyncLockfiles, Lockfiles
from .roles import AsyncRoles, Roles
from .servers import AsyncServers, Servers
from .tasks import AsyncTasks, Tasks

__all__ = [
    "NOT_GIVEN",
    "AsyncCpes",
    "AsyncCves",
    "AsyncExternalScans",
    "AsyncGroupSet",
    "AsyncLockfiles",
    "AsyncRoles",
    "AsyncServers",
    "AsyncTasks",
    "Cpes",
    "Cves",
    "ExternalScans",
    "GroupSet",
    "InvalidArgumentError",
    "Lockfiles",
    "NotGiven",
    "Roles",
    "Servers",
    "Tasks",
]
