"""Turning collected OpenVAS result fields into findings, with per-parse memo tables.

The same host texts, port strings, threat words, scores and CVE ids recur on thousands of results;
each distinct text is converted once.
"""

from __future__ import annotations

from typing import Any

from ._context import ParseContext
from ._cve import normalize_cve
from ._hostid import Identity, identity, port_proto, score
from ._model import Finding, Severity
from ._speedups import new_finding

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
_LIMIT = 1 << 16
_NO: frozenset[str] = frozenset()
_MISSING: Any = object()


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


class Memo:
    """Per-parse memo tables and the raw-host-text -> identity map of the hosts seen."""

    def __init__(self, ctx: ParseContext, scanner: str) -> None:
        self.ctx = ctx
        self.scanner = scanner
        self.seen: dict[str, Identity] = {}
        self._who: dict[tuple[str, str], Identity | None] = {}
        self._ports: dict[str, tuple[int | None, str | None]] = {}
        self._scores: dict[str, float | None] = {"": None}
        self._cves: dict[str, str | None] = {}
        self._sets: dict[tuple[str, ...], frozenset[str]] = {}

    def _cve_set(self, texts: list[str], oid: str) -> frozenset[str]:
        key = (*texts, oid)
        found = self._sets.get(key)
        if found is not None:
            return found
        memo = self._cves
        out: set[str] = set()
        for text in (*texts, oid):
            for token in text.split(",") if "," in text else (text,):
                cve = memo.get(token, _MISSING)
                if cve is _MISSING:
                    cve = normalize_cve(token)
                    if len(memo) < _LIMIT:
                        memo[token] = cve
                if cve is not None:
                    out.add(cve)
        result = frozenset(out) if out else _NO
        if len(self._sets) < _LIMIT:
            self._sets[key] = result
        return result

    def finding(self, cur: OpenVasResult) -> Finding | None:
        """The finding of one result; None (and a skip) when it names no host."""
        raw = cur.host.strip()
        key = (raw, cur.hostname)
        who = self._who.get(key)
        if who is None:
            who = identity([raw], [cur.hostname.strip()])
            if len(self._who) < _LIMIT:
                self._who[key] = who
            if who is None:
                self.ctx.skip(f"result NVT {cur.oid or cur.name!r}", "result without a host")
                return None
            if raw and raw not in self.seen:
                self.seen[raw] = who
        port_text = cur.port
        pp = self._ports.get(port_text)
        if pp is None:
            pp = port_proto(port_text)
            if len(self._ports) < _LIMIT:
                self._ports[port_text] = pp
        text = cur.cvss or cur.nvt_cvss
        cvss = self._scores.get(text, _MISSING)
        if cvss is _MISSING:
            cvss = score(text)
            if len(self._scores) < _LIMIT:
                self._scores[text] = cvss
        address, ip, names, ips = who
        return new_finding(
            address=address,
            ip=ip,
            hostnames=names,
            ip_addresses=ips,
            port=pp[0],
            protocol=pp[1],
            cve_ids=self._cve_set(cur.cves, cur.oid) if cur.cves or cur.oid[:4] in ("CVE-", "cve-") else _NO,
            severity=_THREATS.get(cur.threat.strip().lower()),
            cvss=cvss,
            source_id=cur.oid or None,
            title=cur.name.strip() or None,
            scanner=self.scanner,
        )

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
