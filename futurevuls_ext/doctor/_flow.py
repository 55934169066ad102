"""The doctor's probing plan as pure code: a generator both clients drive.

``doctor_flow`` yields an :class:`~futurevuls_ext._core.request.ApiRequest` (always a GET) and is sent
back the ``httpx.Response`` or the SDK error the attempt ended with; it returns the
:class:`~futurevuls_ext.doctor.DoctorReport`. The sync and async clients only send.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import urllib.request
from collections.abc import Generator
from typing import Any

import attrs
import httpx

from .._core.request import ApiRequest, expand_path
from .._core.response import loads
from .._exceptions import ConfigError, FutureVulsError
from ..profile import ApiProfile
from ._candidates import SCAN_FAMILIES, SSVC_KEY_RE, TAG_ROUTES, ScanFamily
from ._report import Check, DoctorReport, RouteProbe, verdict_of

__all__ = ["Outcome", "doctor_flow"]

Outcome = httpx.Response | FutureVulsError
Flow = Generator[ApiRequest, Outcome, DoctorReport]

_MAX_ROLES = 5
_MAX_SERVERS = 20
_SKEW_WARN_SECONDS = 300.0
_ROLE_KEY_FIELDS = {
    "exposure_key": "exposure",
    "human_impact_key": "human",
    "mission_impact_key": "mission",
    "safety_impact_key": "safety",
    "value_density_key": "density",
}


def _get(path: str, *, auth: bool = True, **params: str) -> ApiRequest:
    return ApiRequest(method="GET", path=path, params=tuple(params.items()), needs_auth=auth)


def _json(response: httpx.Response) -> Any:
    try:
        return loads(response.content)  # hostile bodies (deep nesting, NaN, 1e999) are ValueErrors
    except ValueError:
        return None


def _proxy(base_url: httpx.URL) -> str:
    """The proxy the client goes through (https only: plain http never uses one), user:password cut."""
    if base_url.scheme != "https" or urllib.request.proxy_bypass(base_url.host):
        return "none"
    proxy = urllib.request.getproxies().get("https") or urllib.request.getproxies().get("all")
    if not proxy:
        return "none"
    shown = httpx.URL(proxy)
    return str(shown.copy_with(username=None, password=None)) if shown.userinfo else proxy


_TRANSPORTS = {
    "stdlib": "http.client (the standard library)",
    "httpx": "httpx's own (httpcore)",
    "aiohttp": "aiohttp (the aiohttp extra)",
}


def _transport(name: str, proxy: str) -> str:
    """What the client sends through; the sync default reaches a proxy through httpx's own."""
    what = _TRANSPORTS.get(name, f"{name} (given as transport=)")
    if name == "stdlib" and proxy != "none":
        return f"{what}; through the proxy: httpx's own"
    return what


def _clock(response: httpx.Response, now: dt.datetime) -> Check:
    date = response.headers.get("Date")
    if not date:
        return Check(name="clock", ok=None, detail="the answer has no Date header")
    try:
        server = email.utils.parsedate_to_datetime(date)
    except (TypeError, ValueError):
        return Check(name="clock", ok=None, detail=f"unreadable Date header {date!r}")
    skew = (now - server).total_seconds()
    ok = abs(skew) < _SKEW_WARN_SECONDS
    return Check(name="clock", ok=ok, detail=f"local clock {skew:+.0f} s from the server's Date header")


class _State:
    def __init__(self, profile: ApiProfile) -> None:
        self.checks: list[Check] = []
        self.probes: list[RouteProbe] = []
        self.tags: list[RouteProbe] = []
        self.profile = profile
        self.sources: dict[str, str] = {}
        self.scope: str | None = None
        self.family: str | None = None
        self.role_keys: list[str] = []

    def report(self, base_url: str, failure: str | None = None, kind: str | None = None) -> DoctorReport:
        return DoctorReport(
            base_url=base_url,
            checks=tuple(self.checks),
            scope=self.scope,
            scan_family=self.family,
            probes=tuple(self.probes),
            role_ssvc_keys=tuple(self.role_keys),
            tag_routes=tuple(self.tags),
            profile=self.profile,
            sources=dict(self.sources),
            failure=failure,
            failure_kind=kind,
        )


