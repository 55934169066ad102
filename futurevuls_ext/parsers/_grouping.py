"""``HostGrouper``: findings merged into one :class:`HostResult` per host identity, as ``parse_report`` does.

Measured (issue 17 part 4, ``python -m bench`` and callgrind; its plain twin is
``_reference.group_hosts``, the previous implementation ``tests/parsers/_grouping_reference.py``):

- Reports list a host's findings together, so the loop keeps the previous finding's host entry and
  its hostnames / IP tuples in locals (parsers pass the same tuple objects for a host's findings), and
  a host is built when its first run of findings ends, its working sets dropped then (a host named
  again later is reopened). Qualys 100 MB: peak RSS of ``parse_report`` 104 -> 73 MB.
- A host's CVE ids are kept as the distinct ``cve_ids`` sets of its findings (parsers hand out one set
  object per distinct cell or check), united once per distinct combination; a host with one set keeps
  that set. Equal CVE and port sets of different hosts are stored once.
- A TCP port is kept as its number, any other as a ``(port, protocol)`` tuple, until the host is built
  (no tuple per finding; ``Port``'s attrs ``__hash__`` is Python code).
- The :class:`HostResult` is filled as a ``_model._HostSlots`` (its slot-only base class) with plain
  attribute stores and then given its class, as ``_speedups.new_finding`` builds a Finding: the frozen
  class's six slot setters were a method call each (~1.6 us of the ~8 us a Qualys host cost).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from .._identity import canonical_host, canonical_ip
from ._model import Finding, HostResult, Port, _HostSlots

__all__ = ["CVE_PARTS_HELD", "HostGrouper"]

CVE_PARTS_HELD: Final = 64
"""Distinct CVE sets a host holds before they are merged into one (memory stays bounded per host)."""

_new = object.__new__
_NO_CVES: frozenset[str] = frozenset()
_NO_PORTS: frozenset[Port] = frozenset()
_TCP: Final = "tcp"

# An open host: [address as first written, hostnames, IPs as written, distinct CVE sets, ports (a TCP
# port as its number, others as (port, protocol)), findings]
_Entry = list[Any]


def _merge_parts(parts: set[frozenset[str]]) -> None:
    """Replace a host's distinct CVE sets by their union (one set)."""
    union = frozenset().union(*parts)
    parts.clear()
    parts.add(union)


