"""ApiProfile: every route and JSON key the public FutureVuls spec does not confirm, in one place.

The external-scan endpoints, the role SSVC fields and server-tag writes appear in no public spec
(reference §3.4, §4.1, §4.2). The defaults below are the reference's proposals. When the real API
turns out to differ, override them without touching code::

    client = fv.Client(profile=fv.ApiProfile.from_file("fvuls-profile.toml"))

or set ``FUTUREVULS_API_PROFILE=/path/to/profile.toml`` (JSON works too). A profile file only
names what differs from the defaults::

    [external_scans]
    create = "POST /v1/server/{serverID}/externalScan"
    cve_ids_key = "cveIdList"

A route is written ``"METHOD /path/{param}"``. The client builds requests from this data and the
fake server (:mod:`futurevuls_ext.testing`) serves the same routes; they share data, not code.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

from attrs import evolve, fields, frozen

from ._exceptions import ConfigError
from ._user_files import load_json, load_toml, read_text_file

__all__ = [
    "PROFILE_ENV_VAR",
    "ApiProfile",
    "ExternalScanProfile",
    "ProfileItem",
    "RoleSsvcProfile",
    "ServerTagProfile",
    "split_route",
]

PROFILE_ENV_VAR: Final = "FUTUREVULS_API_PROFILE"
_METHODS: Final = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
_ROUTE_RE: Final = re.compile(r"^(?P<method>[A-Z]+) (?P<path>/\S*)$")


def split_route(route: str) -> tuple[str, str]:
    """Split ``"PUT /v1/externalScan/{externalScanID}"`` into method and path template.

    Raises:
        ConfigError: when the route is not ``"METHOD /path"`` with a known HTTP method.
    """
    match = _ROUTE_RE.match(route.strip())
    if match is None or match["method"] not in _METHODS:
        raise ConfigError(
            f"route {route!r} is not of the form 'METHOD /path' with METHOD one of {sorted(_METHODS)}"
        )
    return match["method"], match["path"]


@frozen(kw_only=True)
class ExternalScanProfile:
    """Routes and JSON keys of external scan results (reference §3.4, all inferred)."""

    create: str = "POST /v1/externalScan"
    """Create a result; the body carries the server id, name, CVE ids and external flag."""
    update: str = "PUT /v1/externalScan/{externalScanID}"
    """Partial update of one result; ``cve_ids`` replaces the whole list."""
    list: str = "GET /v1/externalScans"
    """Paged list, with the usual ``paging`` envelope."""
    get: str = "GET /v1/externalScan/{externalScanID}"
    """One result."""
    delete: str = "DELETE /v1/externalScan/{externalScanID}"
    """Delete one result (200, empty body)."""
    list_key: str = "externalScans"
    """Key of the item array in the list envelope."""
    filter_server_id: str = "filterServerID"
    """Query parameter that filters the list by server."""
    id_key: str = "id"
    """Key of the result's id in responses."""
    server_id_key: str = "serverID"
    """Key of the server id, in requests and responses."""
    name_key: str = "name"
    """Key of the result's name, in requests and responses."""
    cve_ids_key: str = "cveIDs"
    """Key of the CVE id list, in requests and responses."""
    is_external_key: str = "isExternalScan"
    """Key of the "exposed externally" flag, in requests and responses."""
    created_at_key: str = "createdAt"
    """Key of the creation time in responses."""
    updated_at_key: str = "updatedAt"
    """Key of the last update time in responses."""


@frozen(kw_only=True)
class RoleSsvcProfile:
    """Route and JSON keys of a role's SSVC settings (reference §4.2, all unknown)."""

    update: str = "PUT /v1/role/{roleID}"
    """Route that writes the SSVC keys (the role update route, extended)."""
    exposure_key: str = "ssvcExposure"
    """System exposure: small, controlled, open."""
    human_impact_key: str = "ssvcHumanImpact"
    """Human impact: low, medium, high, very high."""
    mission_impact_key: str = "ssvcMissionImpact"
    """Optional mission impact, when human impact is entered as its two inputs."""
    safety_impact_key: str = "ssvcSafetyImpact"
    """Optional safety impact, when human impact is entered as its two inputs."""
    value_density_key: str = "ssvcValueDensity"
    """Value density: diffuse, concentrated (with the CVE's automatable, it gives utility)."""


@frozen(kw_only=True)
class ServerTagProfile:
    """Route and JSON key that write a server's tags (reference §4.1, unknown)."""

    update: str = "PUT /v1/server/{serverID}"
    """Route that replaces the server's tag set."""
    tags_key: str = "tags"
    """Key of the tag-name list in the body."""


