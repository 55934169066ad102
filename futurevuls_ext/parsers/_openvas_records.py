"""Turning collected OpenVAS result fields into findings, with per-parse memo tables.

The same host texts, port strings, threat words, scores and CVE ids recur on thousands of results;
each distinct text is converted once (``_speedups.BoundedCache``).
"""

from __future__ import annotations

from ._context import ParseContext
from ._cve import normalize_cve
from ._hostid import Identity, cvss_score, detail_finding, identity, port_proto
from ._model import Finding, Severity
from ._speedups import BoundedCache

__all__ = ["Memo", "OpenVasResult"]

_THREATS: dict[str, Severity] = {
    "critical": Severity.CRITICAL,
    "alarm": Severity.CRITICAL,  # OpenVAS 6-8 name for the top level
    "high": Severity.HIGH,
    "medium": Severity.MEDIUM,
    "low": Severity.LOW,
    "log": Severity.INFO,
    "debug": Severity.INFO,
    "none": Severity.INFO,
}
_NO: frozenset[str] = frozenset()


class OpenVasResult:
    """The fields of one ``results/result`` as the handlers collect them."""

    __slots__ = ("cves", "cvss", "host", "hostname", "name", "nvt_cvss", "oid", "port", "threat")

    def __init__(self) -> None:
        self.host = self.hostname = self.port = self.threat = self.cvss = self.nvt_cvss = self.name = ""
        self.oid = ""
        self.cves: list[str] = []

    def set_host(self, text: str) -> None:
        """The ``<host>`` text (before its children)."""
        self.host = text

    def set_hostname(self, text: str) -> None:
        """``host/hostname``."""
        self.hostname = text

    def set_port(self, text: str) -> None:
        """``<port>``."""
        self.port = text

    def set_threat(self, text: str) -> None:
        """``<threat>``."""
        self.threat = text

    def set_cvss(self, text: str) -> None:
        """The result's ``<severity>`` (a CVSS score)."""
        self.cvss = text

    def set_nvt_cvss(self, text: str) -> None:
        """``nvt/cvss_base``."""
        self.nvt_cvss = text

    def set_name(self, text: str) -> None:
        """``nvt/name``."""
        self.name = text


def _who(key: tuple[str, str]) -> Identity | None:
    return identity([key[0]], [key[1].strip()])


class Memo:
    """Per-parse memo tables (each distinct text converted once) and the raw host text -> identity map."""

    def __init__(self, ctx: ParseContext, scanner: str) -> None:
        self.ctx = ctx
        self.scanner = scanner
        self.seen: dict[str, Identity] = {}
        self._who: BoundedCache[tuple[str, str], Identity | None] = BoundedCache(_who)
        self._ports: BoundedCache[str, tuple[int | None, str | None]] = BoundedCache(port_proto)
        self._scores: BoundedCache[str, float | None] = BoundedCache(cvss_score)
        self._cves: BoundedCache[str, str | None] = BoundedCache(normalize_cve)
        self._sets: BoundedCache[tuple[str, ...], frozenset[str]] = BoundedCache(self._cve_set)

    def _cve_set(self, texts: tuple[str, ...]) -> frozenset[str]:
        """The CVE ids of a result's ``ref`` ids, comma-separated ``nvt/cve`` texts and its OID."""
        cves = self._cves
        out = {cve for text in texts for token in text.split(",") if (cve := cves[token]) is not None}
        return frozenset(out) if out else _NO

    def finding(self, cur: OpenVasResult) -> Finding | None:
        """The finding of one result; None (and a skip) when it names no host."""
        raw = cur.host.strip()
        who = self._who[raw, cur.hostname]
        if who is None:
            self.ctx.skip(f"result NVT {cur.oid or cur.name!r}", "result without a host")
            return None
        if raw and raw not in self.seen:
            self.seen[raw] = who
        pp = self._ports[cur.port]
        cvss = self._scores[cur.cvss or cur.nvt_cvss]
        cves = self._sets[(*cur.cves, cur.oid)] if cur.cves or cur.oid[:4] in ("CVE-", "cve-") else _NO
        severity = _THREATS.get(cur.threat.strip().lower())
        detail = (pp[0], pp[1], cves, severity, cvss, cur.oid or None, cur.name.strip() or None)
        return detail_finding(who, detail, self.scanner)

    def entry(self, ip_text: str, hostname: str) -> Finding | None:
        """The bare finding of a report-level ``<host>`` entry (``<ip>`` + hostname detail)."""
        raw = ip_text.strip()
        who = identity([raw], [hostname])
        if who is None:
            return None
        known = self.seen.get(raw)
        if known is not None and who[1] is None:
            who = (known[0], known[1], tuple(dict.fromkeys((*known[2], *who[2]))), known[3])
        self.seen.setdefault(raw, who)
        address, ip, names, ips = who
        return Finding(address=address, ip=ip, hostnames=names, ip_addresses=ips, scanner=self.scanner)
