"""The fake's whole in-memory state, guarded by one re-entrant lock.

Every HTTP handler and every seeding helper runs with ``state.lock`` held, so a request sees and
leaves a consistent state. After any change that can move tasks or SSVC inputs, callers run
:meth:`FakeState.sync_server` (tasks follow their sources) and :meth:`FakeState.recompute_ssvc`.
"""

from __future__ import annotations

import itertools
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from attrs import frozen

from ._index import ServerTable
from ._records import (
    Cpe,
    Cve,
    ExternalScan,
    Group,
    ListeningPort,
    Lockfile,
    Package,
    Process,
    Role,
    Server,
    Tag,
    Task,
    User,
)
from ._ssvc import recompute_tasks

__all__ = ["FakeState", "RequestRecord"]

SEED_SOURCE = "seed"


class _Record(Protocol):
    id: int


R = TypeVar("R", bound=_Record)


@frozen(kw_only=True)
class RequestRecord:
    """One request the fake received (the Authorization header is never recorded).

    Attributes:
        method: HTTP method.
        path: URL path without the query string.
        query: query parameters, each with every value given (repeated keys keep their order).
        body: decoded JSON body, None when there was none, the raw text when it was not JSON.
        status: status answered (0 when the connection was dropped).
        fault: kind of injected fault, or None.
        authorized: whether the Authorization header held the fake's token.
    """

    method: str
    path: str
    query: dict[str, list[str]]
    body: object
    status: int
    fault: str | None = None
    authorized: bool = True


def _counter(start: int) -> Iterator[int]:
    return itertools.count(start)