@frozen(kw_only=True)
class ProfileItem:
    """One overridable item of a profile, for documentation and diagnostics."""

    name: str
    """Dotted name, e.g. ``external_scans.create``."""
    value: str
    """The value in force."""
    status: str
    """``inferred`` or ``unknown`` (reference legend) or ``confirmed``."""


_STATUS: Final[Mapping[str, str]] = {
    "external_scans": "inferred",
    "role_ssvc": "unknown",
    "server_tags": "unknown",
    "pseudo_server_create": "confirmed (future-vuls CLI only, not in the spec)",
}

_SECTIONS: Final[Mapping[str, type]] = {
    "external_scans": ExternalScanProfile,
    "role_ssvc": RoleSsvcProfile,
    "server_tags": ServerTagProfile,
}


@frozen(kw_only=True)
class ApiProfile:
    """Every unconfirmed route template and JSON key, with the reference's proposals as defaults.

    Instances are immutable and hashable; build variants with :meth:`from_mapping` or
    :func:`attrs.evolve`.
    """

    external_scans: ExternalScanProfile = ExternalScanProfile()
    """External scan results (create, update, list, get, delete)."""
    role_ssvc: RoleSsvcProfile = RoleSsvcProfile()
    """A role's SSVC exposure and human impact."""
    server_tags: ServerTagProfile = ServerTagProfile()
    """Writing a server's tags."""
    pseudo_server_create: str = "POST /v1/server/pseudo"
    """Create a pseudo server; body ``{"serverName": ...}``."""

    def __attrs_post_init__(self) -> None:
        for item in self.items():
            if item.name.rsplit(".", 1)[-1] in _ROUTE_FIELDS:
                split_route(item.value)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, origin: str = "profile") -> ApiProfile:
        """Build a profile from defaults overridden by ``data`` (the shape of a profile file).

        Raises:
            ConfigError: naming the unknown section or key, or the value that is not a string.
        """
        base = cls()
        changes: dict[str, Any] = {}
        for key, value in data.items():
            if key in _SECTIONS:
                if not isinstance(value, Mapping):
                    raise ConfigError(f"{origin}: [{key}] must be a table of keys, got {value!r}")
                section = getattr(base, key)
                changes[key] = evolve(section, **_checked(value, type(section), f"{origin}: [{key}]"))
            elif key == "pseudo_server_create":
                changes[key] = _checked({key: value}, cls, origin)[key]
            else:
                known = sorted([*_SECTIONS, "pseudo_server_create"])
                raise ConfigError(f"{origin}: unknown key {key!r}; known keys: {known}")
        return evolve(base, **changes)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> ApiProfile:
        """Load a TOML (``.toml``) or JSON file of overrides.

        Raises:
            ConfigError: when the file cannot be read or parsed, or names unknown keys.
        """
        origin, text = read_text_file(path, what="API profile")
        is_json = Path(path).suffix.lower() == ".json"
        data = load_json(text, origin=origin) if is_json else load_toml(text, origin=origin)
        if not isinstance(data, Mapping):
            raise ConfigError(f"{origin} must hold a table/object at its top level")
        return cls.from_mapping(data, origin=origin)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ApiProfile:
        """The profile named by ``FUTUREVULS_API_PROFILE``, or the defaults when it is unset."""
        env = os.environ if environ is None else environ
        path = env.get(PROFILE_ENV_VAR)
        return cls.from_file(path) if path else cls()

    def items(self) -> Iterator[ProfileItem]:
        """Every item with its dotted name, value in force and status in the reference."""
        for section_name in _SECTIONS:
            section = getattr(self, section_name)
            for attribute in fields(type(section)):
                yield ProfileItem(
                    name=f"{section_name}.{attribute.name}",
                    value=getattr(section, attribute.name),
                    status=_STATUS[section_name],
                )
        yield ProfileItem(
            name="pseudo_server_create",
            value=self.pseudo_server_create,
            status=_STATUS["pseudo_server_create"],
        )


_ROUTE_FIELDS: Final = frozenset({"create", "update", "list", "get", "delete", "pseudo_server_create"})


def _checked(values: Mapping[str, Any], target: type, origin: str) -> dict[str, str]:
    known = {a.name for a in fields(target)}
    result: dict[str, str] = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"{origin}: unknown key {key!r}; known keys: {sorted(known)}")
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{origin}: {key} must be a non-empty string, got {value!r}")
        result[key] = value
    return result