def doctor_flow(
    base_url: httpx.URL, profile: ApiProfile, *, now: dt.datetime | None = None, transport: str | None = None
) -> Flow:
    """Probe ``base_url`` read-only; see the module docstring for the protocol.

    ``transport`` (the client's transport name) is reported as an informational check.
    """
    state = _State(profile)
    where = str(base_url)
    health = yield _get("/health", auth=False)
    if isinstance(health, FutureVulsError):
        state.checks.append(Check(name="reachable", ok=False, detail=str(health)))
        return state.report(where, f"cannot reach {where}: {health}", "api")
    body = _json(health)
    if health.status_code != 200 or body is not True:
        kind = health.headers.get("Content-Type", "no Content-Type")
        detail = f"GET /health answered {health.status_code} ({kind}), not FutureVuls' `true`"
        state.checks.append(Check(name="reachable", ok=False, detail=detail))
        return state.report(where, f"{where} does not answer like FutureVuls: {detail}", "api")
    state.checks.append(Check(name="reachable", ok=True, detail="GET /health answered true"))
    secure = base_url.scheme == "https"
    tls = "https, certificate verified" if secure else "plain http (allowed for loopback only)"
    state.checks.append(Check(name="tls", ok=True if secure else None, detail=tls))
    proxy = _proxy(base_url)
    state.checks.append(Check(name="proxy", ok=None, detail=proxy))
    if transport is not None:
        state.checks.append(Check(name="transport", ok=None, detail=_transport(transport, proxy)))
    state.checks.append(_clock(health, now or dt.datetime.now(dt.UTC)))

    servers = yield _get("/v1/servers", page="1", limit=str(_MAX_SERVERS))
    if isinstance(servers, ConfigError):
        state.checks.append(Check(name="token", ok=False, detail=str(servers)))
        return state.report(where, str(servers), "config")
    if isinstance(servers, FutureVulsError):
        state.checks.append(Check(name="token", ok=False, detail=str(servers)))
        return state.report(where, f"GET /v1/servers failed: {servers}", "api")
    server_ids: list[int] = []
    if servers.status_code == 200:
        state.scope = "group"
        items = (_json(servers) or {}).get("servers") or []
        server_ids = [s["id"] for s in items if isinstance(s, dict) and isinstance(s.get("id"), int)]
        state.checks.append(Check(name="token", ok=True, detail="accepted: a group token"))
    else:
        group_set = yield _get("/v1/groupSet/servers", page="1", limit="1")
        if isinstance(group_set, httpx.Response) and group_set.status_code == 200:
            state.scope = "group-set"
            detail = "accepted: a group-set token (read-only across groups; imports need a group token)"
            state.checks.append(Check(name="token", ok=False, detail=detail))
            return state.report(where)
        detail = f"refused: GET /v1/servers answered {servers.status_code}"
        state.checks.append(Check(name="token", ok=False, detail=detail))
        return state.report(where, f"the token was not accepted ({servers.status_code})", "api")

    server_id = server_ids[0] if server_ids else None
    yield from _scan_families(state, server_ids)
    yield from _role_keys(state)
    for template in TAG_ROUTES:
        if "{serverID}" in template and server_id is None:
            state.tags.append(RouteProbe(family="tags", path=template, status=None, verdict="not probed"))
            continue
        path = expand_path(template, {"serverID": server_id})
        answer = yield _get(path)
        status = answer.status_code if isinstance(answer, httpx.Response) else None
        state.tags.append(RouteProbe(family="tags", path=path, status=status, verdict=verdict_of(status)))
    return state.report(where)


def _list_key(body: Any, default: str) -> str:
    if isinstance(body, dict):
        keys = [k for k, v in body.items() if k != "paging" and isinstance(v, list)]
        if len(keys) == 1:
            return str(keys[0])
    return default


