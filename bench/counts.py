"""What every measured parser returns: host and CVE counts, so ours, peers and floors can be compared."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import attrs

__all__ = ["CVE_RE", "Counts", "Tally"]

#: A CVE id as a user of any parser would filter one (peers put other ids in their "cve" fields).
CVE_RE = re.compile(r"CVE-\d{4}-\d{4,}")


@attrs.frozen(kw_only=True)
class Counts:
    """Hosts, (host, CVE) pairs and distinct CVE ids found in one file."""

    hosts: int
    host_cves: int
    cves: int


class Tally:
    """Accumulates the distinct CVE ids of each host key, in little memory.

    Each distinct CVE id gets a bit number; a host holds one int used as a bit set. A 1 GB report has
    tens of thousands of hosts but only hundreds of distinct CVE ids, so this costs a few MB where a
    ``set`` of strings per host would cost hundreds (and be charged to the parser's peak RSS).
    """

    def __init__(self) -> None:
        self._bit: dict[str, int] = {}
        self._hosts: dict[str, int] = {}

    @classmethod
    def from_sets(cls, hosts: Mapping[str, Iterable[str]]) -> Tally:
        tally = cls()
        for host, cves in hosts.items():
            tally.add(host, cves)
        return tally

    def add(self, host: str, cves: Iterable[str] = ()) -> None:
        mask = self._hosts.get(host, 0)
        bits = self._bit
        for c in cves:
            b = bits.get(c)
            if b is None:
                b = bits[c] = 1 << len(bits)
            mask |= b
        self._hosts[host] = mask

    def add_filtered(self, host: str, values: Iterable[object]) -> None:
        """Add only the values that are CVE ids (upper-cased, stripped); other ids are dropped."""
        cves = []
        for v in values:
            if isinstance(v, str):
                c = v.strip().upper()
                if CVE_RE.fullmatch(c):
                    cves.append(c)
        self.add(host, cves)

    def counts(self) -> Counts:
        every = 0
        pairs = 0
        for mask in self._hosts.values():
            every |= mask
            pairs += mask.bit_count()
        return Counts(hosts=len(self._hosts), host_cves=pairs, cves=every.bit_count())
