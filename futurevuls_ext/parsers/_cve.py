"""CVE id normalisation shared by every parser.

CVE ids come only from structured fields; free text is never searched. These helpers validate and
normalise what such a field holds: ``" cve-2018-15473 "`` -> ``"CVE-2018-15473"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["CVE_RE", "cve_tokens", "normalize_cve", "split_cves"]

CVE_RE = re.compile(r"CVE-[0-9]{4}-[0-9]{4,}", re.IGNORECASE | re.ASCII)
_FULL = re.compile(r"CVE-[0-9]{4}-[0-9]{4,}", re.ASCII)
_SPLIT = re.compile(r"[\s,;|]+")


def normalize_cve(value: str) -> str | None:
    """Return ``value`` as an upper-case CVE id, or None when the whole value is not one.

    Args:
        value: one id as the report spells it (``"cve-2018-15473"``, ``" CVE-2021-44228"``).

    Returns:
        ``"CVE-YYYY-NNNN..."`` or None (``"PRION:CVE-2010-4478"`` is not a CVE id).
    """
    text = value.strip()
    if not text.isascii():
        return None
    text = text.upper()
    return text if _FULL.fullmatch(text) else None


def split_cves(value: object) -> frozenset[str]:
    """Normalise a structured CVE field that may be a string, a comma-joined string or a list.

    Args:
        value: None, a string (``"CVE-a, CVE-b"``), or an iterable of such strings.

    Returns:
        The valid CVE ids it holds; other tokens are ignored.
    """
    if value is None:
        return frozenset()
    items: Iterable[object] = (
        [value] if isinstance(value, str) else value if isinstance(value, list | tuple) else ()
    )
    out: set[str] = set()
    for item in items:
        if not isinstance(item, str):
            continue
        for token in _SPLIT.split(item):
            cve = normalize_cve(token) if token else None
            if cve:
                out.add(cve)
    return frozenset(out)


def cve_tokens(text: str) -> frozenset[str]:
    """Every CVE token inside a structured, CVE-bearing field (vulscan's MITRE lines, ``CVE:`` ids).

    Only for fields whose purpose is to list CVE ids; never call it on descriptions or evidence.
    """
    return frozenset(m.upper() for m in CVE_RE.findall(text))
