"""CVE extraction from NSE script output in Nmap XML: vulners rows, vulscan text, vulns-library tables."""

from __future__ import annotations

import attrs

from ._cve import cve_tokens, normalize_cve

__all__ = ["VULNERS_SCRIPTS", "ScriptTree", "vulners_row_cve", "vulns_library_cves", "vulscan_cves"]

VULNERS_SCRIPTS = frozenset({"vulners", "vulners_enterprise"})


def vulners_row_cve(row_id: str | None, row_type: str | None) -> str | None:
    """The CVE id of a vulners bulletin row: its ``id`` when that *is* a CVE id.

    Rows typed other than ``cve`` (exploitdb, metasploit, prion...) never count, even when their id
    embeds a CVE (``PRION:CVE-2010-4478``, ``MSF:ILITIES/UBUNTU-CVE-2019-6111/``).
    """
    if not row_id:
        return None
    if row_type and row_type.strip().lower() != "cve":
        return None
    return normalize_cve(row_id)


def vulscan_cves(output: str) -> frozenset[str]:
    """Every CVE token in vulscan's plain-text output (its only structure: ``[CVE-...]`` lines and titles)."""
    return cve_tokens(output)


@attrs.define
class ScriptTree:
    """A script's ``table``/``elem`` content, built from expat events (nesting kept)."""

    key: str | None = None
    elems: list[tuple[str | None, str]] = attrs.Factory(list)
    tables: list[ScriptTree] = attrs.Factory(list)


def vulns_library_cves(tree: ScriptTree) -> tuple[frozenset[str], list[str]]:
    """CVE ids of NSE vulns-library tables in a VULNERABLE state.

    Returns:
        (CVE ids, descriptions of tables skipped because their state is LIKELY/NOT VULNERABLE etc.)
    """
    found: set[str] = set()
    skipped: list[str] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        state = next((text for key, text in node.elems if key == "state"), None)
        ids = [t for t in node.tables if t.key == "ids"]
        if state is not None and ids:
            cves = {
                cve
                for table in ids
                for _key, text in table.elems
                if text.strip().upper().startswith("CVE:") and (cve := normalize_cve(text.strip()[4:]))
            }
            if state.strip().upper().startswith("VULNERABLE"):
                found |= cves
            elif cves:
                skipped.append(f"{node.key or '?'} in state {state.strip()!r}: {', '.join(sorted(cves))}")
            continue
        stack.extend(node.tables)
    return frozenset(found), skipped
