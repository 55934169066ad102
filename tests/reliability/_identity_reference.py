"""Reference twins of the host-identity fast paths: the plain implementations before issue 18.

Nothing in the package calls these. ``tests/reliability/test_identity_fast.py`` checks that
:func:`futurevuls_ext._identity.canonical_ip`, :func:`~futurevuls_ext._identity.canonical_name`,
:func:`futurevuls_ext.parsers._target.split_target` and :func:`futurevuls_ext.parsers._hostid.identity`
give exactly what these give, for every input.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable

from futurevuls_ext._numbers import ascii_port
from futurevuls_ext.parsers._speedups import Identity
from futurevuls_ext.parsers._target import Target

_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_CANONICAL_IPV4 = re.compile(rf"(?:{_OCTET}\.){{3}}{_OCTET}", re.ASCII)
_IPV4_CHARS = frozenset("0123456789.")
_PLACEHOLDERS = frozenset({"", "-", "n/a", "na", "none", "null", "unknown", "no registered hostname"})


def canonical_ip(value: str) -> str | None:
    """The twin of ``canonical_ip``: the IPv4 regex, then :mod:`ipaddress`."""
    text = value.strip()
    if ":" not in text:
        if not text or not _IPV4_CHARS.issuperset(text):
            return None
        if _CANONICAL_IPV4.fullmatch(text):
            return text
    if not text.isascii():
        return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(address)


def canonical_name(value: str) -> str:
    """The twin of ``canonical_name``."""
    text = value.strip().rstrip(".")
    if text.isascii():
        return text.lower()
    try:
        return text.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return text.casefold()


def _port(text: str) -> int | None:
    return ascii_port(text) if text.isascii() and text.isdigit() else None


def _authority(authority: str) -> tuple[str | None, int | None, bool]:
    authority = authority.rsplit("@", 1)[-1]
    port: int | None = None
    if authority.startswith("["):
        host, _, after = authority[1:].partition("]")
        if after.startswith(":"):
            port = _port(after[1:])
    elif authority.count(":") == 1:
        host, _, port_text = authority.partition(":")
        port = _port(port_text)
    else:
        host = authority
    host = host.strip().rstrip(".")
    if not host:
        return None, port, False
    ip = canonical_ip(host)
    if ip is not None:
        return ip, port, True
    return canonical_name(host), port, False


def split_target(value: str) -> Target:
    """The twin of ``split_target``: scheme, then the authority up to the first ``/``, ``?`` or ``#``."""
    text = value.strip()
    if text.startswith("/") and "://" in text:
        text = text.lstrip("/")
    scheme: str | None = None
    cut = text.find("://")
    if cut >= 0:
        scheme = text[:cut].lower() or None
        text = text[cut + 3 :]
    end = len(text)
    for sep in "/?#":
        found = text.find(sep, 0, end)
        if found >= 0:
            end = found
    host, port, is_ip = _authority(text[:end])
    return Target(host, port, scheme, is_ip)


def identity(ips: Iterable[str | None], names: Iterable[str | None]) -> Identity | None:
    """The twin of ``identity``: every candidate through the one loop."""
    out_ips: list[str] = []
    out_names: list[str] = []
    late: list[str] = []
    for values, spill in ((ips, late), (names, out_names)):
        for value in values:
            if not value:
                continue
            text = value.strip()
            if text.lower() in _PLACEHOLDERS:
                continue
            ip = canonical_ip(text)
            if ip is not None:
                if ip not in out_ips:
                    out_ips.append(ip)
            elif text not in spill:
                spill.append(text)
    if late:
        out_names.extend(name for name in late if name not in out_names)
    if out_ips:
        return out_ips[0], out_ips[0], tuple(out_names), tuple(out_ips)
    if out_names:
        return out_names[0], None, tuple(out_names), ()
    return None
