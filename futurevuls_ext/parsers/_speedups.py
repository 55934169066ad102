"""Speed tricks of the parsers' hot loops, all here; their plain twins are in :mod:`._reference`.

Each trick below is kept because ``python -m bench`` measured it (see ``bench/README.md``, issue 17 and
12.4); ``tests/parsers/test_speedups.py`` checks every one against its plain twin in ``_reference``.
Parsers call these as ordinary functions and read as plain code:

- :func:`new_finding`: builds a :class:`Finding` with 16 plain attribute stores. The attrs ``__init__``
  of a frozen class goes through ``object.__setattr__`` by name for each of the 16 fields (~4 us a
  finding); the builder fills a ``_model._FindingSlots`` (Finding's slot-only base: same layout, no
  frozen ``__setattr__``), whose stores are the interpreter's fast slot stores, and then assigns
  ``__class__ = Finding`` (~1 us; calling the 16 slot descriptors' ``__set__`` was ~2.5 us).
- :func:`detail_finding`, :func:`web_finding`: the same build from the (identity, detail) tuples the
  CSV and XML parsers memoise, unpacked straight into the slots; positional, because matching 13-16
  keyword arguments is ~0.4 us of a ``new_finding`` call (callgrind: a third of what a Nessus CSV row
  costs beyond ``csv.reader``).
- :class:`HostGrouper`: merges findings into hosts with the previous finding's host entry reused (a
  report lists a host's findings together) and each host built when its first run of findings ends
  (its working sets dropped then), ports kept as ``(port, protocol)`` tuples until then (``Port``'s
  attrs ``__hash__`` is Python code), a host's CVE ids kept as the distinct ``cve_ids`` sets of its
  findings (parsers hand out one set object per distinct cell) and united once per distinct
  combination, equal CVE / port sets of different hosts stored once. Qualys 100 MB: peak RSS of
  ``parse_report`` 133 -> 73 MB (``keep_findings=False``: 104 -> 48 MB), 3% fewer instructions.
- :func:`paused_gc`: no cyclic garbage collection while a report is grouped. Grouping keeps every
  finding and host set alive, so each automatic collection re-scans a growing heap of objects that
  cannot be cyclic garbage (frozen findings, strings, tuples): ~25% of ``parse_report`` on a large
  Qualys CSV. When the block ends, what it created is moved to the oldest generation (``gc.freeze()``
  then ``gc.unfreeze()``), where objects that survive two young collections end up anyway; without
  that, the first young collection after the block scans the whole report once and finds nothing
  (0.10-0.16 s of a 1.7 s Qualys ``parse_report``, 0.04-0.08 s of nuclei's 0.8 s). Garbage cycles
  among those objects are still freed, by the next full collection.
- :class:`BoundedCache`: a memo table that empties itself past :data:`CACHE_ENTRIES`, so repeated
  cells (a Qualys host's identity cells, its QID detail cells; nuclei's CVE lists and port strings)
  are converted once while a hostile file of unique cells cannot grow memory without bound.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Final, Generic, TypeVar

import attrs

from .._identity import canonical_host, canonical_ip
from ._model import Finding, HostResult, Port, Severity, _FindingSlots

__all__ = [
    "CACHE_ENTRIES",
    "CVE_PARTS_HELD",
    "BoundedCache",
    "Detail",
    "HostGrouper",
    "Identity",
    "detail_finding",
    "new_finding",
    "paused_gc",
    "web_finding",
]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

CACHE_ENTRIES: Final = 1 << 16
"""Entries a :class:`BoundedCache` holds before it starts over (a few MB at most)."""

Identity = tuple[str, str | None, tuple[str, ...], tuple[str, ...]]
"""(address, ip, hostnames, ip_addresses) of a host, as ``_hostid.identity`` builds it."""
Detail = tuple[int | None, str | None, frozenset[str], Severity | None, float | None, str | None, str | None]
"""(port, protocol, CVE ids, severity, CVSS, source id, title) of a finding, as a parser's memo builds it."""

_new = object.__new__
_NO_CVES: frozenset[str] = frozenset()
_HOST_SLOTS: tuple[Callable[[HostResult, Any], None], ...] = tuple(
    HostResult.__dict__[field.name].__set__ for field in attrs.fields(HostResult)
)
"""The slot setters of :class:`HostResult`, in field order."""


