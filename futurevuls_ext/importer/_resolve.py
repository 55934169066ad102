"""Which FutureVuls server each scanned host belongs to (pure).

Order: an explicit ``server_id``; the user's ``server_map`` (any of the host's addresses, IPs or names);
a unique match of ``serverIpv4`` / ``serverName`` against all of them; else, when asked, a new pseudo
server named after the host; else the host is unresolved, with a reason that says what to do.

Every comparison uses one canonical host identity (:mod:`futurevuls_ext._identity`): names case-folded
and in IDNA form, IPv6 compressed, IPv4-mapped addresses as IPv4. Several pseudo servers named after one
host (left by an interrupted or concurrent earlier run) are not ambiguous: the lowest id is the host's
server and the others are its duplicates.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from attrs import frozen

from .._exceptions import ConfigError
from .._identity import canonical_host
from .._wording import AMBIGUOUS_HOST, UNMATCHED_HOST
from ..models import Server
from ..parsers import HostResult

__all__ = ["PSEUDO_OS_FAMILY", "Resolution", "host_keys", "is_pseudo_for", "resolve_hosts", "server_index"]

_SPLIT = re.compile(r"[,\s;]+")
PSEUDO_OS_FAMILY = "pseudo"
"""``osFamily`` of a pseudo server."""


@frozen(kw_only=True)
class Resolution:
    """Where one host goes: an existing server, a pseudo server to create, or nowhere (see ``reason``).

    ``pseudo_server`` is the existing pseudo server named after the host (its role and tags are
    checked); ``duplicates`` are further pseudo servers of the same name, higher ids.
    """

    host: HostResult
    server_id: int | None = None
    pseudo_server_name: str | None = None
    pseudo_server: Server | None = None
    duplicates: tuple[Server, ...] = ()
    reason: str = ""

    @property
    def resolved(self) -> bool:
        """True when the host has a server (existing or to be created)."""
        return self.server_id is not None or self.pseudo_server_name is not None


def host_keys(host: HostResult) -> list[str]:
    """Every name the report gives the host, canonical (see module docstring), address first, no repeats."""
    keys = [host.address, *sorted(host.ip_addresses), *sorted(host.hostnames)]
    return list(dict.fromkeys(canonical_host(key) for key in keys if key and key.strip()))


def server_index(servers: Iterable[Server]) -> dict[str, set[int]]:
    """Map each server IPv4 and name (canonical) to the ids of the servers carrying it."""
    index: dict[str, set[int]] = defaultdict(set)
    for server in servers:
        for ip in _SPLIT.split(server.server_ipv4 or ""):
            if ip:
                index[canonical_host(ip)].add(server.id)
        if server.server_name and server.server_name.strip():
            index[canonical_host(server.server_name)].add(server.id)
    return dict(index)


def is_pseudo_for(server: Server, identity: str) -> bool:
    """True when ``server`` is a pseudo server named after the host of canonical identity ``identity``."""
    return server.os_family == PSEUDO_OS_FAMILY and canonical_host(server.server_name or "") == identity


def _mapped(host: HostResult, keys: Sequence[str], server_map: Mapping[str, int]) -> Resolution | None:
    hits: dict[int, str] = {}
    for key in keys:
        if key in server_map:
            hits.setdefault(server_map[key], key)
    if len(hits) > 1:
        listed = ", ".join(f"{key!r} -> server {sid}" for sid, key in hits.items())
        raise ConfigError(
            f"server_map names {len(hits)} different servers for host {host.address!r} ({listed}); "
            "keep the entry of the right server and remove the others"
        )
    if hits:
        ((sid, key),) = hits.items()
        return Resolution(host=host, server_id=sid, reason=f"server_map: {key}")
    return None


def _resolve_one(
    host: HostResult,
    *,
    server_id: int | None,
    server_map: Mapping[str, int],
    index: Mapping[str, set[int]],
    by_id: Mapping[int, Server],
    create_pseudo_servers: bool,
) -> Resolution:
    if server_id is not None:
        return Resolution(host=host, server_id=server_id, reason="server_id given")
    keys = host_keys(host)
    mapped = _mapped(host, keys, server_map)
    if mapped is not None:
        return mapped
    identity = canonical_host(host.address)
    matches: dict[int, str] = {}
    for key in keys:
        for found in sorted(index.get(key, ())):
            matches.setdefault(found, key)
    servers = [by_id[sid] for sid in sorted(matches) if sid in by_id]
    if servers and create_pseudo_servers and all(is_pseudo_for(s, identity) for s in servers):
        first, *others = servers
        note = f" (duplicates: {', '.join(str(s.id) for s in others)})" if others else ""
        return Resolution(
            host=host,
            server_id=first.id,
            pseudo_server=first,
            duplicates=tuple(others),
            reason=f"pseudo server {first.id}{note}",
        )
    if len(matches) == 1:
        (found, key), *_ = matches.items()
        return Resolution(host=host, server_id=found, reason=f"matched server by {key}")
    if len(matches) > 1:
        listed = ", ".join(f"{sid} ({key})" for sid, key in sorted(matches.items()))
        return Resolution(
            host=host, reason=f"ambiguous: several servers match ({listed}); {AMBIGUOUS_HOST.python}"
        )
    if create_pseudo_servers:
        return Resolution(host=host, pseudo_server_name=identity, reason="new pseudo server")
    tried = ", ".join(keys)
    return Resolution(
        host=host,
        reason=f"no server matches ({tried}); {UNMATCHED_HOST.python}",
    )


def resolve_hosts(
    hosts: Iterable[HostResult],
    servers: Iterable[Server],
    *,
    server_id: int | None = None,
    server_map: Mapping[str, int] | None = None,
    create_pseudo_servers: bool = False,
) -> list[Resolution]:
    """Resolve every host; see the module docstring for the order of the rules.

    Raises:
        ConfigError: ``server_map`` maps two of one host's addresses to different servers.
    """
    listed = list(servers)
    index = server_index(listed)
    by_id = {server.id: server for server in listed}
    return [
        _resolve_one(
            host,
            server_id=server_id,
            server_map=server_map or {},
            index=index,
            by_id=by_id,
            create_pseudo_servers=create_pseudo_servers,
        )
        for host in hosts
    ]
