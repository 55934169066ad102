"""What the two ZAP layouts (traditional XML and JSON) share: a site's identity and an alert's finding."""

from __future__ import annotations

from collections.abc import Iterable

from .._numbers import ascii_int
from ._cve import normalize_cve
from ._hostid import Identity, name_only, port_number, url_cves, web_finding
from ._model import Finding, Severity
from ._speedups import BoundedCache
from ._target import split_origin

__all__ = ["Site", "alert_finding", "site_finding", "tag_cves"]

_reference_cves = BoundedCache(url_cves, entries=4096)  # an alert type's reference text repeats on every site
_NO_DETAIL: tuple[frozenset[str], Severity | None, str | None, str | None] = (frozenset(), None, None, None)
_RISKS = {0: Severity.INFO, 1: Severity.LOW, 2: Severity.MEDIUM, 3: Severity.HIGH}


def _risk_severity(risk: str) -> Severity | None:
    level = ascii_int(risk) if risk else None
    return _RISKS.get(level) if level is not None else None


_severity = BoundedCache(_risk_severity, entries=4096)  # a handful of distinct riskcode cells


class Site:
    """A ``<site>`` / ``"site"`` entry: every site is a host, keyed by its host (http and https merge)."""

    __slots__ = ("port", "scheme", "who")

    def __init__(self, name: str, host: str, port: str, ssl: str) -> None:
        target = split_origin(name) if name else None
        text = host.strip()
        number = port_number(port)
        if target is not None and target.host and (not text or text.startswith("[")):
            if (
                text
            ):  # ZAP splits the site URL at ":": "http://[2001:db8::1]:8080" gets host="[2001" port="80"
                number = target.default_port
            text = target.host
        self.who: Identity | None = name_only(text.lower()) if text else None
        if number is None and target is not None:
            number = target.default_port
        if number is None:
            number = 443 if ssl.strip().lower() == "true" else 80 if text else None
        self.port = number
        self.scheme = target.scheme if target is not None else None


def tag_cves(tags: Iterable[tuple[str, str]]) -> frozenset[str]:
    """CVE ids named by ZAP alert tags: a tag key that is a CVE id, or a tag link naming one."""
    out: set[str] = set()
    for key, link in tags:
        cve = normalize_cve(key) if key else None
        if cve is not None:
            out.add(cve)
        if link:
            out |= url_cves(link)
    return frozenset(out)


def site_finding(site: Site, scanner: str) -> Finding | None:
    """The bare finding that records the site as a host (also when it has no alert)."""
    if site.who is None:
        return None
    return web_finding(site.who, site.port, site.scheme, _NO_DETAIL, scanner)


def alert_finding(  # noqa: PLR0917 - called per alert by position (no keyword matching)
    site: Site,
    plugin: str,
    title: str,
    risk: str,
    reference: str,
    tags: Iterable[tuple[str, str]],
    scanner: str,
) -> Finding | None:
    """One finding per alert: the site's host and port, CVEs from ``reference`` URLs and tags only.

    (Positional or keyword arguments: the XML walk passes them by position, the cheaper call.)
    """
    if site.who is None:
        return None
    cves = _reference_cves[reference] | tag_cves(tags) if tags else _reference_cves[reference]
    return web_finding(
        site.who,
        site.port,
        site.scheme,
        (cves, _severity[risk], plugin.strip() or None, title.strip() or None),
        scanner,
    )