def _item_id(answer: Outcome, default_key: str) -> tuple[str, Any]:
    """The list key of a list answer and the id of its first item (None when it lists nothing)."""
    body = _json(answer) if isinstance(answer, httpx.Response) else None
    key = _list_key(body, default_key)
    items = body.get(key) if isinstance(body, dict) else None
    return key, items[0].get("id") if items and isinstance(items[0], dict) else None


def _scan_families(state: _State, server_ids: list[int]) -> Generator[ApiRequest, Outcome, None]:
    server_id = server_ids[0] if server_ids else None
    for family in SCAN_FAMILIES:
        if family.nested and server_id is None:
            note = "needs a server id: the group has no server"
            state.probes.append(
                RouteProbe(
                    family=family.name, path=family.collection, status=None, verdict="not probed", note=note
                )
            )
            continue
        path = expand_path(family.collection, {"serverID": server_id})
        answer = yield _get(path, page="1", limit="1")
        status = answer.status_code if isinstance(answer, httpx.Response) else None
        verdict = verdict_of(status)
        state.probes.append(RouteProbe(family=family.name, path=path, status=status, verdict=verdict))
        if verdict != "exists" or not isinstance(answer, httpx.Response):
            continue
        key, item_id = _item_id(answer, family.list_key)
        owner = server_id
        for other in server_ids[1:] if family.nested and item_id is None else []:
            # the first server has no result: look for one under the next servers, for an id to read
            listed = yield _get(expand_path(family.collection, {"serverID": other}), page="1", limit="1")
            key, item_id = _item_id(listed, key)
            if item_id is not None:
                owner = other
                break
        item_found = False
        if item_id is not None:
            item_path = expand_path(family.item, {"serverID": owner, "externalScanID": item_id})
            item = yield _get(item_path)
            item_status = item.status_code if isinstance(item, httpx.Response) else None
            item_found = verdict_of(item_status) == "exists"
            state.probes.append(
                RouteProbe(
                    family=family.name,
                    path=item_path,
                    status=item_status,
                    verdict=verdict_of(item_status),
                    note="id from the list answer",
                )
            )
        if state.family is None:
            _adopt(state, family, key, item_found=item_found)


def _adopt(state: _State, family: ScanFamily, list_key: str, *, item_found: bool) -> None:
    state.family = family.name
    routes = {**family.profile_routes(), "list_key": list_key}
    state.profile = attrs.evolve(
        state.profile, external_scans=attrs.evolve(state.profile.external_scans, **routes)
    )
    for name in ("list", "list_key"):
        state.sources[f"external_scans.{name}"] = "found by probe"
    for name in ("create", "update", "delete"):
        state.sources[f"external_scans.{name}"] = "inferred from the probed family (writes are never probed)"
    state.sources["external_scans.get"] = (
        "found by probe" if item_found else "inferred from the probed family (no result to read)"
    )


def _role_keys(state: _State) -> Generator[ApiRequest, Outcome, None]:
    roles = yield _get("/v1/roles", page="1", limit=str(_MAX_ROLES))
    if not isinstance(roles, httpx.Response) or roles.status_code != 200:
        return
    items = (_json(roles) or {}).get("roles") or []
    keys: dict[str, None] = {}
    for role in items[:_MAX_ROLES]:
        if not isinstance(role, dict) or "id" not in role:
            continue
        detail = yield _get(f"/v1/role/{role['id']}")
        body = _json(detail) if isinstance(detail, httpx.Response) and detail.status_code == 200 else None
        for source in (role, body if isinstance(body, dict) else {}):
            keys.update(dict.fromkeys(k for k in source if SSVC_KEY_RE.search(k)))
    state.role_keys = sorted(keys)
    changes: dict[str, str] = {}
    for field, word in _ROLE_KEY_FIELDS.items():
        matches = [k for k in state.role_keys if word in k.lower()]
        if len(matches) == 1 and hasattr(state.profile.role_ssvc, field):
            changes[field] = matches[0]
            state.sources[f"role_ssvc.{field}"] = "found by probe"
    if changes:
        state.profile = attrs.evolve(
            state.profile, role_ssvc=attrs.evolve(state.profile.role_ssvc, **changes)
        )
