"""The typed result of ``doctor``: checks, route probes, the profile they imply, a table and a TOML file."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal

from attrs import frozen

from .._export import ToDict, to_plain
from ..profile import ApiProfile

__all__ = ["Check", "DoctorReport", "RouteProbe", "Verdict"]

Verdict = Literal["exists", "absent", "unknown", "not probed"]


def verdict_of(status: int | None) -> Verdict:
    """200/400/422: the route exists; 404/405: it does not; anything else (401, 5xx...): unknown."""
    if status is None:
        return "not probed"
    if status in (200, 400, 422):
        return "exists"
    if status in (404, 405):
        return "absent"
    return "unknown"


@frozen(kw_only=True)
class Check(ToDict):
    """One environment check (reachability, TLS, proxy, clock, token)."""

    name: str
    ok: bool | None
    """True passed, False failed, None informational."""
    detail: str


@frozen(kw_only=True)
class RouteProbe(ToDict):
    """One GET sent to a candidate route, and what its status says."""

    family: str
    path: str
    status: int | None
    verdict: Verdict
    note: str = ""


@frozen(kw_only=True)
class DoctorReport:
    """What ``client.doctor()`` found. Read-only: it was built from GET requests alone.

    Attributes:
        base_url: the API root probed.
        checks: reachability, TLS, proxy, clock skew and token checks, in order.
        scope: what the token opens: ``"group"``, ``"group-set"``, or None when it was not accepted.
        scan_family: the external-scan route family that answered, or None.
        probes: every external-scan route probed, with its status and verdict.
        role_ssvc_keys: the SSVC-looking keys found in real role detail answers.
        tag_routes: the tag routes probed.
        profile: the :class:`ApiProfile` matching what was found (defaults where nothing was).
        sources: profile entry (``external_scans.list``) -> ``"found by probe"`` or ``"inferred from the
            probed family"`` (write routes are never probed); entries not in it are defaults, not found.
        failure: why probing stopped early (unreachable, not FutureVuls, token refused), else None.
        failure_kind: ``"config"`` or ``"api"`` when ``failure`` is set.
    """

    base_url: str
    checks: tuple[Check, ...]
    scope: str | None
    scan_family: str | None
    probes: tuple[RouteProbe, ...]
    role_ssvc_keys: tuple[str, ...]
    tag_routes: tuple[RouteProbe, ...]
    profile: ApiProfile
    sources: Mapping[str, str]
    failure: str | None = None
    failure_kind: str | None = None

    @property
    def ok(self) -> bool:
        """True when everything the SDK needs was found (a group token, external scans, role SSVC keys)."""
        return (
            self.failure is None
            and self.scope == "group"
            and self.scan_family is not None
            and "role_ssvc.exposure_key" in self.sources
        )

    @property
    def exit_code(self) -> int:
        """The command line's code: 0 all found, 1 something not found, 2 configuration, 4 API error."""
        if self.failure is not None:
            return 2 if self.failure_kind == "config" else 4
        return 0 if self.ok else 1

    def source(self, name: str) -> str:
        """How the profile entry ``name`` was decided: found by probe, inferred, or default, not found."""
        return self.sources.get(name, "default, not found")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (``--json``)."""
        return {
            "base_url": self.base_url,
            "ok": self.ok,
            "failure": self.failure,
            "checks": to_plain(self.checks),
            "scope": self.scope,
            "external_scans": {
                "family": self.scan_family,
                "probes": to_plain(self.probes),
            },
            "role_ssvc_keys": list(self.role_ssvc_keys),
            "tag_routes": to_plain(self.tag_routes),
            "profile": {
                item.name: {"value": item.value, "source": self.source(item.name)}
                for item in self.profile.items()
            },
        }

    def table(self) -> str:
        """A plain-text report for people: checks, then probes, then the profile in force."""
        mark = {True: "ok  ", False: "FAIL", None: "info"}
        lines = [f"FutureVuls doctor: {self.base_url}", ""]
        lines += [f"  [{mark[c.ok]}] {c.name:<12} {c.detail}" for c in self.checks]
        if self.failure is not None:
            lines += ["", f"stopped: {self.failure}"]
            return "\n".join(lines)
        lines += ["", "external scan routes (GET only; 200/400/422 = exists, 404/405 = absent):"]
        lines += [
            f"  {p.verdict:<10} {p.status if p.status is not None else '-':<4} {p.path}  {p.note}"
            for p in self.probes
        ]
        lines.append(f"  -> {self.scan_family or 'NOT FOUND: no candidate answered'}")
        keys = ", ".join(self.role_ssvc_keys) or "none found (no role answer carried one)"
        lines += ["", f"role SSVC keys: {keys}", "", "tag routes:"]
        lines += [
            f"  {p.verdict:<10} {p.status if p.status is not None else '-':<4} {p.path}"
            for p in self.tag_routes
        ]
        lines += ["", "profile (found by probe / default, not found):"]
        for item in self.profile.items():
            how = self.source(item.name)
            lines.append(f"  {item.name:<34} {item.value!r:<46} {how}")
        lines += ["", "all the SDK needs was found" if self.ok else "something was not found: see above"]
        return "\n".join(lines)

    def profile_toml(self) -> str:
        """The ApiProfile as TOML, every entry commented "found by probe" or "default, not found"."""
        out = [
            "# ApiProfile written by `futurevuls-ext doctor` for " + self.base_url,
            "# load it with --profile FILE, FUTUREVULS_API_PROFILE=FILE",
            "# or Client(profile=ApiProfile.from_file(FILE))",
            "",
        ]
        sections: dict[str, list[str]] = {}
        for item in self.profile.items():
            how = self.source(item.name)
            if "." not in item.name:
                out.append(f"{item.name} = {json.dumps(item.value)}  # {how}")
                continue
            section, key = item.name.split(".", 1)
            sections.setdefault(section, []).append(f"{key} = {json.dumps(item.value)}  # {how}")
        for section, entries in sections.items():
            out += ["", f"[{section}]", *entries]
        return "\n".join(out) + "\n"
