"""Which FutureVuls server each Inspector instance is (pure).

Order (``shared/reference/inspector.md`` §4): ``platformInstanceId`` equal to the instance ID (exact,
case-sensitive); only then ``serverIpv4`` among the instance's addresses, accepted when exactly one
server and exactly one instance match each other. Private addresses repeat across VPCs and accounts,
so an IP match that is not one-to-one is refused with a reason rather than guessed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs

from .._export import ToDict
from ..models import Server

__all__ = ["InstanceMatch", "match_instances", "server_ips"]

_SPLIT = re.compile(r"[,\s;]+")


def server_ips(server: Server) -> frozenset[str]:
    """The addresses in ``serverIpv4`` (one string, sometimes several comma-separated addresses)."""
    return frozenset(ip for ip in _SPLIT.split(server.server_ipv4 or "") if ip)


@attrs.frozen(kw_only=True)
class InstanceMatch(ToDict):
    """The servers an instance matched (``by`` says how), or why it matched none (``reason``)."""

    instance_id: str
    server_ids: tuple[int, ...] = ()
    by: str | None = None
    reason: str = ""


def match_instances(
    instances: Mapping[str, frozenset[str]], servers: Sequence[Server]
) -> dict[str, InstanceMatch]:
    """Match instances (ID -> addresses) to servers; every instance gets an :class:`InstanceMatch`."""
    by_instance: dict[str, list[int]] = defaultdict(list)
    for server in servers:
        if server.platform_instance_id:
            by_instance[server.platform_instance_id].append(server.id)
    result: dict[str, InstanceMatch] = {}
    taken: set[int] = set()
    for instance_id in instances:
        ids = by_instance.get(instance_id)
        if ids:
            result[instance_id] = InstanceMatch(
                instance_id=instance_id, server_ids=tuple(ids), by="platformInstanceId"
            )
            taken.update(ids)
    pending = [i for i in instances if i not in result]
    by_ip: dict[str, list[int]] = defaultdict(list)
    for server in servers:
        if server.id not in taken and not server.platform_instance_id:
            for ip in server_ips(server):
                by_ip[ip].append(server.id)
    candidates = {i: _ip_candidates(instances[i], by_ip) for i in pending}
    claimed: dict[int, list[str]] = defaultdict(list)
    for instance_id, ids in candidates.items():
        for server_id in ids:
            claimed[server_id].append(instance_id)
    for instance_id in pending:
        result[instance_id] = _ip_match(instance_id, candidates[instance_id], claimed)
    return result


def _ip_candidates(addresses: Iterable[str], by_ip: Mapping[str, list[int]]) -> list[int]:
    """IDs of the servers (without an instance ID) carrying any of the addresses, each once, sorted."""
    return sorted({server_id for ip in addresses for server_id in by_ip.get(ip, ())})


def _ip_match(instance_id: str, ids: list[int], claimed: Mapping[int, list[str]]) -> InstanceMatch:
    if not ids:
        return InstanceMatch(
            instance_id=instance_id,
            reason="no server has this platformInstanceId, and no server without one has any of its "
            "addresses",
        )
    if len(ids) > 1:
        return InstanceMatch(
            instance_id=instance_id,
            reason=f"its addresses match {len(ids)} servers ({', '.join(map(str, ids))}); "
            "set platformInstanceId on the right server (private addresses repeat across VPCs)",
        )
    others = [i for i in claimed[ids[0]] if i != instance_id]
    if others:
        return InstanceMatch(
            instance_id=instance_id,
            reason=f"server {ids[0]}'s address also belongs to instance(s) {', '.join(others)}; "
            "set platformInstanceId on the server to disambiguate",
        )
    return InstanceMatch(instance_id=instance_id, server_ids=(ids[0],), by="ip")
