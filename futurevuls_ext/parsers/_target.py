"""Reading a target out of a URL-ish string: ``https://h:8443/x``, ``h:22``, ``[2001:db8::1]:80``, ``h``.

Shared by the parsers whose records name their target by URL or ``host:port`` (nuclei, CyCognito,
Qualys WAS, the generic asm-json shape). Pure string handling: nothing is resolved over the network.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .._identity import NAME_END, canonical_ip, canonical_name
from .._numbers import ascii_port

__all__ = [
    "DEFAULT_PORTS",
    "ORIGIN",
    "Target",
    "authority_host",
    "canonical_ip",
    "split_origin",
    "split_target",
]

DEFAULT_PORTS: dict[str, int] = {"http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21, "ssh": 22}
"""Default port of a URL scheme (used only when the URL names no explicit port)."""


class Target(NamedTuple):
    """The parts of a target string."""

    host: str | None
    """Host name (lower-case) or canonical IP literal; None when the string names no host."""
    port: int | None
    """The explicit port, when the string has one (1-65535)."""
    scheme: str | None
    """The lower-case URL scheme, when the string has one."""
    is_ip: bool
    """True when ``host`` is an IP literal."""

    @property
    def default_port(self) -> int | None:
        """The explicit port, else the scheme's default port, else None."""
        if self.port is not None:
            return self.port
        return DEFAULT_PORTS.get(self.scheme or "")


def _port(text: str) -> int | None:
    return ascii_port(text) if text.isascii() and text.isdigit() else None


_new_target = tuple.__new__  # Target(...) without the generated Python-level __new__


def _authority_parts(authority: str) -> tuple[str | None, int | None, bool]:
    """(host, explicit port, is_ip) of ``host``, ``host:port``, ``[v6]:port`` or a bare IPv6 literal."""
    if "@" in authority:
        authority = authority.rsplit("@", 1)[-1]
    port: int | None = None
    if authority[:1] == "[":
        host, _, after = authority[1:].partition("]")
        if after[:1] == ":":
            port = _port(after[1:])
    elif ":" not in authority:
        host = authority  # the common case: a bare name or IPv4
    elif authority.count(":") == 1:
        host, _, port_text = authority.partition(":")
        port = _port(port_text)
    else:
        host = authority  # an unbracketed IPv6 literal
    host = host.strip().rstrip(".")
    if not host:
        return None, port, False
    if host[-1] in NAME_END and ":" not in host and host.isascii():
        return host.lower(), port, False  # a plain ASCII name: what canonical_name gives, no IP
    ip = canonical_ip(host)
    if ip is not None:
        return ip, port, True
    return canonical_name(host), port, False


_authority = lru_cache(maxsize=1 << 14)(_authority_parts)
""":func:`_authority_parts`, cached for :func:`authority_host` (split_target has its own cache)."""


@lru_cache(maxsize=4096)
def split_target(value: str) -> Target:
    """Split a URL, ``host:port`` or bare host into host, explicit port and scheme.

    Args:
        value: e.g. ``"https://Example.com:8443/a?b"``, ``"example.com:22"``, ``"[::1]:80"``,
            ``"10.0.0.1"``, or nuclei's javascript-protocol ``"/http://dvwa_dvwa_1/"``.

    Returns:
        A :class:`Target`; ``host`` is None when nothing usable is left.

    Example:
        >>> split_target("https://Example.com/x")
        Target(host='example.com', port=None, scheme='https', is_ip=False)
    """
    text = value.strip()
    if text.startswith("/") and "://" in text:
        text = text.lstrip("/")
    scheme: str | None = None
    cut = text.find("://")
    if cut >= 0:
        scheme = text[:cut].lower() or None
        text = text[cut + 3 :]
    authority = text.partition("/")[0]  # the authority ends at the first "/", "?" or "#"
    if "?" in authority:
        authority = authority.partition("?")[0]
    if "#" in authority:
        authority = authority.partition("#")[0]
    host, port, is_ip = _authority_parts(authority)
    target: Target = _new_target(Target, (host, port, scheme, is_ip))
    return target


ORIGIN = re.compile(r"(https?)://([A-Za-z0-9._-]*[A-Za-z_-])").fullmatch
"""Matches ``http(s)://name``: a name with no port, path, credentials, brackets or spaces that ends in a
letter (so it is no IP literal and has no trailing dot); group 1 is the scheme, group 2 the name. The
web scanners write their sites and hosts this way."""


def split_origin(value: str) -> Target:
    """:func:`split_target`, with ``http(s)://name`` (Burp's host, a ZAP site) read by one match.

    For that shape the name lower-cased is what ``split_target`` gives; anything else goes through it
    (``tests/parsers/test_origin_fast.py`` checks the two agree on every string).
    """
    origin = ORIGIN(value)
    if origin is None:
        return split_target(value)
    target: Target = _new_target(
        Target, (origin[2].lower(), None, "https" if origin.end(1) == 5 else "http", False)
    )
    return target


def authority_host(value: str) -> str | None:
    """Only the host of :func:`split_target` (cheaper for URLs seen once, such as nuclei's matched-at)."""
    text = value.strip()
    if text.startswith("/") and "://" in text:
        text = text.lstrip("/")
    cut = text.find("://")
    start = cut + 3 if cut >= 0 else 0
    end = text.find("/", start)  # the authority ends at the first "/", "?" or "#" after it
    if end < 0:
        end = len(text)
    found = text.find("?", start, end)
    if found >= 0:
        end = found
    found = text.find("#", start, end)
    if found >= 0:
        end = found
    authority = text[start:end]
    if authority.count(":") == 1 and "@" not in authority and authority[:1] != "[":
        authority = authority.partition(":")[0]  # same host without the port: fewer distinct cache keys
    return _authority(authority)[0]
