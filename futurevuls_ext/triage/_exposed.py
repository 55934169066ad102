"""Which tasks are exposed to the internet, and why (pure).

A task is exposed when any of these holds (the article's triage view):

* ``external-scan``: an "exposed externally" scan result on its server lists its CVE (the ✓ column);
* ``role``: its server's role has SSVC Exposure ``open``, or is named like the exposure role
  (``Internet-Facing`` by default, for groups whose role SSVC fields the API does not show);
* ``tag:<name>``: its server carries one of ``exposed_tags`` (e.g. the article's ``public``; none by
  default);
* ``inspector``: an exposure plan (:func:`futurevuls_ext.exposure.plan_exposure`) found a path from an
  Internet Gateway to the server; :meth:`ExposureIndex.internet_listening` then tells which of the
  task's listening ports are among the ports reachable from the internet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from .._numbers import ascii_int
from ..exposure import ExposurePlan
from ..models import ExternalScan, Role, Server
from ..ssvc import Exposure, exposed_cve_ids

__all__ = ["DEFAULT_EXPOSED_ROLE_NAMES", "ExposureIndex", "port_in"]

DEFAULT_EXPOSED_ROLE_NAMES = ("Internet-Facing",)


@attrs.frozen(kw_only=True)
class ExposureIndex:
    """Server facts the triage needs: role, tags, externally exposed CVEs."""

    servers: Mapping[int, Server]
    roles: Mapping[int, Role]
    external_cves: Mapping[int, frozenset[str]]
    exposed_role_names: frozenset[str] = frozenset(DEFAULT_EXPOSED_ROLE_NAMES)
    exposed_tags: frozenset[str] = frozenset()
    internet_ports: Mapping[int, tuple[str, ...]] = attrs.field(factory=dict)
    """Server ID -> ports Inspector found reachable from the internet (``"22/tcp"``, ``"80-81/tcp"``)."""

    @classmethod
    def build(
        cls,
        servers: Iterable[Server],
        roles: Iterable[Role],
        external_scans: Iterable[ExternalScan],
        *,
        exposed_role_names: Iterable[str] = DEFAULT_EXPOSED_ROLE_NAMES,
        exposed_tags: Iterable[str] = (),
        plan: ExposurePlan | None = None,
    ) -> ExposureIndex:
        """Index the listings of servers, roles and external scan results (and an exposure plan)."""
        by_server: dict[int, list[ExternalScan]] = {}
        for scan in external_scans:
            if scan.server_id is not None:
                by_server.setdefault(scan.server_id, []).append(scan)
        return cls(
            servers={s.id: s for s in servers},
            roles={r.id: r for r in roles},
            external_cves={k: exposed_cve_ids(v) for k, v in by_server.items()},
            exposed_role_names=frozenset(exposed_role_names),
            exposed_tags=frozenset(exposed_tags),
            internet_ports={}
            if plan is None
            else {d.server_id: d.open_ports for d in plan.open if d.matched_by is not None},
        )

    @property
    def exposed_cves(self) -> frozenset[str]:
        """Every CVE an "exposed externally" scan result lists, on any server."""
        return frozenset().union(*self.external_cves.values()) if self.external_cves else frozenset()

    def role_of(self, server_id: int | None) -> Role | None:
        """The server's role, when both are known."""
        server = None if server_id is None else self.servers.get(server_id)
        if server is None or server.serverrole_id is None:
            return None
        return self.roles.get(server.serverrole_id)

    def external(self, server_id: int | None, cve_id: str | None) -> bool:
        """True when an "exposed externally" result on the server lists the CVE."""
        if server_id is None or cve_id is None:
            return False
        return cve_id.strip().upper() in self.external_cves.get(server_id, frozenset())

    def exposed_via(
        self, server_id: int | None, cve_id: str | None, tags: Iterable[str] = ()
    ) -> tuple[str, ...]:
        """Why the task (server, CVE) counts as exposed; empty when it does not."""
        reasons: list[str] = []
        if self.external(server_id, cve_id):
            reasons.append("external-scan")
        role = self.role_of(server_id)
        if role is not None and (role.ssvc.exposure is Exposure.OPEN or role.name in self.exposed_role_names):
            reasons.append("role")
        server = None if server_id is None else self.servers.get(server_id)
        names = set(tags) | (set(server.tag_names) if server is not None else set())
        reasons += [f"tag:{t}" for t in sorted(names & self.exposed_tags)]
        if server_id in self.internet_ports:
            reasons.append("inspector")
        return tuple(reasons)

    def internet_listening(self, server_id: int | None, listening_ports: Iterable[str]) -> tuple[str, ...]:
        """The listening sockets (``"0.0.0.0:22"``) whose port Inspector found reachable from the internet."""
        ranges = () if server_id is None else self.internet_ports.get(server_id, ())
        return tuple(p for p in listening_ports if any(port_in(p, r) for r in ranges))


def port_in(listening: str, open_range: str) -> bool:
    """True when the port of ``listening`` is in ``open_range``.

    ``listening`` is ``"0.0.0.0:22"``, ``"[::]:443"`` or ``"22"``; ``open_range`` is ``"22/tcp"`` or
    ``"80-81/tcp"``. Listening ports carry no protocol, so any protocol matches.
    """
    tail = listening.rsplit(":", 1)[-1].split("/", 1)[0].strip()
    span = open_range.split("/", 1)[0]
    low, _, high = span.partition("-")
    port, first, last = ascii_int(tail), ascii_int(low), ascii_int(high or low)
    if port is None or first is None or last is None:
        return False
    return first <= port <= last
