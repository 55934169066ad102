"""Validation of the one address an Nmap job scans (no CIDR, no ranges, no options)."""

from __future__ import annotations

import ipaddress

from .._exceptions import ConfigError
from .._identity import canonical_ip

__all__ = ["normalize_ip"]


def normalize_ip(text: str, *, where: str = "IP") -> str:
    """The canonical spelling of a single IPv4 or IPv6 address; raises :class:`ConfigError` otherwise.

    Like the article's ``uploadScanResult.py``, a job scans exactly one address: CIDR blocks, ranges and
    hostnames are refused, and so is anything starting with ``-`` (it would reach nmap as an option).

    Args:
        text: the address as the user wrote it.
        where: what to call it in the error message (``"IP"``, ``"mapping.txt, line 3"``...).

    Example:
        >>> normalize_ip(" 2001:DB8::0:1 ")
        '2001:db8::1'
    """
    value = text.strip()
    if value.startswith("-"):
        raise ConfigError(f"{where}: {text!r} looks like an option, not an IP address")
    if "/" in value:
        raise ConfigError(
            f"{where}: {text!r} is a network; the Nmap job scans one address at a time (no CIDR), "
            "add each address separately"
        )
    try:
        # IPv4: the shared canonical_ip (ASCII digits only; a dotted quad costs one regex match, which
        # keeps a million-line mapping file fast to load); IPv6: compressed, as it always was here
        address = canonical_ip(value) if ":" not in value else ipaddress.ip_address(value).compressed
    except ValueError:
        address = None
    if address is None:
        raise ConfigError(
            f"{where}: {text!r} is not a single IPv4 or IPv6 address (hostnames and ranges are not accepted)"
        )
    return address
