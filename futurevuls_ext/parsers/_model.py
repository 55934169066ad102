"""The common model every parser produces: findings, hosts, skipped records, reachability, reports."""

from __future__ import annotations

import enum
import ipaddress
import re

import attrs

from .._numbers import ascii_int

__all__ = [
    "Finding",
    "HostResult",
    "Port",
    "Reachability",
    "ScanReport",
    "Severity",
    "SkippedRecord",
    "Truncation",
    "is_ip",
]

_SEVERITY_WORDS: dict[str, int] = {
    "info": 0,
    "informational": 0,
    "information": 0,
    "none": 0,
    "i": 0,
    "unknown": 0,
    "low": 1,
    "l": 1,
    "medium": 2,
    "moderate": 2,
    "m": 2,
    "high": 3,
    "h": 3,
    "important": 3,
    "critical": 4,
    "c": 4,
    "urgent": 4,
}


class Severity(enum.IntEnum):
    """Severity on the Nessus scale: 0 Info, 1 Low, 2 Medium, 3 High, 4 Critical."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @classmethod
    def parse(cls, value: object) -> Severity | None:
        """Read a severity written as a number (0-4), a word or a letter; None when unreadable.

        Args:
            value: ``3``, ``"3"``, ``"High"``, ``"critical"``, ``"M"``, a :class:`Severity`, or None.

        Returns:
            The severity, or None for empty or unknown values (never raises).

        Example:
            >>> Severity.parse("High"), Severity.parse(" 4 "), Severity.parse("bogus")
            (<Severity.HIGH: 3>, <Severity.CRITICAL: 4>, None)
        """
        if isinstance(value, Severity):
            return value
        if isinstance(value, bool) or value is None:
            return None
        if isinstance(value, int):
            return cls(value) if 0 <= value <= 4 else None
        if isinstance(value, float):
            return cls(int(value)) if value.is_integer() and 0 <= value <= 4 else None
        if not isinstance(value, str):
            return None
        text = value.strip().lower()
        number = ascii_int(text)
        if number is not None:
            return cls(number) if 0 <= number <= 4 else None
        level = _SEVERITY_WORDS.get(text)
        return None if level is None else cls(level)


_IPV4 = re.compile(
    r"(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)", re.ASCII
)


def is_ip(value: str) -> bool:
    """True when ``value`` is an IPv4 or IPv6 literal (same answers as :func:`ipaddress.ip_address`).

    Digits are ASCII only: ``\u0663.\u0663.\u0663.\u0663`` is not an address.
    """
    if ":" not in value:
        return _IPV4.fullmatch(value) is not None
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return True


@attrs.frozen(kw_only=True, order=True)
class Port:
    """An open port of a host."""

    port: int
    """Port number (1-65535)."""
    protocol: str
    """Lower-case transport protocol: ``"tcp"``, ``"udp"``, ``"sctp"``..."""

    def __str__(self) -> str:
        return f"{self.port}/{self.protocol}"


class _FindingSlots:
    """The storage of :class:`Finding`: a slot for each of its 16 fields, with plain assignment.

    Private; only ``_speedups.new_finding`` uses it. ``Finding`` inherits these slots (attrs reuses a
    base class's slots and adds none, so ``Finding.__slots__ == ()`` and both have one layout), which
    lets the fast builder fill an instance of this class with ordinary attribute stores and then make
    it a ``Finding`` by assigning ``__class__``. Keep the names equal to Finding's fields
    (``tests/parsers/test_speedups.py`` checks it).
    """

    __slots__ = (
        "__weakref__",
        "address",
        "cpes",
        "cve_ids",
        "cvss",
        "hostnames",
        "ip",
        "ip_addresses",
        "port",
        "product",
        "protocol",
        "scanner",
        "service",
        "severity",
        "source_id",
        "title",
        "version",
    )


@attrs.frozen(kw_only=True)
class Finding(_FindingSlots):
    """One observation from a report: a host (and maybe a port) with zero or more CVE ids.

    A finding without CVEs is allowed: it records that a host or port was seen.
    """

    address: str
    """The report's own name for the target (IP, hostname, instance id, asset id)."""
    ip: str | None = None
    """The target's IP address, when the report gives one."""
    hostnames: tuple[str, ...] = ()
    """Every hostname the report gives for the target."""
    ip_addresses: tuple[str, ...] = ()
    """Every IP address the report gives for the target (including ``ip``)."""
    port: int | None = None
    """Port number; None for host-level findings."""
    protocol: str | None = None
    """Lower-case protocol of ``port``."""
    service: str | None = None
    """Service name on the port (``www``, ``ssh``, ``http``)."""
    product: str | None = None
    """Product name detected on the port (Nmap ``service/@product``)."""
    version: str | None = None
    """Product version detected on the port."""
    cpes: tuple[str, ...] = ()
    """CPE names the report attaches to the port or finding."""
    cve_ids: frozenset[str] = frozenset()
    """Normalised CVE ids (``CVE-YYYY-NNNN``) from structured fields only."""
    severity: Severity | None = None
    """Severity on the 0-4 scale, when the report gives one."""
    cvss: float | None = None
    """CVSS base score (v3 preferred over v2)."""
    source_id: str | None = None
    """The scanner's id for the check: Nessus pluginID, Qualys QID, nuclei template-id, NSE script id."""
    title: str | None = None
    """The check's title."""
    scanner: str = ""
    """Name of the parser that produced the finding (``"nessus"``, ``"nmap"``...)."""


class _HostSlots:
    """The storage of :class:`HostResult`: a slot for each of its 6 fields, with plain assignment.

    Private; only ``_grouping.HostGrouper`` uses it, the way ``_speedups.new_finding`` uses
    :class:`_FindingSlots`: it fills an instance of this class with ordinary attribute stores and then
    makes it a ``HostResult`` by assigning ``__class__`` (the frozen class's slot setters cost a method
    call each). Keep the names equal to HostResult's fields (``tests/parsers/test_grouping.py`` checks it).
    """

    __slots__ = ("__weakref__", "address", "cve_ids", "findings", "hostnames", "ip_addresses", "ports")


@attrs.frozen(kw_only=True)
class HostResult(_HostSlots):
    """Everything a report says about one target, merged from its findings."""

    address: str
    """The report's own name for the target (see the address rule in the docs)."""
    hostnames: frozenset[str]
    """Every hostname seen for the target."""
    ip_addresses: frozenset[str]
    """Every IP address seen for the target."""
    cve_ids: frozenset[str]
    """Union of the CVE ids of all findings."""
    ports: frozenset[Port]
    """Open ports seen."""
    findings: tuple[Finding, ...]
    """The findings, in report order."""

    def __repr__(self) -> str:
        """Address, names, counts and the first ports (the findings are in ``findings``)."""
        from ._report_display import host_repr

        return host_repr(self)

    def _repr_html_(self) -> str:
        from ._report_display import host_html

        return host_html(self)

    def matches(self, key: str) -> bool:
        """True when ``key`` is this host's address, one of its IPs, or one of its hostnames."""
        folded = key.lower()
        return (
            key == self.address
            or key in self.ip_addresses
            or any(name.lower() == folded for name in self.hostnames)
        )


@attrs.frozen(kw_only=True)
class SkippedRecord:
    """A record the parser did not use, with where it was and why."""

    location: str
    """Where in the file: ``"line 12"``, ``"ReportHost[3]"``, ``"host[5]/port 80/tcp"``."""
    reason: str
    """Why it was skipped."""


@attrs.frozen(kw_only=True)
class Reachability:
    """A network path to an instance's port (Amazon Inspector NETWORK_REACHABILITY)."""

    instance_id: str
    """EC2 instance id."""
    ip_addresses: frozenset[str] = frozenset()
    """IP addresses of the instance, when known."""
    port_start: int | None = None
    """First port of the open range."""
    port_end: int | None = None
    """Last port of the open range."""
    protocol: str | None = None
    """Lower-case protocol."""
    path_component_types: tuple[str, ...] = ()
    """Component types along the path, from its start (e.g. ``AWS::EC2::InternetGateway``)."""
    from_internet_gateway: bool = False
    """True when the path starts at an Internet Gateway."""
    via_load_balancer: bool = False
    """True when the path passes a load balancer."""
    via_peering_or_vpn: bool = False
    """True when the path passes VPC peering, a VPN or a transit gateway."""
    finding_id: str | None = None
    """The finding's ARN or id."""
    title: str | None = None
    """The finding's title."""


@attrs.frozen(kw_only=True)
class Truncation:
    """Where a report was cut off: only the hosts complete before that point were read."""

    source: str
    """The file (or ``"<stream>"``) that was cut off."""
    location: str
    """Where the cut is (``"line 1200"``, ``"byte 53211"``, ``"its end"``)."""
    reason: str
    """What the parser saw (an unclosed element, a broken line)."""


@attrs.frozen(kw_only=True)
class ScanReport:
    """A parsed report: hosts, plus what was skipped, warnings and reachability records."""

    format: str
    """Parser name that read the report (``"nessus"``, ``"qualys-csv"``...)."""
    source: str
    """File name, or ``"<stream>"``."""
    hosts: tuple[HostResult, ...] = ()
    """Hosts in the order the report first names them."""
    skipped: tuple[SkippedRecord, ...] = ()
    """Skipped records, detailed up to a cap (see ``skipped_count``)."""
    skipped_count: int = 0
    """How many records were skipped in total (may exceed ``len(skipped)``)."""
    warnings: tuple[str, ...] = ()
    """Warnings: truncation, dropped details, odd values."""
    reachability: tuple[Reachability, ...] = ()
    """Network reachability records (Amazon Inspector only)."""
    truncations: tuple[Truncation, ...] = ()
    """Where the report (or, for a merged report, each of its inputs) was cut off; empty when complete."""

    @property
    def truncated(self) -> bool:
        """True when the report, or any report merged into it, was cut off (pruning it is refused)."""
        return bool(self.truncations)

    def __repr__(self) -> str:
        """Format, source, counts and the first few hosts (the hosts themselves are in ``hosts``)."""
        from ._report_display import report_repr

        return report_repr(self)

    def _repr_html_(self) -> str:
        from ._report_display import report_html

        return report_html(self)

    @property
    def cve_ids(self) -> frozenset[str]:
        """Union of every host's CVE ids."""
        out: set[str] = set()
        for host in self.hosts:
            out |= host.cve_ids
        return frozenset(out)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding of every host."""
        return tuple(f for host in self.hosts for f in host.findings)

    def host(self, key: str) -> HostResult | None:
        """The host whose address, IP or hostname (case-insensitive) is ``key``; None if absent.

        The address wins over an IP, which wins over a hostname.
        """
        for host in self.hosts:
            if host.address == key:
                return host
        for host in self.hosts:
            if key in host.ip_addresses:
                return host
        for host in self.hosts:
            if host.matches(key):
                return host
        return None
