"""JSON shapes of tasks, CVEs, packages/CPEs and lockfiles, with the API's exact key spellings.

Tasks use ``cveID``/``serverID``/``mainUserID`` and, in the list only, ``IsRunningProcess`` (capital
I), ``serverUuid`` and ``serverTags`` (names). Detection metadata is the fake's documented choice:

* a package or seeded task: method ``{"name": "vuls", "reliabilityScore": 100}``, tool ``oval``;
* a CPE: method ``{"name": "cpe", ...}``, tool ``nvd``;
* an external scan result: method ``{"name": "externalScan", "reliabilityScore": 100}`` and tool
  ``{"name": "externalScan"}`` (how FutureVuls labels these is unknown, reference §2.4).
"""

from __future__ import annotations

from typing import Any, Final

from ._records import Cpe, Cve, Lockfile, Package, Task
from ._render import as_datetime, child_task, group, lean, put_assignment, put_optional, server_child
from ._state import FakeState

__all__ = [
    "EXTERNAL_SCAN_DETECTION",
    "cpe_detail",
    "cve_detail",
    "cve_list_item",
    "lockfile",
    "pkg_detail",
    "pkgcpe_list_item",
    "task_detail",
    "task_list_item",
]

EXTERNAL_SCAN_DETECTION: Final = "externalScan"
_DETECTION: Final = {
    "seed": ("vuls", "oval"),
    "pkg": ("vuls", "oval"),
    "cpe": ("cpe", "nvd"),
    "ext": (EXTERNAL_SCAN_DETECTION, EXTERNAL_SCAN_DETECTION),
}
_IMPORTANT: Final = frozenset({"immediate", "out-of-cycle"})


def _severity(score: float) -> str:
    if score >= 9.0:
        return "CRITICAL"
    if score >= 7.0:
        return "HIGH"
    if score >= 4.0:
        return "MEDIUM"
    return "LOW" if score > 0 else "NONE"


def _exploit_level(cve: Cve) -> str | None:
    return {"PoC": "poc", "active": "active"}.get(cve.exploitation)


def _cwes(cve: Cve) -> list[dict[str, Any]]:
    return [{"cweID": c, "english": c, "japanese": c} for c in cve.cwe_ids]


def _scores(cve: Cve) -> dict[str, Any]:
    return {
        "maxV2": cve.cvss_v2,
        "maxV3": cve.cvss_v3,
        "scoreV2s": {"nvd": cve.cvss_v2} if cve.cvss_v2 else {},
        "scoreV3s": {"nvd": cve.cvss_v3} if cve.cvss_v3 else {},
        "vectorV2s": {"nvd": cve.vector_v2} if cve.vector_v2 else {},
        "vectorV3s": {"nvd": cve.vector_v3} if cve.vector_v3 else {},
    }


def _cve_child(cve: Cve) -> dict[str, Any]:
    data: dict[str, Any] = {
        "cveID": cve.cve_id,
        "title": cve.title,
        "advisoryIDs": [],
        "cwes": _cwes(cve),
        "isOwaspTopTen2017": False,
        "hasExploit": cve.exploitation != "none",
        "hasMitigation": cve.has_mitigation,
        **_scores(cve),
    }
    put_optional(data, "exploitLevel", _exploit_level(cve))
    return data


def _cvss(cve: Cve) -> dict[str, Any]:
    def one(score: float, vector: str) -> dict[str, Any]:
        return {"type": "nvd", "value": {"score": score, "severity": _severity(score), "vector": vector}}

    return {
        "cveID": cve.cve_id,
        "maxCvssV2": one(cve.cvss_v2, cve.vector_v2),
        "maxCvssV3": one(cve.cvss_v3, cve.vector_v3),
        "vulnInfo": {
            "cveID": cve.cve_id,
        },  # ctis, exploits, mitigations, alertDict, cveContents: empty, so left out (omitempty)
    }


def _detection(task: Task) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    kinds = sorted({source.split(":", 1)[0] for source in task.sources})
    methods = {_DETECTION[k][0] for k in kinds}
    tools = {_DETECTION[k][1] for k in kinds}
    return (
        [{"name": m, "reliabilityScore": 100} for m in sorted(methods)],
        [{"name": t} for t in sorted(tools)],
    )


def _task_packages(state: FakeState, task: Task) -> tuple[list[Package], list[Cpe]]:
    packages = [state.packages[int(s[4:])] for s in sorted(task.sources) if s.startswith("pkg:")]
    cpes = [state.cpes[int(s[4:])] for s in sorted(task.sources) if s.startswith("cpe:")]
    return packages, cpes


