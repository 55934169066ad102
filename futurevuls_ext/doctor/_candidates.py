"""The routes ``doctor`` probes: every plausible spelling of the unconfirmed API parts.

External scan results (reference §3.4, inferred) may live at the top level or under the server, in
camelCase (the spec's style), snake_case or kebab-case. Each family is probed by GET only: its list
route, then its item route with an id from a real list answer. Tag routes (§4.1) are probed the same
way; a role's SSVC keys (§4.2) are read from a real role detail answer.
"""

from __future__ import annotations

import re
from typing import Final

from attrs import frozen

__all__ = ["SCAN_FAMILIES", "SSVC_KEY_RE", "TAG_ROUTES", "ScanFamily"]


@frozen(kw_only=True)
class ScanFamily:
    """One candidate family of external-scan routes (paths use ``{serverID}`` / ``{externalScanID}``)."""

    name: str
    """Short name shown in the report, e.g. ``top-level camelCase``."""
    collection: str
    """The list path, e.g. ``/v1/externalScans``."""
    item: str
    """The one-result path, e.g. ``/v1/externalScan/{externalScanID}``."""
    single: str
    """The create path (the item path without its id), e.g. ``/v1/externalScan``."""
    list_key: str
    """The key of the item list in the list answer."""

    @property
    def nested(self) -> bool:
        """True when the routes sit under a server (they need a server id)."""
        return "{serverID}" in self.collection

    def profile_routes(self) -> dict[str, str]:
        """The ``[external_scans]`` entries of an ApiProfile for this family."""
        return {
            "create": f"POST {self.single}",
            "update": f"PUT {self.item}",
            "list": f"GET {self.collection}",
            "get": f"GET {self.item}",
            "delete": f"DELETE {self.item}",
            "list_key": self.list_key,
        }


def _family(name: str, prefix: str, plural: str, singular: str, list_key: str) -> ScanFamily:
    return ScanFamily(
        name=name,
        collection=f"{prefix}/{plural}",
        item=f"{prefix}/{singular}/{{externalScanID}}",
        single=f"{prefix}/{singular}",
        list_key=list_key,
    )


_SPELLINGS: Final = (
    ("camelCase", "externalScans", "externalScan", "externalScans"),
    ("snake_case", "external_scans", "external_scan", "external_scans"),
    ("kebab-case", "external-scans", "external-scan", "externalScans"),
)

SCAN_FAMILIES: Final[tuple[ScanFamily, ...]] = tuple(
    _family(f"{where} {style}", prefix, plural, singular, key)
    for where, prefix in (("top-level", "/v1"), ("under the server", "/v1/server/{serverID}"))
    for style, plural, singular, key in _SPELLINGS
)
"""The six families, the SDK's default (top-level camelCase) first."""

TAG_ROUTES: Final[tuple[str, ...]] = (
    "/v1/tags",
    "/v1/serverTags",
    "/v1/server/{serverID}/tags",
    "/v1/server/{serverID}/tag",
)
"""GET routes that would show the API has tag endpoints of its own (writes are never probed)."""

SSVC_KEY_RE: Final = re.compile(r"ssvc|exposure|impact|density", re.IGNORECASE)
"""Keys of a role detail answer that look like SSVC settings."""
