"""What every measured parser returns: host and CVE counts, so ours, peers and floors can be compared."""

from __future__ import annotations

import re
from collections.abc import Iterable

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
    """Accumulates CVE ids per host key."""

    def __init__(self) -> None:
        self.hosts: dict[str, set[str]] = {}

    def add(self, host: str, cves: Iterable[str] = ()) -> None:
        bucket = self.hosts.get(host)
        if bucket is None:
            bucket = self.hosts[host] = set()
        bucket.update(cves)

    def add_filtered(self, host: str, values: Iterable[object]) -> None:
        """Add only the values that are CVE ids (upper-cased, stripped); other ids are dropped."""
        self.add(host, ())
        bucket = self.hosts[host]
        for v in values:
            if isinstance(v, str):
                c = v.strip().upper()
                if CVE_RE.fullmatch(c):
                    bucket.add(c)

    def counts(self) -> Counts:
        every: set[str] = set()
        for s in self.hosts.values():
            every |= s
        return Counts(
            hosts=len(self.hosts), host_cves=sum(len(s) for s in self.hosts.values()), cves=len(every)
        )