def _task_common(state: FakeState, task: Task) -> dict[str, Any]:
    cve = state.cves.get(task.cve_id) or Cve(cve_id=task.cve_id)
    methods, tools = _detection(task)
    data: dict[str, Any] = {
        "id": task.id,
        "cveID": task.cve_id,
        "status": task.status,
        "priority": task.priority,
        "ignore": task.ignore,
        "isImportant": task.ssvc_priority in _IMPORTANT,
        "advisoryIDs": [],
        "hasExploit": cve.exploitation != "none",
        "hasMitigation": cve.has_mitigation,
        "detectionMethods": methods,
        "detectionTools": tools,
        "group": group(state),
        "newedAt": task.newed_at,
        "createdAt": task.created_at,
        "updatedAt": task.updated_at,
    }
    put_optional(data, "ssvcPriority", task.ssvc_priority)
    put_optional(data, "applyingPatchOn", task.applying_patch_on)
    put_optional(data, "deadlineOn", task.deadline_on)
    put_assignment(data, state, task)
    return data


def task_list_item(state: FakeState, task: Task) -> dict[str, Any]:
    """``TaskListResponseBody``."""
    server = state.servers[task.server_id]
    cve = state.cves.get(task.cve_id) or Cve(cve_id=task.cve_id)
    packages, cpes = _task_packages(state, task)
    package_ids = {p.id for p in packages}
    pids = {p.pid for p in state.processes if p.package_id in package_ids}
    listening = [p for p in state.listening_ports.of_server(server.id) if p.pid in pids]
    ports = list(dict.fromkeys(p.label for p in sorted(listening, key=lambda p: (p.port, p.address))))
    data = _task_common(state, task)
    data.update(
        {
            "serverID": server.id,
            "serverName": server.name,
            "serverUuid": server.uuid,
            "serverTags": [state.tags[t].name for t in server.tag_ids],
            "server": server_child(state, server),
            "osFamily": server.os_family,
            "osVersion": server.os_version,
            "IsRunningProcess": bool(pids),
            "listeningPorts": ports,
            "hasDanger": cve.exploitation == "active",
            "cloudOneDetectOnly": False,
            "cve": _cve_child(cve),
            "pkgCpeNames": [p.name for p in packages] + [c.fs for c in cpes],
            "updatablePkgCpeNames": [p.name for p in packages if p.new_version],
            "vulnInfo": {
                "title": cve.title,
                "cwe": _cwes(cve),
                "hasAlert": False,
                "isOwaspTopTen2017": False,
            },
        }
    )
    put_optional(data, "exploitLevel", _exploit_level(cve))
    # The list types applyingPatchOn as date-time, the detail as date (schemas file).
    put_optional(data, "applyingPatchOn", as_datetime(task.applying_patch_on))
    return lean(data, "serverTags", "pkgCpeNames", "updatablePkgCpeNames")


def _pkgcpe_child(state: FakeState, item: Package | Cpe) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": item.name,
        "version": item.version,
        "serverID": item.server_id,
        "createdAt": item.created_at,
        "updatedAt": item.updated_at,
    }
    if isinstance(item, Package):
        data.update(
            {
                "pkgID": item.id,
                "release": item.release,
                "newVersion": item.new_version,
                "newRelease": item.new_release,
                "repository": item.repository,
                "affectedProcs": _affected_procs(state, item),
            }
        )
    else:
        data.update({"cpeID": item.id, "cpeURI": item.uri})
    return lean(data, "release", "newVersion", "newRelease", "repository", "affectedProcs", "cpeURI")


def _affected_procs(state: FakeState, package: Package) -> list[dict[str, str]]:
    return [{"name": p.name, "pid": p.pid} for p in state.processes if p.package_id == package.id]


def task_detail(state: FakeState, task: Task) -> dict[str, Any]:
    """``TaskGetTaskDetailResponseBody`` (also the update and comment responses)."""
    server = state.servers[task.server_id]
    cve = state.cves.get(task.cve_id) or Cve(cve_id=task.cve_id)
    packages, cpes = _task_packages(state, task)
    data = _task_common(state, task)
    data.update(
        {
            "server": server_child(state, server),
            "cvss": _cvss(cve),
            "isDeadlineOnAutochanged": False,
            "packageStatuses": {},
            "pkgCpes": [_pkgcpe_child(state, p) for p in packages] + [_pkgcpe_child(state, c) for c in cpes],
            "comments": [
                {
                    "id": c.id,
                    "comment": c.comment,
                    "type": c.type,
                    "userID": c.user_id,
                    "userName": c.user_name,
                    "createdAt": c.created_at,
                    "updatedAt": c.updated_at,
                }
                for c in task.comments
            ],
        }
    )
    for key, value in (
        ("ssvcDecisionPointExploitation", task.ssvc_exploitation),
        ("ssvcDecisionPointExposure", task.ssvc_exposure),
        ("ssvcDecisionPointUtility", task.ssvc_utility),
        ("ssvcDecisionPointUtilityAutomatable", task.ssvc_automatable),
        ("ssvcDecisionPointUtilityDensity", task.ssvc_value_density),
        ("ssvcDecisionHumanImpact", task.ssvc_human_impact),
    ):
        put_optional(data, key, value)
    return lean(
        data, "advisoryIDs", "packageStatuses", "pkgCpes", "comments", "detectionMethods", "detectionTools"
    )