class FakeState:
    """Everything the fake server knows. Read it in tests; change it through the seeding helpers."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.group = Group()
        self.users: dict[int, User] = {}
        self.roles: dict[int, Role] = {}
        self.tags: dict[int, Tag] = {}
        self.servers: dict[int, Server] = {}
        self.cves: dict[str, Cve] = {}
        # Per-server tables are dicts indexed by server too (ServerTable.of_server), so a write to one
        # server never scans the others' records: writes cost the same with 100 or 50,000 servers.
        self.packages: ServerTable[Package] = ServerTable()
        self.processes: list[Process] = []
        self.listening_ports: ServerTable[ListeningPort] = ServerTable()
        self.cpes: ServerTable[Cpe] = ServerTable()
        self.lockfiles: ServerTable[Lockfile] = ServerTable()
        self.external_scans: ServerTable[ExternalScan] = ServerTable()
        self.tasks: ServerTable[Task] = ServerTable()
        self.requests: list[RequestRecord] = []
        # Distinct id ranges per kind, so a client passing a server id as a task id gets a 404.
        self._ids = {
            "role": _counter(10),
            "server": _counter(100),
            "tag": _counter(500),
            "user": _counter(900),
            "package": _counter(20000),
            "port": _counter(25000),
            "cpe": _counter(30000),
            "lockfile": _counter(40000),
            "task": _counter(50000),
            "external_scan": _counter(60000),
            "comment": _counter(70000),
            "pid": _counter(1000),
        }
        self.new_role("default", is_default=True)

    # -- helpers -------------------------------------------------------------------------------

    def next_id(self, kind: str) -> int:
        """A fresh id of one kind (ids of different kinds never collide)."""
        return next(self._ids[kind])

    @staticmethod
    def now() -> str:
        """The current time as FutureVuls writes it (RFC 3339, UTC, seconds)."""
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def default_role(self) -> Role:
        """The group's default role."""
        return next(role for role in self.roles.values() if role.is_default)

    def role_by_name(self, name: str) -> Role | None:
        """The role with this name, if any."""
        return next((role for role in self.roles.values() if role.name == name), None)

    def tag_by_name(self, name: str) -> Tag | None:
        """The tag with this name, if any."""
        return next((tag for tag in self.tags.values() if tag.name == name), None)

    def user_name(self, user_id: int | None) -> str | None:
        """The member's name, a placeholder for unknown ids, None for None."""
        if user_id is None:
            return None
        user = self.users.get(user_id)
        return user.name if user is not None else f"user-{user_id}"

    def task_for(self, server_id: int, cve_id: str) -> Task | None:
        """The task of this CVE on this server, if any."""
        return next((t for t in self.tasks.of_server(server_id) if t.cve_id == cve_id), None)

    # -- creation primitives (no validation: callers validate) ---------------------------------

    def _stamped(self, table: MutableMapping[int, R], make: Callable[..., R], kind: str, **fields: Any) -> R:
        """A new record stored in ``table``: a fresh id of ``kind``, created and updated now."""
        now = self.now()
        record = make(id=self.next_id(kind), created_at=now, updated_at=now, **fields)
        table[record.id] = record
        return record

    def new_role(self, name: str, *, is_default: bool = False) -> Role:
        """Create a role."""
        return self._stamped(self.roles, Role, "role", name=name, is_default=is_default)

    def ensure_tag(self, name: str) -> Tag:
        """The tag with this name, created when missing."""
        tag = self.tag_by_name(name)
        if tag is None:
            tag = Tag(id=self.next_id("tag"), name=name)
            self.tags[tag.id] = tag
        return tag

    def ensure_cve(self, cve_id: str) -> Cve:
        """The CVE record, created with neutral SSVC inputs when missing."""
        cve = self.cves.get(cve_id)
        if cve is None:
            now = self.now()
            cve = Cve(
                cve_id=cve_id, title=f"{cve_id} (no intelligence in the fake)", created_at=now, updated_at=now
            )
            self.cves[cve_id] = cve
        return cve

    def new_server(self, name: str, *, role_id: int | None = None, **fields: object) -> Server:
        """Create a server with fresh UUIDs in the given role (default role when None)."""
        role = role_id if role_id is not None else self.default_role().id
        uuids = {"uuid": str(uuid.uuid4()), "host_uuid": str(uuid.uuid4())}
        return self._stamped(self.servers, Server, "server", name=name, role_id=role, **uuids, **fields)

    def new_package(self, server_id: int, name: str, **fields: object) -> Package:
        """Create a package on a server (call :meth:`sync_server` afterwards)."""
        package = self._stamped(self.packages, Package, "package", server_id=server_id, name=name, **fields)
        for cve_id in package.cve_ids:
            self.ensure_cve(cve_id)
        return package

    def new_cpe(self, server_id: int, name: str, *, is_uri: bool, cve_ids: list[str] | None = None) -> Cpe:
        """Register a CPE on a server; without ``cve_ids`` it reports the CVEs seeded for that name."""
        from ._cpe import cpe_forms

        uri, fs, version = cpe_forms(name, is_uri=is_uri)
        if cve_ids is None:
            cve_ids = [
                c.cve_id
                for c in self.cves.values()
                if name in c.cpe_names or uri in c.cpe_names or fs in c.cpe_names
            ]
        forms = {"uri": uri, "fs": fs, "version": version}
        cpe = self._stamped(
            self.cpes, Cpe, "cpe", server_id=server_id, name=name, cve_ids=list(cve_ids), **forms
        )
        for cve_id in cpe.cve_ids:
            self.ensure_cve(cve_id)
        return cpe

    def new_task(self, server_id: int, cve_id: str) -> Task:
        """Create the task of a CVE on a server, ``new`` since now (callers set its sources)."""
        task = self._stamped(self.tasks, Task, "task", server_id=server_id, cve_id=cve_id)
        task.newed_at = task.created_at
        return task

    def new_lockfile(self, server_id: int, path: str, content: str) -> Lockfile:
        """Upload a lockfile for a server."""
        return self._stamped(
            self.lockfiles, Lockfile, "lockfile", server_id=server_id, path=path, content=content
        )

    def new_external_scan(
        self, server_id: int, name: str, cve_ids: list[str], *, is_external: bool
    ) -> ExternalScan:
        """Attach an external scan result to a server (call :meth:`settle` afterwards)."""
        fields = {"name": name, "cve_ids": cve_ids, "is_external": is_external}
        return self._stamped(
            self.external_scans, ExternalScan, "external_scan", server_id=server_id, **fields
        )

    def amend(self, record: Any, **given: object) -> str:
        """A partial update: set each field whose value is given (not None), stamp ``updated_at``.

        Returns the time stamped.
        """
        for name, value in given.items():
            if value is not None:
                setattr(record, name, value)
        record.updated_at = now = self.now()
        return now

    def delete_server(self, server_id: int) -> None:
        """Delete a server and everything attached to it."""
        del self.servers[server_id]
        for table in (
            self.packages,
            self.cpes,
            self.lockfiles,
            self.external_scans,
            self.tasks,
            self.listening_ports,
        ):
            table.drop_server(server_id)
        self.processes = [p for p in self.processes if p.server_id != server_id]

    # -- consistency ---------------------------------------------------------------------------

    def reported_cves(self, server_id: int) -> dict[str, set[str]]:
        """CVE id -> sources (``pkg:<id>``, ``cpe:<id>``, ``ext:<id>``) reporting it on a server."""
        sources: dict[str, set[str]] = {}
        for package in self.packages.of_server(server_id):
            for cve_id in package.cve_ids:
                sources.setdefault(cve_id, set()).add(f"pkg:{package.id}")
        for cpe in self.cpes.of_server(server_id):
            for cve_id in cpe.cve_ids:
                sources.setdefault(cve_id, set()).add(f"cpe:{cpe.id}")
        for scan in self.external_scans.of_server(server_id):
            for cve_id in scan.cve_ids:
                sources.setdefault(cve_id, set()).add(f"ext:{scan.id}")
        return sources

    def sync_server(self, server_id: int) -> None:
        """Make the server's tasks follow their sources: one task per reported CVE, none without one.

        Tasks seeded directly (source ``seed``) stay until their server goes.
        """
        reported = self.reported_cves(server_id)
        existing = {t.cve_id: t for t in self.tasks.of_server(server_id)}
        for cve_id, sources in reported.items():
            task = existing.get(cve_id)
            if task is None:
                self.ensure_cve(cve_id)
                task = self.new_task(server_id, cve_id)
            seeded = SEED_SOURCE in task.sources
            task.sources = set(sources) | ({SEED_SOURCE} if seeded else set())
        for cve_id, task in existing.items():
            if cve_id not in reported:
                task.sources &= {SEED_SOURCE}
                if not task.sources:
                    del self.tasks[task.id]

    def recompute_ssvc(self, server_ids: Iterable[int] | None = None) -> None:
        """Recompute the SSVC block of the tasks of these servers (all when None)."""
        only = None if server_ids is None else set(server_ids)
        if only is None:
            tasks = list(self.tasks.values())
            scans = list(self.external_scans.values())
        else:
            tasks = [t for server_id in only for t in self.tasks.of_server(server_id)]
            scans = [s for server_id in only for s in self.external_scans.of_server(server_id)]
        exposed = {(scan.server_id, cve_id) for scan in scans if scan.is_external for cve_id in scan.cve_ids}
        servers = (
            self.servers.values() if only is None else [self.servers[i] for i in only if i in self.servers]
        )
        role_of_server = {s.id: self.roles.get(s.role_id) for s in servers}
        recompute_tasks(tasks, cves=self.cves, role_of_server=role_of_server, externally_exposed=exposed)

    def settle(self, server_ids: Iterable[int] | None = None) -> None:
        """Sync the given servers' tasks (all servers when None), then recompute SSVC."""
        ids = list(self.servers) if server_ids is None else list(server_ids)
        for server_id in ids:
            if server_id in self.servers:
                self.sync_server(server_id)
        self.recompute_ssvc(None if server_ids is None else ids)
