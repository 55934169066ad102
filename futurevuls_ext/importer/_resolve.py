"""Which FutureVuls server each scanned host belongs to (pure).

Order: an explicit ``server_id``; the user's ``server_map`` (any of the host's addresses, IPs or names);
a unique match of ``serverIpv4`` / ``serverName`` against all of them; else, when asked, a new pseudo
server named after the host; else the host is unresolved, with a reason that says what to do.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from attrs import frozen

from ..models import Server
from ..parsers import HostResult

__all__ = ["Resolution", "host_keys", "resolve_hosts", "server_index"]

_SPLIT = re.compile(r"[,\s;]+")


@frozen(kw_only=True)
class Resolution:
    """Where one host goes: an existing server, a pseudo server to create, or nowhere (see ``reason``)."""

    host: HostResult
    server_id: int | None = None
    pseudo_server_name: str | None = None
    reason: str = ""

    @property
    def resolved(self) -> bool:
        """True when the host has a server (existing or to be created)."""
        return self.server_id is not None or self.pseudo_server_name is not None


def host_keys(host: HostResult) -> list[str]:
    """Every name the report gives the host, lower-cased, address first, without repeats."""
    keys = [host.address, *sorted(host.ip_addresses), *sorted(host.hostnames)]
    return list(dict.fromkeys(key.strip().lower() for key in keys if key and key.strip()))


def server_index(servers: Iterable[Server]) -> dict[str, set[int]]:
    """Map each server IPv4 and name (lower-cased) to the ids of the servers carrying it."""
    index: dict[str, set[int]] = defaultdict(set)
    for server in servers:
        for ip in _SPLIT.split(server.server_ipv4 or ""):
            if ip:
                index[ip.lower()].add(server.id)
        if server.server_name:
            index[server.server_name.strip().lower()].add(server.id)
    return dict(index)


def _resolve_one(
    host: HostResult,
    *,
    server_id: int | None,
    server_map: Mapping[str, int],
    index: Mapping[str, set[int]],
    create_pseudo_servers: bool,
) -> Resolution:
    if server_id is not None:
        return Resolution(host=host, server_id=server_id, reason="server_id given")
    keys = host_keys(host)
    for key in keys:
        if key in server_map:
            return Resolution(host=host, server_id=server_map[key], reason=f"server_map: {key}")
    matches: dict[int, str] = {}
    for key in keys:
        for found in sorted(index.get(key, ())):
            matches.setdefault(found, key)
    if len(matches) == 1:
        (found, key), *_ = matches.items()
        return Resolution(host=host, server_id=found, reason=f"matched server by {key}")
    if len(matches) > 1:
        listed = ", ".join(f"{sid} ({key})" for sid, key in sorted(matches.items()))
        return Resolution(
            host=host, reason=f"ambiguous: several servers match ({listed}); add the host to server_map"
        )
    if create_pseudo_servers:
        return Resolution(host=host, pseudo_server_name=host.address, reason="new pseudo server")
    tried = ", ".join(keys)
    return Resolution(
        host=host,
        reason=f"no server matches ({tried}); map it with server_map or pass create_pseudo_servers=True",
    )


def resolve_hosts(
    hosts: Iterable[HostResult],
    servers: Iterable[Server],
    *,
    server_id: int | None = None,
    server_map: Mapping[str, int] | None = None,
    create_pseudo_servers: bool = False,
) -> list[Resolution]:
    """Resolve every host; see the module docstring for the order of the rules."""
    index = server_index(servers)
    return [
        _resolve_one(
            host,
            server_id=server_id,
            server_map=server_map or {},
            index=index,
            create_pseudo_servers=create_pseudo_servers,
        )
        for host in hosts
    ]