class HostGrouper:
    """Merges findings into one :class:`HostResult` per host identity (twin: ``_reference.group_hosts``).

    Findings whose addresses are spellings of one host (``WEB01`` / ``web01``, two IPv6 spellings,
    ``::ffff:10.0.0.1`` / ``10.0.0.1``) are one host (:func:`futurevuls_ext._identity.canonical_host`);
    an IP address is kept in its canonical spelling, a host name as the report first spelled it.

    Reports list a host's findings together, so a host is built when its first run of findings ends,
    and the run's working sets are dropped: memory holds finished hosts, not sets being filled. A host
    named again later is reopened and stays open until :meth:`hosts`. A host's CVE ids are kept as
    the distinct ``cve_ids`` sets of its findings, merged into one past :data:`CVE_PARTS_HELD`.

    With ``keep_findings=False`` only the merged sets are kept (hostnames, IPs, ports, CVEs), so memory
    grows with the number of hosts, not of findings: what an import of a 1 GB report needs.
    """

    def __init__(self, *, keep_findings: bool = True) -> None:
        self._keep = keep_findings
        self._acc: dict[str, HostResult | _Entry] = {}  # host identity -> the host, or its open entry
        self._keys: dict[str, str] = {}  # address as written -> its identity (canonical_host)
        self._unions: dict[frozenset[frozenset[str]], frozenset[str]] = {}  # CVE sets -> their union
        self._equal_cves: dict[frozenset[str], frozenset[str]] = {}  # equal sets are stored once
        self._port_sets: dict[frozenset[object], frozenset[Port]] = {}
        self._port_objects: dict[object, Port] = {}

    def __len__(self) -> int:
        return len(self._acc)

    def add(self, finding: Finding) -> None:
        """Merge one finding into its host."""
        self.add_all((finding,))

    def add_all(self, findings: Iterable[Finding]) -> None:
        """Merge every finding of ``findings`` (consumed as it streams; a raising iterable keeps the rest).

        The loop keeps the previous finding's host entry and its hostnames / IP tuples in locals: a report
        lists a host's findings together, and parsers pass the same (or equal: nuclei builds a fresh one
        per record) tuples for them, so those are merged once per host rather than once per finding.
        """
        acc, keys, build = self._acc, self._keys, self._build
        keep = self._keep
        held = CVE_PARTS_HELD
        last_address: str | None = None
        new_host: str | None = None  # identity of the host the current run names first: built at its end
        entry: _Entry = []
        names: set[str] = set()
        ips: set[str] = set()
        cves: set[frozenset[str]] = set()
        ports: set[object] = set()
        items: list[Finding] = []
        seen_names: object = None
        seen_ips: object = None
        seen_ip: object = None
        try:
            for f in findings:
                address = f.address
                if address != last_address:
                    if new_host is not None:
                        acc[new_host] = build(entry)
                        new_host = None
                    identity = keys.get(address)
                    if identity is None:
                        identity = keys[address] = canonical_host(address)
                    record: Any = acc.get(identity)
                    if record is None:
                        names, ips, cves, ports, items = set(), set(), set(), set(), []
                        entry = acc[identity] = [address, names, ips, cves, ports, items]
                        new_host = identity
                    else:
                        if record.__class__ is HostResult:
                            record = acc[identity] = _reopen(record)
                        entry = record
                        _, names, ips, cves, ports, items = entry
                    last_address = address
                    seen_names = seen_ips = ()  # (an empty tuple adds nothing: skipping it is right)
                    seen_ip = None
                value: Any = f.hostnames
                if value is not seen_names and value != seen_names:
                    seen_names = value
                    names.update(value)
                value = f.ip_addresses
                if value is not seen_ips and value != seen_ips:
                    seen_ips = value
                    ips.update(value)
                value = f.ip
                if value is not seen_ip:
                    seen_ip = value
                    if value:
                        ips.add(value)
                value = f.cve_ids
                if value:
                    cves.add(value)
                    if len(cves) > held:
                        _merge_parts(cves)
                value = f.port
                if value is not None:
                    protocol = f.protocol
                    if protocol == _TCP:
                        ports.add(value)
                    elif protocol:
                        ports.add((value, protocol))
                if keep:
                    items.append(f)
        finally:
            if new_host is not None:
                acc[new_host] = build(entry)

    def hosts(self) -> tuple[HostResult, ...]:
        """The hosts, in the order the report first named them."""
        build = self._build
        return tuple(
            record if record.__class__ is HostResult else build(record)  # type: ignore[arg-type]
            for record in self._acc.values()
        )

    def _build(self, entry: _Entry) -> HostResult:
        """The :class:`HostResult` of an open host's merged sets."""
        address, names, written_ips, cve_parts, ports, items = entry
        ip = canonical_ip(address)
        if ip is not None:
            address = ip
        if ip is not None and len(written_ips) == 1 and ip in written_ips:
            ip_set = frozenset(written_ips)
        else:
            canonical = set(map(canonical_ip, written_ips))  # (C-level: no frame per IP)
            if None in canonical:  # a value that is no IP literal is kept as written
                canonical = {canonical_ip(text) or text for text in written_ips}
            if ip is not None:
                canonical.add(ip)
            ip_set = frozenset(canonical)
        if not cve_parts:
            cve_set = _NO_CVES
        elif len(cve_parts) == 1:
            (only,) = cve_parts
            cve_set = self._equal_cves.setdefault(only, only)
        else:
            parts_key = frozenset(cve_parts)
            united = self._unions.get(parts_key)
            if united is None:
                union = frozenset().union(*cve_parts)
                united = self._unions[parts_key] = self._equal_cves.setdefault(union, union)
            cve_set = united
        if ports:
            ports_key = frozenset(ports)
            port_set = self._port_sets.get(ports_key)
            if port_set is None:
                port_set = self._port_sets[ports_key] = frozenset(map(self._port, ports))
        else:
            port_set = _NO_PORTS
        host: Any = _new(_HostSlots)  # HostResult(...) by plain slot stores, then its class (see above)
        host.address = address
        host.hostnames = frozenset(names)
        host.ip_addresses = ip_set
        host.cve_ids = cve_set
        host.ports = port_set
        host.findings = tuple(items)
        host.__class__ = HostResult
        built: HostResult = host
        return built

    def _port(self, key: object) -> Port:
        """The one :class:`Port` of a port key (a TCP port number or a ``(port, protocol)`` tuple)."""
        port = self._port_objects.get(key)
        if port is None:
            number, protocol = key if isinstance(key, tuple) else (key, _TCP)
            port = self._port_objects[key] = Port(port=number, protocol=protocol)
        return port


def _reopen(host: HostResult) -> _Entry:
    """The open entry of a built host, to merge more findings into."""
    return [
        host.address,
        set(host.hostnames),
        set(host.ip_addresses),
        {host.cve_ids} if host.cve_ids else set(),
        {port.port if port.protocol == _TCP else (port.port, port.protocol) for port in host.ports},
        list(host.findings),
    ]
