"""Short reprs and notebook tables for :class:`ScanReport` and :class:`HostResult`.

A report's default attrs repr spells out every finding (38 KB for a 400 KB Nessus file); these say what
a person looks at first: format, source, counts and the first few hosts. Jupyter shows ``_repr_html_``.
Text from the report is shown with control characters escaped (a host name cannot clear a terminal).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from .._printable import printable

if TYPE_CHECKING:
    from ._model import HostResult, ScanReport

__all__ = ["host_html", "host_repr", "report_html", "report_repr"]

FIRST_HOSTS = 3
"""Hosts named in a report's repr."""
HTML_HOSTS = 20
"""Host rows in a report's HTML table."""
HTML_FINDINGS = 20
"""Finding rows in a host's HTML table."""
_CELL = 80


_safe = printable
"""``text`` with control and other non-printable characters escaped (the package's one helper)."""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _more(shown: int, total: int) -> str:
    return f", … and {total - shown} more" if total > shown else ""


def _short(text: str, limit: int = _CELL) -> str:
    text = _safe(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def report_repr(report: ScanReport) -> str:
    """``<ScanReport nessus 'scan.nessus': 3 hosts, 12 CVEs, 1 skipped record; hosts: a, b, c>``."""
    parts = [_count(len(report.hosts), "host"), _count(len(report.cve_ids), "CVE")]
    if report.skipped_count:
        parts.append(_count(report.skipped_count, "skipped record"))
    if report.warnings:
        parts.append(_count(len(report.warnings), "warning"))
    first = ", ".join(_short(h.address, 40) for h in report.hosts[:FIRST_HOSTS])
    hosts = f"; hosts: {first}{_more(FIRST_HOSTS, len(report.hosts))}" if report.hosts else ""
    return f"<ScanReport {report.format} {_safe(report.source)!r}: {', '.join(parts)}{hosts}>"


def host_repr(host: HostResult) -> str:
    """``<HostResult 192.0.2.10 (web-01): 4 CVEs, 2 open ports (22/tcp, 443/tcp), 5 findings>``."""
    names = sorted(host.hostnames - {host.address})
    also = f" ({', '.join(_short(n, 40) for n in names[:2])}{_more(2, len(names))})" if names else ""
    ports = sorted(host.ports)
    shown = ", ".join(str(p) for p in ports[:5])
    port_text = f" ({shown}{_more(5, len(ports))})" if ports else ""
    return (
        f"<HostResult {_short(host.address, 60)}{also}: {_count(len(host.cve_ids), 'CVE')}, "
        f"{_count(len(ports), 'open port')}{port_text}, {_count(len(host.findings), 'finding')}>"
    )


def _table(head: list[str], rows: list[list[str]], caption: str, more: int) -> str:
    cells = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    tail = f"<p>… and {more} more</p>" if more > 0 else ""
    return (
        f"<table><caption>{html.escape(caption)}</caption><thead><tr>{th}</tr></thead>"
        f"<tbody>{cells}</tbody></table>{tail}"
    )


def _cves(cve_ids: frozenset[str], limit: int = 4) -> str:
    ordered = sorted(cve_ids)
    return ", ".join(ordered[:limit]) + (f" (+{len(ordered) - limit})" if len(ordered) > limit else "")


def report_html(report: ScanReport) -> str:
    """A caption with the counts, then one row per host (the first :data:`HTML_HOSTS`)."""
    caption = report_repr(report)[1:-1].split("; hosts:")[0]
    rows = [
        [
            _short(h.address),
            _short(", ".join(sorted(h.hostnames))),
            str(len(h.cve_ids)),
            _short(", ".join(str(p) for p in sorted(h.ports))),
            _cves(h.cve_ids),
        ]
        for h in report.hosts[:HTML_HOSTS]
    ]
    head = ["address", "hostnames", "CVEs", "open ports", "CVE ids"]
    return _table(head, rows, caption, len(report.hosts) - HTML_HOSTS)


def host_html(host: HostResult) -> str:
    """A caption with the host's counts, then one row per finding (the first :data:`HTML_FINDINGS`)."""
    rows = [
        [
            "" if f.port is None else f"{f.port}/{f.protocol or '?'}",
            _short(f.title or ""),
            "" if f.severity is None else f.severity.name.lower(),
            _cves(f.cve_ids),
        ]
        for f in host.findings[:HTML_FINDINGS]
    ]
    caption = host_repr(host)[1:-1]
    return _table(["port", "title", "severity", "CVE ids"], rows, caption, len(host.findings) - HTML_FINDINGS)
