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
- :func:`paused_gc`: no cyclic garbage collection while a report is grouped. Grouping keeps every
  finding and host set alive, so each automatic collection re-scans a growing heap of objects that
  cannot be cyclic garbage (frozen findings, strings, tuples): ~25% of ``parse_report`` on a large
  Qualys CSV. When the block ends, what it created is moved to the oldest generation (``gc.freeze()``
  then ``gc.unfreeze()``), where objects that survive two young collections end up anyway; without
  that, the first young collection after the block scans the whole report once and finds nothing
  (0.10-0.16 s of a 1.7 s Qualys ``parse_report``, 0.04-0.08 s of nuclei's 0.8 s). Garbage cycles
  among those objects are still freed, by the next full collection.
- :class:`BoundedCache`: a memo table that empties itself past :data:`CACHE_ENTRIES` keys or
  :data:`CACHE_CHARS` characters of key text, so repeated cells (a Qualys host's identity cells, its
  QID detail cells; nuclei's CVE lists and port strings) are converted once while a hostile file of
  unique or very long cells cannot grow memory without bound.

Grouping findings into hosts (``HostGrouper``) has its own module, :mod:`._grouping`.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, Final, Generic, TypeVar

from ._model import Finding, Severity, _FindingSlots

__all__ = [
    "CACHE_CHARS",
    "CACHE_ENTRIES",
    "BoundedCache",
    "Detail",
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

CACHE_CHARS: Final = 1 << 22
"""Characters of key text a :class:`BoundedCache` holds before it starts over (4 Mi: a few MB of strings)."""

Identity = tuple[str, str | None, tuple[str, ...], tuple[str, ...]]
"""(address, ip, hostnames, ip_addresses) of a host, as ``_hostid.identity`` builds it."""
Detail = tuple[int | None, str | None, frozenset[str], Severity | None, float | None, str | None, str | None]
"""(port, protocol, CVE ids, severity, CVSS, source id, title) of a finding, as a parser's memo builds it."""

_new = object.__new__
_NO_CVES: frozenset[str] = frozenset()


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
    """``cache(key)``: ``make(key)``, computed once per key; a memo table of report text that stays small.

    It starts over past ``entries`` keys or past ``chars`` characters of key text (a tuple key counts
    the length of its ``repr``), whichever comes first: repeated cells are converted once, while a
    hostile file of distinct cells, however long, cannot grow memory without bound. Only a miss
    measures its key; a hit is a plain ``dict`` lookup.
    """

    def __init__(
        self, make: Callable[[K], V], *, entries: int = CACHE_ENTRIES, chars: int = CACHE_CHARS
    ) -> None:
        super().__init__()
        self._make = make
        self._entries = entries
        self._chars = chars
        self._held = 0

    def __missing__(self, key: K) -> V:
        if isinstance(key, str):
            size = len(key)
        else:  # a tuple: the text of its parts when they are strings, else of its repr
            try:
                size = len("".join(key))  # type: ignore[arg-type]
            except TypeError:
                size = len(repr(key))
        if len(self) >= self._entries or self._held + size > self._chars:
            self.clear()
            self._held = 0
        self._held += size
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
