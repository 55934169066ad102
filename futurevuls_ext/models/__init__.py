"""Typed models of every FutureVuls API response, one module per API area.

All models are frozen attrs classes whose attributes are the snake_case of the API's JSON keys
(``Server.server_name`` is ``serverName``); the few irregular keys (``serverroleId``, ``defaultUserId``,
``platformInstanceId``, ``IsRunningProcess``, ``ID``, ``cpeFS``) map to the regular name. Optional
fields are ``None`` when absent, optional lists are empty tuples, timestamps are aware datetimes (the
API's zero time reads as None), and task/SSVC enum fields keep unknown future values as ``str``.

External scan results and a role's SSVC settings are not in the public spec: their keys come from
the client's :class:`~futurevuls_ext.profile.ApiProfile`.
"""

from __future__ import annotations

from .common import (
    AffectedProc,
    ChildTask,
    Cvss,
    CvssMax,
    Cwe,
    EnvMetricV2,
    EnvMetricV3,
    Group,
    NeedRestartProc,
    SecMetric,
    ServerChild,
    ServerTag,
    TmpMetric,
    VulnInfo,
)
from .cves import Cve, CveChild, CveDetail, GroupSetCve, GroupSetCveDetail
from .enums import DEFAULT_TASK_STATUSES, EnumValueError, IgnoreUntil, TaskPriority, TaskStatus
from .external_scans import ExternalScan
from .lockfiles import LibraryPkg, Lockfile
from .pkg_cpes import Cpe, PackageDetail, PkgCpe, PkgCpeChild
from .roles import Role
from .servers import Server
from .tasks import DetectionMethod, DetectionTool, Task, TaskComment, TaskDetail, TaskSsvc, VulnSummary

__all__ = [
    "DEFAULT_TASK_STATUSES",
    "AffectedProc",
    "ChildTask",
    "Cpe",
    "Cve",
    "CveChild",
    "CveDetail",
    "Cvss",
    "CvssMax",
    "Cwe",
    "DetectionMethod",
    "DetectionTool",
    "EnumValueError",
    "EnvMetricV2",
    "EnvMetricV3",
    "ExternalScan",
    "Group",
    "GroupSetCve",
    "GroupSetCveDetail",
    "IgnoreUntil",
    "LibraryPkg",
    "Lockfile",
    "NeedRestartProc",
    "PackageDetail",
    "PkgCpe",
    "PkgCpeChild",
    "Role",
    "SecMetric",
    "Server",
    "ServerChild",
    "ServerTag",
    "Task",
    "TaskComment",
    "TaskDetail",
    "TaskPriority",
    "TaskSsvc",
    "TaskStatus",
    "TmpMetric",
    "VulnInfo",
    "VulnSummary",
]
