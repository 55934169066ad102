"""The article's drill-down for one CVE: servers, affected packages, processes, listening ports (pure).

From the task list (server, tags, listening ports, running-process flag, SSVC priority), the task
details (affected packages and the processes started from them), and the server / role / external
scan listings (role, external-scan flag, why exposed).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from .._export import ToDict
from ..models import Task, TaskDetail
from ._exposed import ExposureIndex

__all__ = ["AffectedPackage", "CveDrillDown", "ServerHit", "drill_down_cve"]


@attrs.frozen(kw_only=True)
class AffectedPackage(ToDict):
    """A package (or CPE) of the server that carries the CVE, and the processes started from it.

    Attributes:
        processes: ``"sshd (pid 800)"`` entries.
    """

    name: str | None
    version: str | None
    release: str | None = None
    processes: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ServerHit(ToDict):
    """One server the CVE is on, with everything the drill-down shows.

    Attributes:
        external_scan: an "exposed externally" scan result on this server lists the CVE (the ✓).
        exposed_via: why the server counts as exposed (``external-scan``, ``role``, ``tag:...``).
        running_process: the API's ``IsRunningProcess`` (a vulnerable process runs).
        listening_ports: the API's ``listeningPorts`` (``"0.0.0.0:22"``).
        internet_ports: ports Inspector found reachable from the internet on this server (needs a plan).
        internet_listening: the listening ports among them: a vulnerable process reachable from the
            internet.
        detail_error: set when the task detail could not be fetched (packages then empty).
    """

    task_id: int
    server_id: int
    server_name: str | None
    role_name: str | None
    tags: tuple[str, ...]
    external_scan: bool
    exposed_via: tuple[str, ...]
    status: str
    ssvc_priority: str | None
    running_process: bool | None
    listening_ports: tuple[str, ...]
    packages: tuple[AffectedPackage, ...] = ()
    internet_ports: tuple[str, ...] = ()
    internet_listening: tuple[str, ...] = ()
    detail_error: str | None = None


@attrs.frozen(kw_only=True)
class CveDrillDown(ToDict):
    """One CVE and every server it is on; exposed servers first."""

    cve_id: str
    title: str | None
    servers: tuple[ServerHit, ...]

    @property
    def exposed_servers(self) -> tuple[ServerHit, ...]:
        """The servers that count as exposed."""
        return tuple(s for s in self.servers if s.exposed_via)


def _packages(detail: TaskDetail | None) -> tuple[AffectedPackage, ...]:
    if detail is None:
        return ()
    return tuple(
        AffectedPackage(
            name=p.name,
            version=p.version,
            release=p.release or None,
            processes=tuple(f"{proc.name} (pid {proc.pid})" for proc in p.affected_procs),
        )
        for p in detail.pkg_cpes
    )


def drill_down_cve(
    cve_id: str,
    tasks: Iterable[Task],
    details: Mapping[int, TaskDetail],
    index: ExposureIndex,
    *,
    errors: Mapping[int, str] | None = None,
) -> CveDrillDown:
    """Assemble the drill-down of ``cve_id`` from its tasks (other CVEs' tasks are ignored)."""
    wanted = cve_id.strip().upper()
    hits: list[ServerHit] = []
    title: str | None = None
    for task in tasks:
        if task.server_id is None or (task.cve_id or "").upper() != wanted:
            continue
        if title is None and task.cve is not None and task.cve.title:
            title = task.cve.title
        role = index.role_of(task.server_id)
        hits.append(
            ServerHit(
                task_id=task.id,
                server_id=task.server_id,
                server_name=task.server_name,
                role_name=None if role is None else role.name,
                tags=tuple(task.server_tags),
                external_scan=index.external(task.server_id, wanted),
                exposed_via=index.exposed_via(task.server_id, wanted, task.server_tags),
                status=str(task.status),
                ssvc_priority=None if task.ssvc.priority is None else str(task.ssvc.priority),
                running_process=task.is_running_process,
                listening_ports=tuple(task.listening_ports),
                packages=_packages(details.get(task.id)),
                internet_ports=index.internet_ports.get(task.server_id, ()),
                internet_listening=index.internet_listening(task.server_id, task.listening_ports),
                detail_error=(errors or {}).get(task.id),
            )
        )
    hits.sort(key=lambda h: (not h.external_scan, not h.exposed_via, h.server_name or "", h.task_id))
    return CveDrillDown(cve_id=wanted, title=title, servers=tuple(hits))
