"""Hypothesis strategies for scan results, and byte mutations of report files.

A generated :class:`GenHost` has one IP (v4 or v6), maybe a host name, and at least one open port,
each port carrying 0-4 CVE ids; ``_render`` writes them as reports.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from hypothesis import strategies as st

__all__ = [
    "GenHost",
    "GenPort",
    "apply_mutations",
    "hosts_strategy",
    "mutations_strategy",
]


@attrs.frozen(kw_only=True)
class GenPort:
    """An open port and the CVEs found on it."""

    port: int
    protocol: str
    cves: tuple[str, ...]


@attrs.frozen(kw_only=True)
class GenHost:
    """A scanned host: its IP, an optional DNS name, its ports, and an EC2 instance id."""

    ip: str
    hostname: str | None
    ports: tuple[GenPort, ...]
    instance: str

    @property
    def cves(self) -> frozenset[str]:
        """Every CVE of every port."""
        return frozenset(c for p in self.ports for c in p.cves)

    @property
    def target(self) -> str:
        """The name an ASM tool would report it by: the host name, else the IP."""
        return self.hostname or self.ip


_cve = st.builds(
    lambda year, num: f"CVE-{year}-{num:04d}", st.integers(1999, 2030), st.integers(1, 9_999_999)
)
_port = st.builds(
    GenPort,
    port=st.integers(1, 65535),
    protocol=st.sampled_from(["tcp", "udp"]),
    cves=st.lists(_cve, max_size=4, unique=True).map(tuple),
)
_label = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8).filter(
    lambda s: not s.isdigit()
)
_hostname = st.lists(_label, min_size=1, max_size=2).map(
    lambda labels: ".".join([*labels, "example", "test"])
)
_ip = st.one_of(
    st.ip_addresses(v=4, network="10.0.0.0/8"),
    st.ip_addresses(v=4, network="198.51.100.0/24"),
    st.ip_addresses(v=6, network="2001:db8::/32"),
).map(str)


@st.composite
def _host(draw: st.DrawFn, index: int) -> GenHost:
    ports = draw(st.lists(_port, min_size=1, max_size=4, unique_by=lambda p: (p.port, p.protocol)))
    return GenHost(
        ip=draw(_ip),
        hostname=draw(st.none() | _hostname),
        ports=tuple(ports),
        instance=f"i-{index:017x}",
    )


@st.composite
def hosts_strategy(draw: st.DrawFn, *, max_hosts: int = 5) -> list[GenHost]:
    """1..max_hosts hosts with distinct IPs, names and instance ids."""
    count = draw(st.integers(1, max_hosts))
    hosts: list[GenHost] = []
    ips: set[str] = set()
    names: set[str] = set()
    for index in range(count):
        host = draw(_host(index + 1))
        if host.ip in ips or (host.hostname is not None and host.hostname in names):
            continue
        ips.add(host.ip)
        if host.hostname:
            names.add(host.hostname)
        hosts.append(host)
    return hosts


# -- mutations -------------------------------------------------------------------------------------

_INSERTS = [
    *(bytes([c]) for c in b"<>&\"',\n\r{}[]:\x00\xff\xc3"),
    *(b"&x;", b"<!ENTITY x 'y'>", b"]]>", b"<![CDATA[", b"\\u0000", b"-1e999"),
]
_op = st.tuples(
    st.sampled_from(["flip", "truncate", "insert", "delete", "duplicate"]),
    st.floats(0.0, 1.0),
    st.integers(0, 255),
    st.sampled_from(_INSERTS) | st.binary(min_size=1, max_size=8),
)
mutations_strategy = st.lists(_op, min_size=1, max_size=4)
"""A few mutations: (kind, relative position, a byte value, bytes to insert)."""


def apply_mutations(data: bytes, ops: Sequence[tuple[str, float, int, bytes]]) -> bytes:
    """Apply byte flips, truncations, insertions, deletions and duplications to ``data``."""
    buf = bytearray(data)
    for kind, where, value, insert in ops:
        pos = min(int(where * len(buf)), max(len(buf) - 1, 0))
        if kind == "flip" and buf:
            buf[pos] ^= value or 1
        elif kind == "truncate":
            del buf[pos:]
        elif kind == "insert":
            buf[pos:pos] = insert
        elif kind == "delete":
            del buf[pos : pos + 1 + value % 16]
        elif kind == "duplicate":
            buf[pos:pos] = buf[pos : pos + 1 + value]
    return bytes(buf)
