"""One host identity: the canonical spelling of an IP address or host name, shared by parsers and matching.

Every place that compares hosts (grouping findings into hosts, merging reports, grouping an import's
targets, matching hosts to FutureVuls servers, server maps, truth files) goes through these functions,
so two spellings of one host are one host everywhere:

* IP addresses: ASCII digits only (``٣.٣.٣.٣`` and fullwidth digits are not addresses), IPv4 as a dotted
  quad, IPv6 compressed and lower-case (``2001:DB8:0::1`` -> ``2001:db8::1``), and an IPv4-mapped IPv6
  address is its IPv4 address (``::FFFF:10.0.0.1`` and ``::ffff:a00:1`` -> ``10.0.0.1``).
* Host names: stripped of a trailing dot, internationalised names in their IDNA (punycode) form, then
  case-folded (``Bücher.Example`` and ``xn--bcher-kva.example`` -> ``xn--bcher-kva.example``;
  ``WEB01`` and ``web01`` -> ``web01``).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

__all__ = ["NAME_END", "canonical_host", "canonical_ip", "canonical_name", "is_ip_literal"]

_OCTETS = frozenset(str(number) for number in range(256))
"""Every octet as ``str(ipaddress.ip_address(...))`` writes it: 0-255, ASCII, no leading zeros."""
_DIGITS = frozenset("0123456789")
_IPV4_CHARS = frozenset("0123456789.")
NAME_END = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_")
"""Last characters that make a stripped string without ``:`` a host name, never an IP literal."""


@lru_cache(maxsize=1 << 14)
def canonical_ip(value: str) -> str | None:
    """``value`` as a canonical IP literal, or None when it is not an IP address.

    Only ASCII digits count; IPv6 is compressed and lower-case; an IPv4-mapped IPv6 address becomes its
    IPv4 address.

    Example:
        >>> canonical_ip("::FFFF:10.0.0.1"), canonical_ip("2001:DB8:0::1"), canonical_ip("web01")
        ('10.0.0.1', '2001:db8::1', None)
    """
    text = value.strip()
    if ":" not in text:
        if text[-1:] not in _DIGITS:
            return None  # a host name (or nothing): an IPv4 literal ends in an ASCII digit
        parts = text.split(".")
        if len(parts) == 4 and _OCTETS.issuperset(parts):
            return text  # already what str(ip_address(text)) gives
        if not _IPV4_CHARS.issuperset(text):
            return None  # a host name such as web01, without the cost of a ValueError
    if not text.isascii():
        return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(address)


def is_ip_literal(value: str) -> bool:
    """True when ``value`` is an IPv4 or IPv6 literal written with ASCII digits."""
    return canonical_ip(value) is not None


@lru_cache(maxsize=1 << 14)
def canonical_name(value: str) -> str:
    """A host name in its canonical form: no trailing dot, IDNA (punycode) labels, case-folded.

    A name IDNA cannot encode (an empty or over-long label, a forbidden character) is only case-folded.

    Example:
        >>> canonical_name("Bücher.Example."), canonical_name("WEB01")
        ('xn--bcher-kva.example', 'web01')
    """
    text = value.strip().rstrip(".")
    if text.isascii():
        return text.lower()
    try:
        return text.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return text.casefold()


def canonical_host(value: str) -> str:
    """The canonical IP literal when ``value`` is an IP address, else its canonical host name.

    Example:
        >>> canonical_host(" ::ffff:a00:1 "), canonical_host("Web01.Example.COM")
        ('10.0.0.1', 'web01.example.com')
    """
    ip = canonical_ip(value)
    return ip if ip is not None else canonical_name(value)
