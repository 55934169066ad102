"""Internet exposure of EC2 instances, decided from Inspector reachability records (pure).

The rule (``shared/reference/inspector.md`` §3, applied to the parser's ACTIVE records):

* **open**: at least one path starts at an Internet Gateway (a load balancer on the way changes
  nothing: it is still the internet);
* **controlled**: paths exist, but none from an Internet Gateway (VPC peering, VPN / Direct Connect,
  or another VPC edge);
* no record: no evidence, no change.

Each open port range is reported once, written ``22/tcp`` or ``80-81/tcp``.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from .._export import ToDict
from .._numbers import ascii_int
from ..parsers import Reachability
from ..ssvc import Exposure

__all__ = ["InstanceEvidence", "PathEvidence", "instance_evidence"]


@attrs.frozen(kw_only=True)
class PathEvidence(ToDict):
    """One open port range and the network path that reaches it.

    Attributes:
        ports: the range and protocol, ``"22/tcp"`` or ``"8000-8010/tcp"`` (``"?"`` when unknown).
        path: the component types along the path, edge first.
        edge: ``"internet-gateway"``, ``"peering-or-vpn"`` or ``"other"``.
        via_load_balancer: the path passes an ALB / CLB.
        finding_id: the Inspector finding's ARN, when known.
    """

    ports: str
    edge: str
    via_load_balancer: bool = False
    path: tuple[str, ...]
    finding_id: str | None = None


@attrs.frozen(kw_only=True)
class InstanceEvidence(ToDict):
    """Everything the reachability records say about one instance.

    Attributes:
        instance_id: the EC2 instance ID.
        ip_addresses: the union of the addresses the findings give (order not meaningful).
        paths: one entry per distinct (ports, edge, path).
    """

    instance_id: str
    ip_addresses: frozenset[str]
    paths: tuple[PathEvidence, ...]

    _dict_keys = ("instance_id", "ip_addresses", "exposure", "open_ports", "paths")

    @property
    def exposure(self) -> Exposure | None:
        """``open`` with an Internet Gateway path, else ``controlled`` with any path, else None."""
        if any(p.edge == "internet-gateway" for p in self.paths):
            return Exposure.OPEN
        return Exposure.CONTROLLED if self.paths else None

    @property
    def open_ports(self) -> tuple[str, ...]:
        """Ports reachable from the internet, each once, sorted."""
        return tuple(sorted({p.ports for p in self.paths if p.edge == "internet-gateway"}, key=_port_key))


def _port_key(label: str) -> tuple[int, str]:
    head = label.split("/", 1)[0].split("-", 1)[0]
    number = ascii_int(head)
    return (number if number is not None else 1 << 20, label)


def _ports(record: Reachability) -> str:
    protocol = record.protocol or "?"
    if record.port_start is None:
        return f"?/{protocol}"
    end = record.port_end if record.port_end is not None else record.port_start
    span = str(record.port_start) if end == record.port_start else f"{record.port_start}-{end}"
    return f"{span}/{protocol}"


def _edge(record: Reachability) -> str:
    if record.from_internet_gateway:
        return "internet-gateway"
    return "peering-or-vpn" if record.via_peering_or_vpn else "other"


def instance_evidence(records: Iterable[Reachability]) -> dict[str, InstanceEvidence]:
    """Group reachability records by instance; duplicates (same ports, edge and path) collapse."""
    ips: dict[str, set[str]] = {}
    paths: dict[str, dict[tuple[str, str, tuple[str, ...]], PathEvidence]] = {}
    for record in records:
        if not record.instance_id:
            continue
        ips.setdefault(record.instance_id, set()).update(record.ip_addresses)
        item = PathEvidence(
            ports=_ports(record),
            path=record.path_component_types,
            edge=_edge(record),
            via_load_balancer=record.via_load_balancer,
            finding_id=record.finding_id,
        )
        paths.setdefault(record.instance_id, {}).setdefault((item.ports, item.edge, item.path), item)
    return {
        instance: InstanceEvidence(
            instance_id=instance,
            ip_addresses=frozenset(ips[instance]),
            paths=tuple(sorted(found.values(), key=lambda p: (_port_key(p.ports), p.edge))),
        )
        for instance, found in paths.items()
    }
