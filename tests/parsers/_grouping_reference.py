"""Reference twin of the host grouping: ``_speedups.HostGrouper`` as it was before issue 17 part 4.

Nothing in the package calls this. ``tests/parsers/test_grouping.py`` checks that
:class:`futurevuls_ext.parsers._grouping.HostGrouper` (and so ``parse_report``) gives exactly the hosts
this gives, for every format's fixtures and for generated findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Final

import attrs

from futurevuls_ext._identity import canonical_host, canonical_ip
from futurevuls_ext.parsers._model import Finding, HostResult, Port

__all__ = ["HostGrouper"]

_new = object.__new__
_HOST_SLOTS: tuple[Callable[[HostResult, Any], None], ...] = tuple(
    getattr(HostResult, field.name).__set__ for field in attrs.fields(HostResult)
)

_Entry = tuple[set[str], set[str], set[frozenset[str]], set[tuple[int, str]], list[Finding]]

CVE_PARTS_HELD: Final = 64
"""Distinct CVE sets a host holds before they are merged into one (memory stays bounded per host)."""


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
    the distinct ``cve_ids`` sets of its findings (parsers hand out one set object per distinct cell
    or check), merged into one past :data:`CVE_PARTS_HELD`; each distinct combination is united once,
    and equal CVE and port sets of different hosts are stored once.

    With ``keep_findings=False`` only the merged sets are kept (hostnames, IPs, ports, CVEs), so memory
    grows with the number of hosts, not of findings: what an import of a 1 GB report needs.
    """

    def __init__(self, *, keep_findings: bool = True) -> None:
        self._keep = keep_findings
        self._acc: dict[str, HostResult | _Entry] = {}  # host identity -> the host, or its open sets
        self._keys: dict[str, str] = {}  # address as written -> its identity (canonical_host)
        self._shown: dict[str, tuple[str, bool]] = {}  # identity -> (the HostResult's address, is an IP)
        self._unions: dict[frozenset[frozenset[str]], frozenset[str]] = {}  # CVE sets -> their union
        self._equal_cves: dict[frozenset[str], frozenset[str]] = {}  # equal unions are stored once
        self._port_sets: dict[frozenset[tuple[int, str]], frozenset[Port]] = {}
        self._port_objects: dict[tuple[int, str], Port] = {}

    def __len__(self) -> int:
        return len(self._acc)

    def add(self, finding: Finding) -> None:
        """Merge one finding into its host."""
        self.add_all((finding,))

    def add_all(self, findings: Iterable[Finding]) -> None:
        """Merge every finding of ``findings`` (consumed as it streams; a raising iterable keeps the rest).

        The loop keeps the previous finding's host entry and its hostnames / IP tuples in locals: a report
        lists a host's findings together, and parsers pass the same tuple objects for them, so those are
        merged once per host rather than once per finding.
        """
        acc, keys, shown = self._acc, self._keys, self._shown
        keep = self._keep
        held = CVE_PARTS_HELD
        last_address: str | None = None
        new_host: str | None = None  # identity of the host the current run names first: built at its end
        entry: _Entry = (set(), set(), set(), set(), [])
        names, ips, cves, ports, items = entry
        seen_names: object = None
        seen_ips: object = None
        seen_ip: object = None
        try:
            for f in findings:
                address = f.address
                if address != last_address:
                    if new_host is not None:
                        acc[new_host] = self._build(new_host, entry)
                        new_host = None
                    identity = keys.get(address)
                    if identity is None:
                        identity = keys[address] = canonical_host(address)
                    record = acc.get(identity)
                    if record is None:
                        entry = acc[identity] = (set(), set(), set(), set(), [])
                        ip = canonical_ip(address)
                        shown[identity] = (ip, True) if ip else (address, False)
                        new_host = identity
                    elif isinstance(record, HostResult):
                        entry = acc[identity] = _reopen(record)
                    else:
                        entry = record
                    names, ips, cves, ports, items = entry
                    last_address = address
                    seen_names = seen_ips = seen_ip = None
                value: Any = f.hostnames
                if value is not seen_names:
                    seen_names = value
                    names.update(value)
                value = f.ip_addresses
                if value is not seen_ips:
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
                if value is not None and f.protocol:
                    ports.add((value, f.protocol))
                if keep:
                    items.append(f)
        finally:
            if new_host is not None:
                acc[new_host] = self._build(new_host, entry)

    def hosts(self) -> tuple[HostResult, ...]:
        """The hosts, in the order the report first named them."""
        build = self._build
        return tuple(
            record if isinstance(record, HostResult) else build(identity, record)
            for identity, record in self._acc.items()
        )

    def _build(self, identity: str, entry: _Entry) -> HostResult:
        """The :class:`HostResult` of a host's merged sets."""
        names, written_ips, cve_parts, ports, items = entry
        address, address_is_ip = self._shown[identity]
        ips = {canonical_ip(ip) or ip for ip in written_ips}
        if address_is_ip:
            ips.add(address)
        parts_key = frozenset(cve_parts)
        cve_set = self._unions.get(parts_key)
        if cve_set is None:
            union = frozenset().union(*cve_parts)
            cve_set = self._unions[parts_key] = self._equal_cves.setdefault(union, union)
        ports_key = frozenset(ports)
        port_set = self._port_sets.get(ports_key)
        if port_set is None:
            known = self._port_objects
            port_set = self._port_sets[ports_key] = frozenset(
                known.get(key) or known.setdefault(key, Port(port=key[0], protocol=key[1])) for key in ports
            )
        host: HostResult = _new(HostResult)  # HostResult(...) with its slots set directly, in field order
        fields = (address, frozenset(names), frozenset(ips), cve_set, port_set, tuple(items))
        for set_slot, value in zip(_HOST_SLOTS, fields, strict=True):
            set_slot(host, value)
        return host


def _reopen(host: HostResult) -> _Entry:
    """The merged sets of a built host, to merge more findings into."""
    return (
        set(host.hostnames),
        set(host.ip_addresses),
        {host.cve_ids} if host.cve_ids else set(),
        {(port.port, port.protocol) for port in host.ports},
        list(host.findings),
    )
