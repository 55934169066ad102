"""Resource namespaces of the clients (``client.servers``, ``client.tasks``...).

Each API area has a module of pure operation builders (``_servers_ops`` ...) that turn arguments into a
:class:`~futurevuls_ext._core.call.Call` or ``PagedCall`` (method, path, query, JSON body and decoder),
and two thin namespace classes that hand those to the client's sync or async shell. Request logic is
written once; the sync and async classes only differ by ``await``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._common import NOT_GIVEN, InvalidArgumentError, NotGiven
    from ._cpes_ops import PkgCpeFilters
    from ._cves_ops import CveFilters
    from ._tasks_ops import TaskFilters
    from .cpes import AsyncCpes, Cpes
    from .cves import AsyncCves, Cves
    from .external_scans import AsyncExternalScans, ExternalScans
    from .group_set import AsyncGroupSet, GroupSet
    from .lockfiles import AsyncLockfiles, Lockfiles
    from .roles import AsyncRoles, Roles
    from .servers import AsyncServers, Servers
    from .tasks import AsyncTasks, Tasks

# Loaded on first use, so ``import futurevuls_ext._client`` does not build every model class up front.
_LAZY: dict[str, str] = {
    "NOT_GIVEN": "._common",
    "InvalidArgumentError": "._common",
    "NotGiven": "._common",
    "PkgCpeFilters": "._cpes_ops",
    "CveFilters": "._cves_ops",
    "TaskFilters": "._tasks_ops",
    "AsyncCpes": ".cpes",
    "Cpes": ".cpes",
    "AsyncCves": ".cves",
    "Cves": ".cves",
    "AsyncExternalScans": ".external_scans",
    "ExternalScans": ".external_scans",
    "AsyncGroupSet": ".group_set",
    "GroupSet": ".group_set",
    "AsyncLockfiles": ".lockfiles",
    "Lockfiles": ".lockfiles",
    "AsyncRoles": ".roles",
    "Roles": ".roles",
    "AsyncServers": ".servers",
    "Servers": ".servers",
    "AsyncTasks": ".tasks",
    "Tasks": ".tasks",
}

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
    "CveFilters",
    "Cves",
    "ExternalScans",
    "GroupSet",
    "InvalidArgumentError",
    "Lockfiles",
    "NotGiven",
    "PkgCpeFilters",
    "Roles",
    "Servers",
    "TaskFilters",
    "Tasks",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'futurevuls_ext.resources' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
