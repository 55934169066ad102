"""External scan results: a named list of CVE IDs on a server, flagged "exposed externally".

**Unconfirmed.** No public spec describes these endpoints (reference §3.3). Every JSON key of
:class:`ExternalScan` comes from ``ApiProfile.external_scans`` (defaults: ``id``, ``serverID``, ``name``,
``cveIDs``, ``isExternalScan``, ``createdAt``, ``updatedAt``); the client's converter is built per
profile, so overriding a key in the profile changes how responses are read.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Model, spec_required

__all__ = ["ExternalScan"]


def _key(name: str) -> dict[str, object]:
    return {"profile": ("external_scans", name)}


@attrs.frozen(kw_only=True)
class ExternalScan(Model):
    """One external scan result.

    Attributes:
        id: the result's ID (keep it to update the same result on the next import).
        server_id: the server the result is attached to.
        name: the result's name, as shown in the FutureVuls UI.
        cve_ids: the CVE IDs the external scanner reported.
        is_external_scan: True when the result's vulnerabilities are exposed to the outside
            (the UI's "外部スキャン" check box, checked by default).
    """

    id: int = attrs.field(metadata=_key("id_key"))
    server_id: int | None = spec_required(profile=("external_scans", "server_id_key"))
    name: str | None = spec_required(profile=("external_scans", "name_key"))
    cve_ids: tuple[str, ...] = spec_required((), profile=("external_scans", "cve_ids_key"))
    is_external_scan: bool | None = spec_required(profile=("external_scans", "is_external_key"))
    created_at: dt.datetime | None = attrs.field(default=None, metadata=_key("created_at_key"))
    updated_at: dt.datetime | None = attrs.field(default=None, metadata=_key("updated_at_key"))
