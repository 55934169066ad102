"""Per-host accumulators of the Qualys XML parser: one host's identity cells and its detections."""

from __future__ import annotations

from typing import NamedTuple

from .._numbers import ascii_int
from ._context import ParseContext
from ._cve import normalize_cve
from ._hostid import cvss_score, detail_finding, identity, port_number
from ._model import Finding, Severity
from ._speedups import BoundedCache

__all__ = ["Detection", "Glossed", "QualysHost", "qualys_severity"]

_NO: frozenset[str] = frozenset()


def qualys_severity(text: str) -> Severity | None:
    """Qualys level 1-5 -> Info..Critical (``"3"`` -> MEDIUM); None when not a level."""
    level = ascii_int(text) if text else None
    if level is None or not 1 <= level <= 5:
        return None
    return Severity(level - 1)


def _cve_set(cells: tuple[str, ...]) -> frozenset[str]:
    return frozenset(c for c in map(normalize_cve, cells) if c)


# a QID's CVE list and severity cell repeat on every host that has it: converted once per distinct value
_cve_sets = BoundedCache(_cve_set, entries=8192)
_severities: BoundedCache[str, Severity | None] = BoundedCache(
    lambda text: qualys_severity(text.strip()), entries=256
)


class Glossed(NamedTuple):
    """What an ASSET_DATA_REPORT's ``GLOSSARY/VULN_DETAILS`` says of a QID (its ``VULN_INFO``s do not)."""

    cves: frozenset[str]
    severity: str
    """The ``SEVERITY`` text (Qualys level 1-5)."""
    title: str
    cvss: str
    """The ``CVSS_SCORE/CVSS_BASE`` text (CVSS v2: ``9.3 (AV:N/...)``)."""
    cvss3: str
    """The ``CVSS3_SCORE/CVSS3_BASE`` text (CVSS v3: ``9.0 (AV:N/...)``, ``-`` or empty when none)."""


_UNGLOSSED = Glossed(frozenset(), "", "", "", "")


class Detection:
    """One QID seen on a host.

    A SCAN ``VULN`` / ``PRACTICE`` / ``INFO`` / ``SERVICE``, an ASSET_DATA ``VULN_INFO`` or a HOST_LIST
    ``DETECTION``. ``cvss`` / ``cvss3`` are its ``CVSS_BASE`` (v2) / ``CVSS3_BASE`` (v3) texts.
    """

    __slots__ = ("cves", "cvss", "cvss3", "port", "protocol", "qid", "severity", "title")

    def __init__(self, qid: str = "", severity: str = "", port: str = "", protocol: str = "") -> None:
        self.qid = qid
        self.severity = severity
        self.port = port
        self.protocol = protocol
        self.title = ""
        self.cvss = ""
        self.cvss3 = ""
        self.cves: list[str] = []


class QualysHost:
    """The identity cells and detections of one ``IP`` (SCAN) or ``HOST`` element."""

    __slots__ = ("detections", "ips", "names")

    def __init__(self) -> None:
        self.ips: list[str] = []
        self.names: list[str] = []
        self.detections: list[Detection] = []

    def findings(
        self,
        ctx: ParseContext,
        where: str,
        scanner: str,
        glossary: dict[str, Glossed] | None = None,
    ) -> list[Finding]:
        """The host's findings (one per detection, or one bare finding); [] and a skip without identity.

        ``glossary`` (ASSET_DATA_REPORT) gives a QID's CVE ids, and its severity, title and CVSS where the
        detection has none; otherwise each detection's own ``CVE_ID_LIST`` is used. CVSS: the v3 base
        score when it is one (0-10), else the v2 base score.
        """
        who = identity(self.ips, self.names)
        if who is None:
            ctx.skip(where, "host without an IP address or host name")
            return []
        if not self.detections:
            address, ip, names, ips = who
            return [Finding(address=address, ip=ip, hostnames=names, ip_addresses=ips, scanner=scanner)]
        out = []
        for d in self.detections:
            port, protocol = _ports[d.port, d.protocol]
            qid = d.qid.strip()
            severity, title, cvss, cvss3 = d.severity, d.title, d.cvss, d.cvss3
            if glossary is not None:
                glossed = glossary.get(qid, _UNGLOSSED)
                cves = glossed.cves
                severity, title, cvss, cvss3 = (
                    severity or glossed.severity,
                    title or glossed.title,
                    cvss or glossed.cvss,
                    cvss3 or glossed.cvss3,
                )
            else:
                cves = _cve_sets[tuple(d.cves)] if d.cves else _NO
            score = _scores[cvss3] if cvss3 else None
            if score is None:  # no v3 base score (absent, "-", out of 0-10): the v2 one
                score = _scores[cvss]
            detail = (
                port,
                protocol,
                cves,
                _severities[severity],
                score,
                qid or None,
                title.strip() or None,
            )
            out.append(detail_finding(who, detail, scanner))
        return out


def _cvss(text: str) -> float | None:
    """The score of a ``CVSS_BASE`` / ``CVSS3_BASE`` text (``7.5`` or ``7.5 (AV:N/...)``), None if none."""
    head = text.strip().split(" ", 1)[0] if text else ""
    return cvss_score(head) if head else None


def _port_protocol(cells: tuple[str, str]) -> tuple[int | None, str | None]:
    """(port, lower-case protocol or ``tcp``) of a CAT's port and protocol cells; (None, None) if no port."""
    port = port_number(cells[0]) if cells[0] else None
    return (port, cells[1].strip().lower() or "tcp") if port is not None else (None, None)


# a host's CAT ports and CVSS texts repeat on every host: converted once per distinct value
_ports = BoundedCache(_port_protocol, entries=4096)
_scores = BoundedCache(_cvss, entries=4096)
