"""Plain twins of :mod:`._speedups` and :mod:`._grouping`: what each speed trick computes, the obvious way.

Nothing in the package calls these; ``tests/parsers/test_speedups.py`` and ``test_grouping.py`` check
that every trick gives exactly what its twin here gives. Read these to know what the fast code does.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from .._identity import canonical_host, canonical_ip
from ._model import Finding, HostResult, Port, Severity, is_ip
from ._speedups import Detail, Identity

__all__ = ["cached", "detail_finding", "group_hosts", "new_finding", "paused_gc", "web_finding"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def new_finding(**fields: Any) -> Finding:
    """The twin of ``_speedups.new_finding``: the attrs constructor."""
    return Finding(**fields)


def detail_finding(who: Identity, detail: Detail, scanner: str, service: str | None = None) -> Finding:
    """The twin of ``_speedups.detail_finding``: the named fields of both tuples, the rest defaulted."""
    address, ip, hostnames, ip_addresses = who
    port, protocol, cve_ids, severity, cvss, source_id, title = detail
    return Finding(
        address=address,
        ip=ip,
        hostnames=hostnames,
        ip_addresses=ip_addresses,
        port=port,
        protocol=protocol,
        service=service,
        cve_ids=cve_ids,
        severity=severity,
        cvss=cvss,
        source_id=source_id,
        title=title,
        scanner=scanner,
    )


def web_finding(
    who: Identity,
    port: int | None,
    scheme: str | None,
    detail: tuple[frozenset[str], Severity | None, str | None, str | None],
    scanner: str,
) -> Finding:
    """The twin of ``_speedups.web_finding``: a TCP port (when there is one), the scheme as the service."""
    cves, severity, source, title = detail
    protocol = "tcp" if port is not None else None
    return detail_finding(who, (port, protocol, cves, severity, None, source, title), scanner, scheme)


def cached(make: Callable[[K], V]) -> Callable[[K], V]:
    """The twin of ``_speedups.BoundedCache``: no cache, ``make`` is called every time."""
    return make


@contextmanager
def paused_gc() -> Iterator[None]:
    """The twin of ``_speedups.paused_gc``: the garbage collector is left alone."""
    yield


def group_hosts(findings: Iterable[Finding], *, keep_findings: bool = True) -> tuple[HostResult, ...]:
    """The twin of ``_grouping.HostGrouper``: one :class:`HostResult` per host identity, first-seen order.

    Findings whose addresses have one :func:`~futurevuls_ext._identity.canonical_host` are one host; it
    carries the canonical IP when the first address is an IP, else that address as written. A host's
    hostnames, IP addresses (each ``ip`` and ``ip_addresses``, canonical spelling, plus the address
    itself when it is an IP), CVE ids and ports are the unions over its findings; its findings are kept
    in report order (none with ``keep_findings=False``).
    """
    merged: dict[str, dict[str, Any]] = {}
    for finding in findings:
        host = merged.setdefault(
            canonical_host(finding.address),
            {
                "address": canonical_ip(finding.address) or finding.address,
                "names": set(),
                "ips": set(),
                "cves": set(),
                "ports": set(),
                "findings": [],
            },
        )
        host["names"].update(finding.hostnames)
        host["ips"].update(canonical_ip(ip) or ip for ip in finding.ip_addresses)
        if finding.ip:
            host["ips"].add(canonical_ip(finding.ip) or finding.ip)
        host["cves"].update(finding.cve_ids)
        if finding.port is not None and finding.protocol:
            host["ports"].add(Port(port=finding.port, protocol=finding.protocol))
        if keep_findings:
            host["findings"].append(finding)
    hosts = []
    for host in merged.values():
        address = host["address"]
        if is_ip(address):
            host["ips"].add(address)
        hosts.append(
            HostResult(
                address=address,
                hostnames=frozenset(host["names"]),
                ip_addresses=frozenset(host["ips"]),
                cve_ids=frozenset(host["cves"]),
                ports=frozenset(host["ports"]),
                findings=tuple(host["findings"]),
            )
        )
    return tuple(hosts)
