"""``plan_exposure``: decide each server's exposure from Inspector evidence (and external scans), pure.

The plan writes nothing. It says, per server, open / controlled / no change and why (ports, network
path, external scan results), and lists the instances it could not place.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import IO

import attrs

from .._export import ToDict
from ..models import ExternalScan, Server
from ..parsers import Reachability, ScanReport, parse_report
from ..ssvc import Exposure
from ._evidence import InstanceEvidence, PathEvidence, instance_evidence
from ._match import match_instances

__all__ = [
    "ExposureDecision",
    "ExposurePlan",
    "FindingsSource",
    "UnmatchedInstance",
    "load_findings",
    "plan_exposure",
]

FindingsSource = ScanReport | str | os.PathLike[str] | IO[bytes] | Iterable[Reachability]


@attrs.frozen(kw_only=True)
class ExposureDecision(ToDict):
    """What the evidence says about one server.

    Attributes:
        server_id: the FutureVuls server.
        server_name: its name.
        role_id: its current role.
        role_name: its current role's name.
        exposure: ``Exposure.OPEN``, ``Exposure.CONTROLLED``, or None for "no change".
        matched_by: ``"platformInstanceId"``, ``"ip"``, or None when only external scans speak for it.
        instance_id: the matched EC2 instance, if any.
        open_ports: ports reachable from the internet (``"22/tcp"``), each once.
        paths: every reachability path of the instance.
        external_scans: names of the server's "exposed externally" scan results that list CVEs.
        reason: one sentence a human can check.
    """

    server_id: int
    server_name: str | None
    role_id: int | None
    role_name: str | None
    exposure: Exposure | None
    matched_by: str | None = None
    instance_id: str | None = None
    open_ports: tuple[str, ...] = ()
    paths: tuple[PathEvidence, ...] = ()
    external_scans: tuple[str, ...] = ()
    reason: str = ""


@attrs.frozen(kw_only=True)
class UnmatchedInstance(ToDict):
    """An instance of the findings that no server could be matched to, and why."""

    instance_id: str
    ip_addresses: frozenset[str]
    exposure: Exposure | None
    reason: str


@attrs.frozen(kw_only=True)
class ExposurePlan(ToDict):
    """The decisions for every server the evidence covers, the instances left unmatched, and warnings."""

    decisions: tuple[ExposureDecision, ...]
    unmatched: tuple[UnmatchedInstance, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def open(self) -> tuple[ExposureDecision, ...]:
        """Servers reachable from the internet."""
        return tuple(d for d in self.decisions if d.exposure is Exposure.OPEN)

    @property
    def controlled(self) -> tuple[ExposureDecision, ...]:
        """Servers reachable only through peering, VPN or another non-internet edge."""
        return tuple(d for d in self.decisions if d.exposure is Exposure.CONTROLLED)

    @property
    def unchanged(self) -> tuple[ExposureDecision, ...]:
        """Servers the evidence covers but gives no path to."""
        return tuple(d for d in self.decisions if d.exposure is None)

    def decision(self, server_id: int) -> ExposureDecision | None:
        """The decision for one server, or None when the evidence does not cover it."""
        return next((d for d in self.decisions if d.server_id == server_id), None)


def load_findings(source: FindingsSource) -> ScanReport | Iterable[Reachability]:
    """The findings parsed when ``source`` is a path or a binary stream; else ``source`` itself."""
    if isinstance(source, str | os.PathLike) or hasattr(source, "read"):
        return parse_report(source, format="inspector")  # type: ignore[arg-type]
    return source


def _load(source: FindingsSource) -> tuple[list[Reachability], dict[str, frozenset[str]], tuple[str, ...]]:
    """Reachability records, every known instance (ID -> addresses), and report warnings."""
    source = load_findings(source)
    if isinstance(source, ScanReport):
        if source.format != "inspector":
            note = (
                f"a {source.format!r} report carries no network reachability: only Amazon Inspector findings "
                "(and external scan results) are evidence of exposure"
            )
            return [], {}, (*source.warnings, note)
        known = {h.address: frozenset(h.ip_addresses) for h in source.hosts}
        return list(source.reachability), known, source.warnings
    records = list(source)
    return records, {}, ()


def _reason(evidence: InstanceEvidence | None, scans: Sequence[str]) -> str:
    parts: list[str] = []
    if evidence is not None and evidence.exposure is Exposure.OPEN:
        lb = any(p.via_load_balancer for p in evidence.paths if p.edge == "internet-gateway")
        parts.append(
            f"{', '.join(evidence.open_ports)} reachable from an Internet Gateway"
            + (" (through a load balancer)" if lb else "")
        )
    elif evidence is not None and evidence.exposure is Exposure.CONTROLLED:
        edges = sorted({p.edge for p in evidence.paths})
        parts.append(f"reachable only through {' / '.join(edges)} (no Internet Gateway path)")
    if scans:
        parts.append(f"exposed-externally scan result(s): {', '.join(scans)}")
    return "; ".join(parts) or "no ACTIVE network reachability finding"


def plan_exposure(
    findings_or_report: FindingsSource,
    servers: Iterable[Server],
    *,
    external_scans: Iterable[ExternalScan] | None = None,
) -> ExposurePlan:
    """Decide open / controlled / no change for every server the evidence covers.

    Args:
        findings_or_report: an Inspector findings file (path or binary stream), a parsed
            :class:`~futurevuls_ext.parsers.ScanReport`, or :class:`~futurevuls_ext.parsers.Reachability`
            records.
        servers: the group's servers (``client.servers.list()``).
        external_scans: optional external scan results; a server with an "exposed externally" result
            listing CVEs is open (a scanner on the internet saw it), whatever Inspector says.

    Returns:
        An :class:`ExposurePlan`, in server-ID order. Nothing is written.
    """
    records, known, report_warnings = _load(findings_or_report)
    evidence = instance_evidence(records)
    addresses = {**known, **{i: e.ip_addresses | known.get(i, frozenset()) for i, e in evidence.items()}}
    server_list = list(servers)
    by_id = {s.id: s for s in server_list}
    matches = match_instances(addresses, server_list)
    exposed_scans: dict[int, list[str]] = {}
    for scan in external_scans or ():
        if scan.is_external_scan and scan.cve_ids and scan.server_id in by_id:
            exposed_scans.setdefault(scan.server_id, []).append(scan.name or str(scan.id))

    decisions: dict[int, ExposureDecision] = {}
    unmatched: list[UnmatchedInstance] = []
    warnings = list(report_warnings)
    for instance_id, match in matches.items():
        found = evidence.get(instance_id)
        if not match.server_ids:
            exposure = found.exposure if found is not None else None
            unmatched.append(
                UnmatchedInstance(
                    instance_id=instance_id,
                    ip_addresses=addresses[instance_id],
                    exposure=exposure,
                    reason=match.reason,
                )
            )
            continue
        if len(match.server_ids) > 1:
            warnings.append(
                f"instance {instance_id} is the platformInstanceId of servers "
                f"{', '.join(map(str, match.server_ids))}; all of them get its evidence"
            )
        for server_id in match.server_ids:
            decisions[server_id] = _decide(by_id[server_id], found, match.by, instance_id, exposed_scans)
    for server_id in exposed_scans:
        if server_id not in decisions:
            decisions[server_id] = _decide(by_id[server_id], None, None, None, exposed_scans)
    return ExposurePlan(
        decisions=tuple(decisions[k] for k in sorted(decisions)),
        unmatched=tuple(sorted(unmatched, key=lambda u: u.instance_id)),
        warnings=tuple(warnings),
    )


def _decide(
    server: Server,
    evidence: InstanceEvidence | None,
    matched_by: str | None,
    instance_id: str | None,
    exposed_scans: dict[int, list[str]],
) -> ExposureDecision:
    scans = tuple(sorted(exposed_scans.get(server.id, ())))
    exposure = Exposure.OPEN if scans else (evidence.exposure if evidence is not None else None)
    return ExposureDecision(
        server_id=server.id,
        server_name=server.server_name,
        role_id=server.serverrole_id,
        role_name=server.serverrole_name,
        exposure=exposure,
        matched_by=matched_by,
        instance_id=instance_id,
        open_ports=evidence.open_ports if evidence is not None else (),
        paths=evidence.paths if evidence is not None else (),
        external_scans=scans,
        reason=_reason(evidence, scans),
    )
