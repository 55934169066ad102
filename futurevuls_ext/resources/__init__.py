"""Resource namespaces of the clients (``client.servers``, ``client.tasks``...).

Each API area has a module of pure operation builders (``_servers_ops`` ...) that turn arguments into a
:class:`~futurevuls_ext._core.call.Call` or ``PagedCall`` (method, path, query, JSON body and decoder),
and one class of methods (``ServersMethods`` ...) written once with the descriptors of
:mod:`futurevuls_ext.resources._base`; ``Servers`` and ``AsyncServers`` are that class on a sync or an
async namespace (sent, or awaited). Workflows reach the builders through
:mod:`futurevuls_ext.resources.calls` only.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# THE table of this package's public names (name -> module), loaded on first use so that
# ``import futurevuls_ext._client`` does not build every model class up front. ``__all__`` is derived
# from it; the TYPE_CHECKING block mirrors it for type checkers (tests/test_layering.py checks both agree).
_LAZY: dict[str, str] = {
    "InvalidArgumentError": "._common",
    "NOT_GIVEN": "._common",
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

__all__ = sorted(_LAZY)  # noqa: PLE0605 - derived from the one table

if TYPE_CHECKING:  # the same names, for type checkers (``X as X``: explicitly re-exported)
    from ._common import NOT_GIVEN as NOT_GIVEN
    from ._common import InvalidArgumentError as InvalidArgumentError
    from ._common import NotGiven as NotGiven
    from ._cpes_ops import PkgCpeFilters as PkgCpeFilters
    from ._cves_ops import CveFilters as CveFilters
    from ._tasks_ops import TaskFilters as TaskFilters
    from .cpes import AsyncCpes as AsyncCpes
    from .cpes import Cpes as Cpes
    from .cves import AsyncCves as AsyncCves
    from .cves import Cves as Cves
    from .external_scans import AsyncExternalScans as AsyncExternalScans
    from .external_scans import ExternalScans as ExternalScans
    from .group_set import AsyncGroupSet as AsyncGroupSet
    from .group_set import GroupSet as GroupSet
    from .lockfiles import AsyncLockfiles as AsyncLockfiles
    from .lockfiles import Lockfiles as Lockfiles
    from .roles import AsyncRoles as AsyncRoles
    from .roles import Roles as Roles
    from .servers import AsyncServers as AsyncServers
    from .servers import Servers as Servers
    from .tasks import AsyncTasks as AsyncTasks
    from .tasks import Tasks as Tasks


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'futurevuls_ext.resources' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