def cve_list_item(state: FakeState, cve: Cve) -> dict[str, Any]:
    """``CveListResponseBody``."""
    tasks = [t for t in state.tasks.values() if t.cve_id == cve.cve_id]
    data = _cve_child(cve)
    data.update(
        {
            "allTaskCount": len(tasks),
            "newTaskCount": sum(1 for t in tasks if t.status == "new"),
            "hasAlert": False,
            "isNotActive": False,
            "topicCount": 0,
            "topicLastUpdatedAt": "",
            "createdAt": cve.created_at,
            "updatedAt": cve.updated_at,
        }
    )
    return lean(data, "advisoryIDs")


def cve_detail(cve: Cve) -> dict[str, Any]:
    """``CveGetCveDetailResponseBody``."""
    tmp = {"e": "", "rc": "", "rl": "", "createdAt": cve.created_at, "updatedAt": cve.updated_at}
    data: dict[str, Any] = {
        "cveID": cve.cve_id,
        "cvss": _cvss(cve),
        "cwes": _cwes(cve),
        "envMetricV2s": [],
        "envMetricV3s": [],
        "hasExploit": cve.exploitation != "none",
        "hasMitigation": cve.has_mitigation,
        "references": {},
        "secMetrics": [],
        "tmpMetricV2": dict(tmp),
        "tmpMetricV3": dict(tmp),
        "createdAt": cve.created_at,
        "updatedAt": cve.updated_at,
    }
    put_optional(data, "exploitLevel", _exploit_level(cve))
    return data


def pkgcpe_list_item(state: FakeState, item: Package | Cpe) -> dict[str, Any]:
    """``PkgCpeListResponseBody`` for a package or a CPE."""
    server = state.servers[item.server_id]
    data = _pkgcpe_child(state, item)
    data.pop("affectedProcs", None)
    data.update({"serverName": server.name, "serverUuid": server.uuid})
    if isinstance(item, Cpe):
        data["cpeFS"] = item.fs
    else:
        data["needRestartProcs"] = []
        data["notFixedYet"] = not item.new_version
    return lean(data, "needRestartProcs")


def _on_server(state: FakeState, item: Package | Cpe, source: str) -> dict[str, Any]:
    """What a package or CPE detail tells of its place: the server, the tasks it reports, group, times."""
    return {
        "server": server_child(state, state.servers[item.server_id]),
        "tasks": [child_task(state, t) for t in state.tasks.values() if source in t.sources],
        "group": group(state),
        "createdAt": item.created_at,
        "updatedAt": item.updated_at,
    }


def pkg_detail(state: FakeState, package: Package) -> dict[str, Any]:
    """``PkgCpeGetPkgDetailResponseBody``."""
    data = {
        "id": package.id,
        "name": package.name,
        "version": package.version,
        "release": package.release,
        "newVersion": package.new_version,
        "newRelease": package.new_release,
        "repository": package.repository,
        "affectedProcs": _affected_procs(state, package),
        "needRestartProcs": [],
        "packageStatuses": {},
        **_on_server(state, package, f"pkg:{package.id}"),
    }
    return lean(
        data,
        "newVersion",
        "newRelease",
        "repository",
        "affectedProcs",
        "needRestartProcs",
        "packageStatuses",
        "tasks",
    )


def cpe_detail(state: FakeState, cpe: Cpe) -> dict[str, Any]:
    """``PkgCpeGetCpeDetailResponseBody`` (also the add-CPE response)."""
    data = {
        "id": cpe.id,
        "name": cpe.name,
        "version": cpe.version,
        "cpeURI": cpe.uri,
        **_on_server(state, cpe, f"cpe:{cpe.id}"),
    }
    return lean(data, "cpeURI", "tasks")


def lockfile(state: FakeState, item: Lockfile) -> dict[str, Any]:
    """``LockfileGetLockfileDetailResponseBody`` (also list items and add/update responses)."""
    data = {
        "id": item.id,
        "path": item.path,
        "fileContent": item.content,
        "libraryPkgs": [],
        "server": server_child(state, state.servers[item.server_id]),
        "createdAt": item.created_at,
        "updatedAt": item.updated_at,
    }
    return lean(data, "libraryPkgs")
