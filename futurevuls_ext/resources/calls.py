"""The resources' operation builders, for the workflows (imports, exposure, triage, the Nmap job).

Workflows build their requests here and nowhere else: ``calls.servers.list_servers()`` is the
:class:`~futurevuls_ext._core.call.PagedCall` behind ``client.servers.list()``, ``calls.tasks.get(7)``
the :class:`~futurevuls_ext._core.call.Call` behind ``client.tasks.get(7)``. The modules behind these
names stay private to ``resources/``; this is the one door to them.
"""

from __future__ import annotations

from . import _external_scans_ops as external_scans
from . import _roles_ops as roles
from . import _servers_ops as servers
from . import _tasks_ops as tasks
from ._common import NOT_GIVEN, NotGiven
from ._tasks_ops import StatusArg

__all__ = ["NOT_GIVEN", "NotGiven", "StatusArg", "external_scans", "roles", "servers", "tasks"]