def new_finding(
    *,
    address: str,
    ip: str | None = None,
    hostnames: tuple[str, ...] = (),
    ip_addresses: tuple[str, ...] = (),
    port: int | None = None,
    protocol: str | None = None,
    service: str | None = None,
    product: str | None = None,
    version: str | None = None,
    cpes: tuple[str, ...] = (),
    cve_ids: frozenset[str] = _NO_CVES,
    severity: Severity | None = None,
    cvss: float | None = None,
    source_id: str | None = None,
    title: str | None = None,
    scanner: str = "",
) -> Finding:
    """``Finding(...)`` with the same keywords and defaults, built by plain attribute stores.

    The result is an ordinary, frozen ``Finding`` (same class, equality, hash, repr, pickling). It is
    filled as a ``_FindingSlots`` (Finding's slot-only base class, which has no frozen ``__setattr__``)
    and then given its class. No attrs validators run (Finding has none).
    """
    slots: Any = _new(_FindingSlots)
    slots.address = address
    slots.ip = ip
    slots.hostnames = hostnames
    slots.ip_addresses = ip_addresses
    slots.port = port
    slots.protocol = protocol
    slots.service = service
    slots.product = product
    slots.version = version
    slots.cpes = cpes
    slots.cve_ids = cve_ids
    slots.severity = severity
    slots.cvss = cvss
    slots.source_id = source_id
    slots.title = title
    slots.scanner = scanner
    slots.__class__ = Finding
    finding: Finding = slots
    return finding


def detail_finding(who: Identity, detail: Detail, scanner: str, service: str | None = None) -> Finding:
    """The finding of a host identity and a detail tuple (CSV row, Qualys detection, OpenVAS result).

    What :func:`new_finding` builds from the tuples' fields, without its 16 keyword arguments (matching
    them is most of a keyword call's cost): the tuples are unpacked straight into the slots.
    """
    slots: Any = _new(_FindingSlots)
    slots.address, slots.ip, slots.hostnames, slots.ip_addresses = who
    slots.port, slots.protocol, slots.cve_ids, slots.severity, slots.cvss, slots.source_id, slots.title = (
        detail
    )
    slots.service = service
    slots.product = slots.version = None
    slots.cpes = ()
    slots.scanner = scanner
    slots.__class__ = Finding
    finding: Finding = slots
    return finding


def web_finding(
    who: Identity,
    port: int | None,
    scheme: str | None,
    detail: tuple[frozenset[str], Severity | None, str | None, str | None],
    scanner: str,
) -> Finding:
    """A web scanner's finding (Burp, ZAP): the target's host, its TCP port, the URL scheme as the service.

    ``detail`` is (CVE ids, severity, source id, title); no CVSS. Built like :func:`detail_finding`.
    """
    slots: Any = _new(_FindingSlots)
    slots.address, slots.ip, slots.hostnames, slots.ip_addresses = who
    slots.cve_ids, slots.severity, slots.source_id, slots.title = detail
    slots.port = port
    slots.protocol = "tcp" if port is not None else None
    slots.service = scheme
    slots.product = slots.version = slots.cvss = None
    slots.cpes = ()
    slots.scanner = scanner
    slots.__class__ = Finding
    finding: Finding = slots
    return finding


class BoundedCache(dict[K, V], Generic[K, V]):
    """``cache(key)``: ``make(key)``, computed once per key; starts over past :data:`CACHE_ENTRIES`."""

    def __init__(self, make: Callable[[K], V], *, entries: int = CACHE_ENTRIES) -> None:
        super().__init__()
        self._make = make
        self._entries = entries

    def __missing__(self, key: K) -> V:
        if len(self) >= self._entries:
            self.clear()
        value = self[key] = self._make(key)
        return value

    def __call__(self, key: K) -> V:
        """The value for ``key`` (``cache[key]`` also works)."""
        return self[key]


class _GcPauses:
    """How many :func:`paused_gc` blocks are open, and whether collection was on before the first."""

    lock = threading.Lock()
    open_blocks = 0
    was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """No automatic cyclic garbage collection inside the block (nested and threaded use is safe).

    Collection is switched back on when the last concurrent block ends, unless it was off before the
    first one started. Then every tracked object is moved to the oldest generation (left to the next
    full collection) instead of being scanned by the next young one; skipped when the program has
    frozen objects of its own (``gc.freeze()``, as pre-fork servers do), which must stay frozen.
    """
    state = _GcPauses
    with state.lock:
        if state.open_blocks == 0:
            state.was_enabled = gc.isenabled()
            gc.disable()
        state.open_blocks += 1
    try:
        yield
    finally:
        with state.lock:
            state.open_blocks -= 1
            if state.open_blocks == 0 and state.was_enabled:
                if gc.get_freeze_count() == 0:
                    gc.freeze()  # every tracked object to the permanent generation,
                    gc.unfreeze()  # and from there to the oldest one
                gc.enable()


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
