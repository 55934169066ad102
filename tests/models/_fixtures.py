"""Response fixtures (``data/*.json``): a complete (every field) and a minimal (required only) variant."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"

# fixture name -> (model class name in futurevuls_ext.models, schema of the spec it follows)
FIXTURES: dict[str, tuple[str, str]] = {
    "server_list_item": ("Server", "ServerListResponseBody"),
    "server_detail": ("Server", "ServerGetServerDetailResponseBody"),
    "role_list_item": ("Role", "RoleListResponseBody"),
    "role_detail": ("Role", "RoleGetRoleDetailResponseBody"),
    "task_list_item": ("Task", "TaskListResponseBody"),
    "task_detail": ("TaskDetail", "TaskGetTaskDetailResponseBody"),
    "cve_list_item": ("Cve", "CveListResponseBody"),
    "cve_detail": ("CveDetail", "CveGetCveDetailResponseBody"),
    "group_set_cve_list_item": ("GroupSetCve", "GroupSetCveListResponseBody"),
    "group_set_cve_detail": ("GroupSetCveDetail", "GroupSetCveGetGroupSetCveDetailResponseBody"),
    "pkg_cpe_list_item": ("PkgCpe", "PkgCpeListResponseBody"),
    "group_set_pkg_cpe_list_item": ("PkgCpe", "GroupSetPkgCpeListResponseBody"),
    "package_detail": ("PackageDetail", "PkgCpeGetPkgDetailResponseBody"),
    "cpe_detail": ("Cpe", "PkgCpeGetCpeDetailResponseBody"),
    "lockfile": ("Lockfile", "LockfileGetLockfileDetailResponseBody"),
    "external_scan": ("ExternalScan", ""),  # not in the spec: keys from ApiProfile defaults (reference §3.4)
}


def load(name: str, variant: str = "complete") -> Any:
    """The ``complete`` or ``minimal`` JSON value of fixture ``name``."""
    data = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    return data[variant]
