"""Which tasks are exposed to the internet, and why (pure).

A task is exposed when any of these holds (the article's triage view):

* ``external-scan``: an "exposed externally" scan result on its server lists its CVE (the ✓ column);
* ``role``: its server's role has SSVC Exposure ``open``, or is named like the exposure role
  (``Internet-Facing`` by default, for groups whose role SSVC fields the API does not show);
* ``tag:<name>``: its server carries one of ``exposed_tags`` (e.g. the article's ``public``; none by
  default).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from ..models import ExternalScan, Role, Server
from ..ssvc import Exposure, exposed_cve_ids

__all__ = ["DEFAULT_EXPOSED_ROLE_NAMES", "ExposureIndex"]

DEFAULT_EXPOSED_ROLE_NAMES = ("Internet-Facing",)


@attrs.frozen(kw_only=True)
class ExposureIndex:
    """Server facts the triage needs: role, tags, externally exposed CVEs."""

    servers: Mapping[int, Server]
    roles: Mapping[int, Role]
    external_cves: Mapping[int, frozenset[str]]
    exposed_role_names: frozenset[str] = frozenset(DEFAULT_EXPOSED_ROLE_NAMES)
    exposed_tags: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls,
        servers: Iterable[Server],
        roles: Iterable[Role],
        external_scans: Iterable[ExternalScan],
        *,
        exposed_role_names: Iterable[str] = DEFAULT_EXPOSED_ROLE_NAMES,
        exposed_tags: Iterable[str] = (),
    ) -> ExposureIndex:
        """Index the listings of servers, roles and external scan results."""
        by_server: dict[int, list[ExternalScan]] = {}
        for scan in external_scans:
            by_server.setdefault(scan.server_id, []).append(scan)
        return cls(
            servers={s.id: s for s in servers},
            roles={r.id: r for r in roles},
            external_cves={k: exposed_cve_ids(v) for k, v in by_server.items()},
            exposed_role_names=frozenset(exposed_role_names),
            exposed_tags=frozenset(exposed_tags),
        )

    @property
    def exposed_cves(self) -> frozenset[str]:
        """Every CVE an "exposed externally" scan result lists, on any server."""
        return frozenset().union(*self.external_cves.values()) if self.external_cves else frozenset()

    def role_of(self, server_id: int) -> Role | None:
        """The server's role, when both are known."""
        server = self.servers.get(server_id)
        return None if server is None else self.roles.get(server.serverrole_id)

    def external(self, server_id: int, cve_id: str) -> bool:
        """True when an "exposed externally" result on the server lists the CVE."""
        return cve_id.strip().upper() in self.external_cves.get(server_id, frozenset())

    def exposed_via(self, server_id: int, cve_id: str, tags: Iterable[str] = ()) -> tuple[str, ...]:
        """Why the task (server, CVE) counts as exposed; empty when it does not."""
        reasons: list[str] = []
        if self.external(server_id, cve_id):
            reasons.append("external-scan")
        role = self.role_of(server_id)
        if role is not None and (role.ssvc.exposure is Exposure.OPEN or role.name in self.exposed_role_names):
            reasons.append("role")
        server = self.servers.get(server_id)
        names = set(tags) | (set(server.tag_names) if server is not None else set())
        reasons += [f"tag:{t}" for t in sorted(names & self.exposed_tags)]
        return tuple(reasons)
