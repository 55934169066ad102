"""The Nessus plugin template model shared by the generator's data modules.

Modelled on the shape of real Nessus v2 exports (plugin ids, families, CVE lists of well-known
advisories); the text is written for this benchmark. Informational (severity 0) templates carry no
CVE, so every parser that reads ``<cve>`` elements agrees on the counts.
"""

from __future__ import annotations

import attrs

__all__ = ["Plugin", "risk_factor", "synth_cves"]


def synth_cves(year: int, start: int, count: int, step: int = 7) -> tuple[str, ...]:
    """A deterministic run of CVE ids, standing in for the long lists of OS patch advisories."""
    return tuple(f"CVE-{year}-{start + i * step}" for i in range(count))


@attrs.frozen(kw_only=True)
class Plugin:
    """One Nessus plugin as it appears in a ReportItem."""

    plugin_id: int
    name: str
    family: str
    severity: int
    fname: str
    synopsis: str
    description: str
    solution: str
    cves: tuple[str, ...] = ()
    cvss3: str = ""  # "score vector"
    cvss2: str = ""
    see_also: str = ""
    xrefs: tuple[str, ...] = ()
    cpe: str = ""
    plugin_type: str = "remote"
    output: str = ""  # plugin_output template; {port}, {ver}, {host} are filled in
    published: str = "2023/10/20"
    modified: str = "2024/03/01"


_RISK = {0: "None", 1: "Low", 2: "Medium", 3: "High", 4: "Critical"}


def risk_factor(severity: int) -> str:
    return _RISK[severity]
