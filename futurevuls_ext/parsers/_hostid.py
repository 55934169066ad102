"""Host identity, ports and URL-named CVE ids for the OpenVAS, Nessus CSV, Qualys XML, Burp and ZAP parsers.

* Identity: the address is the canonical IP when the report gives a valid one, else the first host
  name (``192.168.1.1001`` is not an IP: it is kept as a name). Every valid IP goes to
  ``ip_addresses``, every other name to ``hostnames``.
* Numbers: ASCII digits only (:mod:`futurevuls_ext._numbers`); a port is 1-65535, anything else gives
  no port.
* CVE ids from URLs: only the path and query of URLs are searched (``.../detail/CVE-2020-11022``,
  ``cvename.cgi?name=CVE-2011-4969``), and only in structured reference fields; never free text.
* Findings: :func:`detail_finding` / :func:`web_finding` build them from an identity and a detail
  tuple (fast builders from :mod:`._speedups`, re-exported here).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .._identity import NAME_END
from .._numbers import ascii_float, ascii_port, cvss_range
from ._speedups import Detail, Identity, detail_finding, web_finding
from ._target import canonical_ip

__all__ = [
    "Detail",
    "Identity",
    "cvss_score",
    "detail_finding",
    "identity",
    "ip_and_name",
    "name_only",
    "port_number",
    "port_proto",
    "score",
    "url_cves",
    "web_finding",
]


_PORT_PROTO = re.compile(r"([0-9]{1,5})/([A-Za-z][A-Za-z0-9_-]{0,15})", re.ASCII)
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,15}://[^\s<>\"'`]+", re.ASCII)
_CVE_TOKEN = re.compile(r"CVE-[0-9]{4}-[0-9]{4,}", re.ASCII | re.IGNORECASE)
_PLACEHOLDERS = frozenset({"", "-", "n/a", "na", "none", "null", "unknown", "no registered hostname"})


def score(text: str) -> float | None:
    """A non-negative finite decimal such as a CVSS score (``9.8``, `` 10 ``) in ASCII, or None."""
    number = ascii_float(text) if text else None
    return number if number is not None and number >= 0 else None


def cvss_score(text: str) -> float | None:
    """A CVSS score 0-10 (see :func:`score`), else None.

    Excel re-saving an export in a locale whose decimal mark is ``,`` turns ``5.0`` into ``50``: a number
    above 10 is no CVSS score, in any format.
    """
    return cvss_range(score(text))


def port_number(text: str) -> int | None:
    """A port 1-65535 from ASCII digits, or None (``0``, ``general`` and full-width digits give None)."""
    return ascii_port(text) if text else None


def port_proto(text: str) -> tuple[int | None, str | None]:
    """(port, lower-case protocol) from ``443/tcp`` or ``http (80/tcp)``; (None, None) for ``general/tcp``."""
    match = _PORT_PROTO.search(text)
    if match is None:
        return None, None
    port = port_number(match.group(1))
    return (port, match.group(2).lower()) if port is not None else (None, None)


def identity(ips: Iterable[str | None], names: Iterable[str | None]) -> Identity | None:
    """Build a host identity from candidate IP cells and name cells (either may hold garbage).

    A name that is a valid IP literal counts as an IP; a candidate IP that is not a valid literal
    (``192.168.1.1001``) is kept as a name, after the real names, so a host with a bad address and a
    host name is keyed by the name. Returns None when nothing usable is left.
    """
    out_ips: list[str] = []
    out_names: list[str] = []
    late: list[str] = []
    for values, spill in ((ips, late), (names, out_names)):
        for value in values:
            if value:
                text = value.strip()
                # a name ending in a letter is no IP (canonical_ip gives None): skip the call; no
                # placeholder is an IP either, so the IP test comes first
                ip = None if text[-1:] in NAME_END and ":" not in text else canonical_ip(text)
                if ip is not None:
                    if ip not in out_ips:
                        out_ips.append(ip)
                elif text not in spill and text.lower() not in _PLACEHOLDERS:
                    spill.append(text)
    if late:
        out_names.extend(name for name in late if name not in out_names)
    if out_ips:
        first = out_ips[0]
        return first, first, tuple(out_names), tuple(out_ips)
    if out_names:
        return out_names[0], None, tuple(out_names), ()
    return None


def url_cves(text: str) -> frozenset[str]:
    """CVE ids named in the path or query of the URLs inside ``text`` (a reference field).

    The host part is ignored (``cve-2020-1.example`` names nothing); the fragment too.
    """
    if "://" not in text:
        return frozenset()
    out: set[str] = set()
    for url in _URL.findall(text):
        rest = url.split("://", 1)[1]
        slash = min((i for i in (rest.find("/"), rest.find("?")) if i >= 0), default=-1)
        if slash < 0:
            continue
        tail = rest[slash:].split("#", 1)[0]
        out.update(m.upper() for m in _CVE_TOKEN.findall(tail))
    return frozenset(out)


def ip_and_name(ip: str, name: str | None) -> Identity | None:
    """``identity([ip], [name])``, without its loops when ``ip`` is a canonical IP and ``name`` a host name.

    Burp's ``<host ip="10.0.0.1">https://web01.example</host>``: the shortcut gives the identity's
    fields directly; anything else (a blank or non-canonical IP, a name that may be an IP or a
    placeholder) goes through :func:`identity`.
    """
    text = name.strip() if name else ""
    if (
        text
        and text[-1] in NAME_END
        and ":" not in text
        and text.lower() not in _PLACEHOLDERS
        and canonical_ip(ip) == ip
    ):
        return ip, ip, (text,), (ip,)
    return identity([ip], [name])


def name_only(name: str) -> Identity | None:
    """``identity((), [name])``, without its loops when ``name`` is a host name (a ZAP site's host)."""
    text = name.strip()
    if text and text[-1] in NAME_END and ":" not in text and text.lower() not in _PLACEHOLDERS:
        return text, None, (text,), ()
    return identity((), [name])
