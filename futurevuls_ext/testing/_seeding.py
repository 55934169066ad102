"""Seeding helpers of :class:`FakeFutureVuls`: build the state a test needs, get ids back.

Every helper takes the state lock, normalises SSVC spellings (``"PoC"``, ``"public poc"`` and
``"poc"`` are the same), re-syncs tasks and recomputes SSVC, exactly as an API write would.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from .._exceptions import ConfigError
from ._records import IGNORE_UNTIL, TASK_PRIORITIES, TASK_STATUSES, ListeningPort, Process, Server, User
from ._ssvc import (
    AUTOMATABLE,
    EXPLOITATION,
    EXPOSURE,
    HUMAN_IMPACT,
    MISSION_IMPACT,
    SAFETY_IMPACT,
    UTILITY,
    VALUE_DENSITY,
    canonical,
)
from ._state import SEED_SOURCE, FakeState
from ._validate import CVE_ID_RE

__all__ = ["Seeder"]

_IGNORE_UNTIL: Final = tuple(v for v in IGNORE_UNTIL if v != "nothing")
"""A seeded task is hidden by one of these (``nothing`` means not hidden: leave ``ignore_until`` None)."""


def _spelling(value: str | None, allowed: tuple[str, ...], what: str) -> str | None:
    if value is None:
        return None
    spelled = canonical(str(value), allowed)
    if spelled is None:
        raise ConfigError(f"{what} {value!r} is not one of {list(allowed)}")
    return spelled


def _cve_id(cve_id: str) -> str:
    if not CVE_ID_RE.match(cve_id):
        raise ConfigError(f"{cve_id!r} is not a CVE id (CVE-YYYY-NNNN)")
    return cve_id


class Seeder:
    """Mixin: ``self.state`` is a :class:`FakeState`."""

    state: FakeState

    def _need_server(self, server_id: int) -> Server:
        server = self.state.servers.get(server_id)
        if server is None:
            raise ConfigError(f"no server {server_id} in the fake; create it with add_server() first")
        return server

    def add_user(self, name: str, *, user_id: int | None = None) -> int:
        """Add a group member; returns its id."""
        with self.state.lock:
            uid = user_id if user_id is not None else self.state.next_id("user")
            self.state.users[uid] = User(id=uid, name=name)
            return uid

    def add_role(
        self,
        name: str,
        *,
        exposure: str | None = None,
        human_impact: str | None = None,
        mission_impact: str | None = None,
        safety_impact: str | None = None,
        value_density: str | None = None,
    ) -> int:
        """Create the role (or update the one with this name, e.g. ``default``); returns its id.

        ``value_density`` (diffuse, concentrated) is the role's; without it the group default
        ``diffuse`` applies. A CVE's own ``value_density`` is not an SSVC input (FutureVuls takes it
        from the role); it is kept on the CVE record only as dataset data.
        """
        with self.state.lock:
            role = self.state.role_by_name(name) or self.state.new_role(name)
            role.exposure = _spelling(exposure, EXPOSURE, "exposure") or role.exposure
            role.human_impact = _spelling(human_impact, HUMAN_IMPACT, "human impact") or role.human_impact
            role.mission_impact = (
                _spelling(mission_impact, MISSION_IMPACT, "mission impact") or role.mission_impact
            )
            role.safety_impact = (
                _spelling(safety_impact, SAFETY_IMPACT, "safety impact") or role.safety_impact
            )
            role.value_density = (
                _spelling(value_density, VALUE_DENSITY, "value density") or role.value_density
            )
            self.state.recompute_ssvc()
            return role.id

    def add_tag(self, name: str) -> int:
        """Create a server tag (or find it); returns its id."""
        with self.state.lock:
            return self.state.ensure_tag(name).id

    def add_server(
        self,
        name: str,
        *,
        role_id: int | None = None,
        role: str | None = None,
        tags: Iterable[str] = (),
        ipv4: str = "",
        platform_name: str = "",
        platform_instance_id: str = "",
        os_family: str = "ubuntu",
        os_version: str = "22.04",
        default_user_id: int | None = None,
        pseudo: bool = False,
    ) -> int:
        """Create a server in a role (by id or name; the default role otherwise); returns its id."""
        with self.state.lock:
            if role is not None:
                role_id = self.add_role(role)
            if role_id is not None and role_id not in self.state.roles:
                raise ConfigError(f"no role {role_id} in the fake")
            server = self.state.new_server(
                name,
                role_id=role_id,
                ipv4=ipv4,
                platform_name=platform_name,
                platform_instance_id=platform_instance_id,
                os_family="pseudo" if pseudo else os_family,
                os_version="unknown" if pseudo else os_version,
                default_user_id=default_user_id,
            )
            server.tag_ids = [self.state.ensure_tag(t).id for t in tags]
            return server.id

    def add_cve(
        self,
        cve_id: str,
        *,
        title: str = "",
        exploitation: str = "none",
        automatable: str = "no",
        value_density: str = "diffuse",
        utility: str | None = None,
        cvss_v3: float = 0.0,
        vector_v3: str = "",
        cvss_v2: float = 0.0,
        vector_v2: str = "",
        has_mitigation: bool = False,
        cwe_ids: Iterable[str] = (),
        cpe_names: Iterable[str] = (),
    ) -> str:
        """Add (or replace the intelligence of) a CVE, with its SSVC inputs; returns the CVE id."""
        with self.state.lock:
            cve = self.state.ensure_cve(_cve_id(cve_id))
            cve.title = title or cve_id
            cve.exploitation = _spelling(exploitation, EXPLOITATION, "exploitation") or "none"
            cve.automatable = _spelling(automatable, AUTOMATABLE, "automatable") or "no"
            cve.value_density = _spelling(value_density, VALUE_DENSITY, "value density") or "diffuse"
            cve.utility = _spelling(utility, UTILITY, "utility")
            cve.cvss_v3, cve.vector_v3, cve.cvss_v2, cve.vector_v2 = cvss_v3, vector_v3, cvss_v2, vector_v2
            cve.has_mitigation = has_mitigation
            cve.cwe_ids = list(cwe_ids)
            cve.cpe_names = list(cpe_names)
            self.state.recompute_ssvc()
            return cve.cve_id

    def add_package(
        self,
        server_id: int,
        name: str,
        *,
        version: str = "",
        release: str = "",
        cve_ids: Iterable[str] = (),
        new_version: str = "",
        new_release: str = "",
        repository: str = "",
    ) -> int:
        """Install a package on a server; its CVEs become tasks. Returns the package id."""
        with self.state.lock:
            self._need_server(server_id)
            package = self.state.new_package(
                server_id,
                name,
                version=version,
                release=release,
                new_version=new_version,
                new_release=new_release,
                repository=repository,
                cve_ids=[_cve_id(c) for c in cve_ids],
            )
            self.state.settle([server_id])
            return package.id

    def add_process(
        self, server_id: int, name: str, *, pid: str | None = None, package_id: int | None = None
    ) -> str:
        """Run a process on a server (using a package: an affected process); returns its pid."""
        with self.state.lock:
            self._need_server(server_id)
            if package_id is not None and package_id not in self.state.packages:
                raise ConfigError(f"no package {package_id} in the fake")
            process = Process(
                server_id=server_id,
                pid=pid or str(self.state.next_id("pid")),
                name=name,
                package_id=package_id,
            )
            self.state.processes.append(process)
            return process.pid

    def add_listening_port(
        self,
        server_id: int,
        port: int,
        *,
        pid: str | None = None,
        address: str = "0.0.0.0",  # noqa: S104
        protocol: str = "tcp",
    ) -> int:
        """Open a listening port on a server, owned by a process (pid); returns the port record id."""
        with self.state.lock:
            self._need_server(server_id)
            record = ListeningPort(
                id=self.state.next_id("port"),
                server_id=server_id,
                port=port,
                address=address,
                protocol=protocol,
                pid=pid,
            )
            self.state.listening_ports[record.id] = record
            return record.id

    def add_cpe(
        self,
        server_id: int,
        cpe_name: str,
        *,
        is_uri: bool | None = None,
        cve_ids: Iterable[str] | None = None,
    ) -> int:
        """Register a CPE on a server (form guessed from the name when ``is_uri`` is None); returns its id."""
        with self.state.lock:
            self._need_server(server_id)
            uri = cpe_name.startswith("cpe:/") if is_uri is None else is_uri
            ids = None if cve_ids is None else [_cve_id(c) for c in cve_ids]
            cpe = self.state.new_cpe(server_id, cpe_name, is_uri=uri, cve_ids=ids)
            self.state.settle([server_id])
            return cpe.id

    def add_task(
        self,
        server_id: int,
        cve_id: str,
        *,
        status: str = "new",
        priority: str = "none",
        main_user_id: int | None = None,
        sub_user_id: int | None = None,
        applying_patch_on: str | None = None,
        deadline_on: str | None = None,
        ignore_until: str | None = None,
    ) -> int:
        """Add (or edit) the task of a CVE on a server; it stays until its server goes. Returns its id."""
        if status not in TASK_STATUSES or priority not in TASK_PRIORITIES:
            raise ConfigError(f"status must be one of {TASK_STATUSES} and priority one of {TASK_PRIORITIES}")
        if ignore_until is not None and ignore_until not in _IGNORE_UNTIL:
            raise ConfigError(f"ignore_until must be one of {_IGNORE_UNTIL}, got {ignore_until!r}")
        with self.state.lock:
            self._need_server(server_id)
            self.state.ensure_cve(_cve_id(cve_id))
            task = self.state.task_for(server_id, cve_id) or self.state.new_task(server_id, cve_id)
            task.sources.add(SEED_SOURCE)
            task.status, task.priority = status, priority
            task.main_user_id, task.sub_user_id = main_user_id, sub_user_id
            task.applying_patch_on, task.deadline_on = applying_patch_on, deadline_on
            task.ignore, task.ignore_until = ignore_until is not None, ignore_until
            self.state.recompute_ssvc([server_id])
            return task.id

    def add_lockfile(self, server_id: int, path: str, content: str = "") -> int:
        """Upload a lockfile for a server; returns its id."""
        with self.state.lock:
            self._need_server(server_id)
            return self.state.new_lockfile(server_id, path, content).id

    def add_external_scan(
        self, server_id: int, name: str, cve_ids: Iterable[str], *, is_external: bool = True
    ) -> int:
        """Attach an external scan result to a server, as the API would; returns its id."""
        with self.state.lock:
            self._need_server(server_id)
            ids = list(dict.fromkeys(_cve_id(c) for c in cve_ids))
            scan = self.state.new_external_scan(server_id, name, ids, is_external=is_external)
            self.state.settle([server_id])
            return scan.id
