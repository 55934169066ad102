"""Turning collected OpenVAS result fields into findings, with per-parse memo tables.

The same host texts, port strings, threat words, scores and CVE ids recur on thousands of results;
each distinct text is converted once (``_speedups.BoundedCache``: bounded in entries and in text).
"""

from __future__ import annotations

from ._context import ParseContext
from ._cve import normalize_cve
from ._hostid import Identity, cvss_score, detail_finding, identity, port_proto
from ._model import Finding, Severity
from ._speedups import BoundedCache
from ._target import canonical_ip

__all__ = [
    "CVE",
    "FETCH_REPORT",
    "HOSTNAME",
    "NVT_FIELDS",
    "OID",
    "RESULT_FIELDS",
    "Memo",
    "new_record",
    "no_results",
]

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


OID, HOST, HOSTNAME, PORT, THREAT, CVSS, NVT_CVSS, NAME = range(8)
"""Slots of a result record (:func:`new_record`): the NVT OID, then the collected texts (0: no text)."""
CVE = 8
"""The text slot of an ``nvt/cve`` text (appended to the result's CVE texts, not stored in the record)."""
RESULT_FIELDS = {"host": HOST, "port": PORT, "threat": THREAT, "severity": CVSS}
"""The result's children whose text is collected (``host``: its text before the ``<asset>`` child)."""
NVT_FIELDS = {"name": NAME, "cvss_base": NVT_CVSS, "cve": CVE}
"""The ``result/nvt`` children whose text is collected."""


FETCH_REPORT = (
    '<get_reports report_id="..." details="1"/> (python-gvm: gmp.get_report(report_id)) or download it '
    "from GSA (Reports > Download > XML)"
)
"""How to get a report with its results, for the messages that refuse a GMP answer without them."""


def no_results(root: str, reports: int) -> str:
    """Why a file without ``<results>``, results or host entries is refused (``reports``: the root's reports).

    A GMP ``get_reports`` answer lists reports without their results unless it was asked for
    ``details="1"`` (``<get_reports/>`` as ``gvm-cli`` sends it, python-gvm's ``get_reports()``).
    """
    if root == "get_reports_response":
        if not reports:
            return "the GMP answer holds no report: the request's report id or filter matched none"
        return (
            f"the GMP answer lists {reports} report(s) without their results (get_reports without "
            f'details="1"): fetch each with {FETCH_REPORT}'
        )
    if root == "get_results_response":
        return "the GMP answer holds no result: check the filter of the get_results request"
    return "no <results> element and no host entries: not an OpenVAS/GVM report"


def new_record() -> list[str]:
    """An empty result record: [oid, host, hostname, port, threat, severity, nvt cvss_base, nvt name]."""
    return ["", "", "", "", "", "", "", ""]


def _who(key: tuple[str, str]) -> tuple[Identity | None, bool]:
    """The identity of a result's (host text, hostname), and whether the host text is kept for entries.

    Only host texts that are not IP addresses are kept: a report-level entry whose ``<ip>`` is such a
    text takes the result's identity; an entry with a valid IP never needs one.
    """
    raw = key[0]
    return identity([raw], [key[1].strip()]), bool(raw) and canonical_ip(raw) is None


class Memo:
    """Per-parse memo tables (each distinct text converted once) and the raw host text -> identity map."""

    def __init__(self, ctx: ParseContext, scanner: str) -> None:
        self.ctx = ctx
        self.scanner = scanner
        self.seen: dict[str, Identity] = {}
        """The identity of each result host text that is not an IP address (for the report-level entries)."""
        self.hosts_seen = False
        """True once a report-level host entry named a host."""
        # GSA lists a host's results close together (sorted by severity within host batches): 4096 hosts
        # held miss 2% more than 65536 on the generated 100 MB report, and hold a tenth of the memory
        self._who: BoundedCache[tuple[str, str], tuple[Identity | None, bool]] = BoundedCache(
            _who, entries=4096
        )
        self._ports: BoundedCache[str, tuple[int | None, str | None]] = BoundedCache(port_proto, entries=4096)
        self._scores: BoundedCache[str, float | None] = BoundedCache(cvss_score, entries=4096)
        self._cves: BoundedCache[str, str | None] = BoundedCache(normalize_cve, entries=4096)
        self._sets: BoundedCache[tuple[str, ...], frozenset[str]] = BoundedCache(self._cve_set, entries=4096)

    def _cve_set(self, texts: tuple[str, ...]) -> frozenset[str]:
        """The CVE ids of a result's ``ref`` ids, comma-separated ``nvt/cve`` texts and its OID."""
        cves = self._cves
        out = {cve for text in texts for token in text.split(",") if (cve := cves[token]) is not None}
        return frozenset(out) if out else _NO

    def finding(self, rec: list[str], cve_texts: list[str]) -> Finding | None:
        """The finding of one result record (:func:`new_record`); None (and a skip) when it names no host."""
        oid, host, hostname, port, threat, cvss, nvt_cvss, name = rec
        raw = host.strip()
        who, keep = self._who[raw, hostname]
        if who is None:
            self.ctx.skip(f"result NVT {oid or name!r}", "result without a host")
            return None
        if keep and raw not in self.seen:
            self.seen[raw] = who
        pp = self._ports[port]
        score = self._scores[cvss or nvt_cvss]
        cves = self._sets[(*cve_texts, oid)] if cve_texts or oid[:4] in ("CVE-", "cve-") else _NO
        severity = _THREATS.get(threat.strip().lower())
        detail = (pp[0], pp[1], cves, severity, score, oid or None, name.strip() or None)
        return detail_finding(who, detail, self.scanner)

    def entry(self, ip_text: str, hostname: str) -> Finding | None:
        """The bare finding of a report-level ``<host>`` entry (``<ip>`` + hostname detail)."""
        raw = ip_text.strip()
        who = identity([raw], [hostname])
        if who is None:
            return None
        self.hosts_seen = True
        if canonical_ip(raw) is None:  # the entry's <ip> text is no IP address: it may name a result's host
            known = self.seen.get(raw)
            if known is not None and who[1] is None:
                who = (known[0], known[1], tuple(dict.fromkeys((*known[2], *who[2]))), known[3])
            self.seen.setdefault(raw, who)
        address, ip, names, ips = who
        return Finding(address=address, ip=ip, hostnames=names, ip_addresses=ips, scanner=self.scanner)
