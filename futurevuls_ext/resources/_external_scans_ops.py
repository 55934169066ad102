"""Pure builders of the external scan result operations (**unconfirmed**, reference §3.4).

Every route template, query name and JSON key comes from ``ApiProfile.external_scans``; route
templates may use ``{externalScanID}`` (or ``{id}``) and ``{serverID}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import cattrs

from .._core.call import Call, Decoder, PagedCall, ignore_body, structure_as
from .._core.request import ApiRequest, query
from ..models import ExternalScan
from ..profile import ApiProfile
from ._common import InvalidArgumentError, route

__all__ = ["create", "cve_list", "delete", "get", "id_only", "list_external_scans", "update"]


def cve_list(cve_ids: str | Iterable[str]) -> list[str]:
    """CVE IDs as a list for the body: a single string is one ID; blanks dropped, duplicates removed."""
    items = [cve_ids] if isinstance(cve_ids, str) else list(cve_ids)
    for item in items:
        if not isinstance(item, str):
            raise InvalidArgumentError(f"cve_ids must be CVE ID strings, got {item!r}")
    return list(dict.fromkeys(item.strip() for item in items if item.strip()))


def _values(external_scan_id: int | None = None, server_id: int | None = None) -> dict[str, object]:
    values: dict[str, object] = {}
    if external_scan_id is not None:
        values.update(externalScanID=external_scan_id, id=external_scan_id)
    if server_id is not None:
        values["serverID"] = server_id
    return values


def list_external_scans(profile: ApiProfile, *, server_id: int | None = None) -> PagedCall[ExternalScan]:
    """List results (default ``GET /v1/externalScans?filterServerID=``), item key ``externalScans``."""
    keys = profile.external_scans
    method, path = route(keys.list, _values(server_id=server_id))
    params = query(**{keys.filter_server_id: server_id})
    return PagedCall(
        request=ApiRequest(method=method, path=path, params=params),
        items_key=keys.list_key,
        decode_item=structure_as(ExternalScan),
    )


def get(profile: ApiProfile, external_scan_id: int, *, server_id: int | None = None) -> Call[ExternalScan]:
    """One result by ID (``server_id`` when the profile's routes sit under the server).

    Default route ``GET /v1/externalScan/{externalScanID}``; ``server_id`` fills ``{serverID}``.
    """
    method, path = route(profile.external_scans.get, _values(external_scan_id, server_id))
    return Call(request=ApiRequest(method=method, path=path), decode=structure_as(ExternalScan))


def create(
    profile: ApiProfile, *, server_id: int, name: str, cve_ids: str | Iterable[str], is_external: bool = True
) -> Call[ExternalScan]:
    """Attach a result to a server. Not retried automatically (a POST could create it twice).

    Default route ``POST /v1/externalScan``.
    """
    keys = profile.external_scans
    method, path = route(keys.create, _values(server_id=server_id))
    payload = {
        keys.server_id_key: server_id,
        keys.name_key: name,
        keys.cve_ids_key: cve_list(cve_ids),
        keys.is_external_key: bool(is_external),
    }
    return Call(request=ApiRequest(method=method, path=path, json=payload), decode=structure_as(ExternalScan))


def id_only(profile: ApiProfile) -> Decoder[int]:
    """A decoder of a result answer that checks and returns only its id (the import's creates use no more).

    The id is read as the client's converter reads ints (strict or tolerant); an answer that is not an
    object, or has no id, is a :class:`~futurevuls_ext.ResponseValidationError` naming the key.
    """
    key = profile.external_scans.id_key

    def decode(converter: cattrs.Converter, data: Any) -> int:
        if not isinstance(data, Mapping):
            raise ValueError(f"expected a JSON object, got {type(data).__name__}")
        if key not in data:
            raise ValueError(f"required field {key!r} missing")
        return converter.structure(data[key], int)

    return decode


def update(
    profile: ApiProfile,
    external_scan_id: int,
    *,
    server_id: int | None = None,
    name: str | None = None,
    cve_ids: str | Iterable[str] | None = None,
    is_external: bool | None = None,
) -> Call[ExternalScan]:
    """Change a result; arguments left as None are not sent, ``cve_ids`` replaces the whole list.

    Default route ``PUT /v1/externalScan/{externalScanID}``; ``None`` means "leave unchanged".
    """
    keys = profile.external_scans
    payload: dict[str, Any] = {}
    if name is not None:
        payload[keys.name_key] = name
    if cve_ids is not None:
        payload[keys.cve_ids_key] = cve_list(cve_ids)
    if is_external is not None:
        payload[keys.is_external_key] = bool(is_external)
    method, path = route(keys.update, _values(external_scan_id, server_id))
    return Call(request=ApiRequest(method=method, path=path, json=payload), decode=structure_as(ExternalScan))


def delete(profile: ApiProfile, external_scan_id: int, *, server_id: int | None = None) -> Call[None]:
    """Delete a result (``server_id`` when the profile's routes sit under the server).

    Default route ``DELETE /v1/externalScan/{externalScanID}`` (200, empty body).
    """
    method, path = route(profile.external_scans.delete, _values(external_scan_id, server_id))
    return Call(request=ApiRequest(method=method, path=path), decode=ignore_body)
