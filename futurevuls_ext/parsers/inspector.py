"""Amazon Inspector v2 findings: one host per EC2 instance, CVEs, and network-reachability records.

Accepted containers (all streamed finding by finding): ``aws inspector2 list-findings`` output /
``ListFindings`` pages (``{"findings": [...], "nextToken": ...}``), a bare JSON array of findings,
NDJSON (one finding per line), EventBridge events (``detail-type: "Inspector2 Finding"``, the
finding in ``detail``), Security Hub ASFF exports (``{"Findings": [...]}``, only findings with
``aws/inspector/ProductVersion`` 2), and a single finding object. ``{}`` or any other document that
holds no finding is refused.

* Host = ``resources[].id`` of every ``AWS_EC2_INSTANCE`` resource (ASFF: the ``instanceId`` product
  field, else the last segment of the resource ARN); ``ip_addresses`` = the valid IPv4 / IPv6
  addresses of ``details.awsEc2Instance`` (else ``details.vm``). Findings of any status make the
  instance known; only ``ACTIVE`` ones contribute CVEs, ports and reachability.
* CVEs: ``packageVulnerabilityDetails.vulnerabilityId`` of ACTIVE ``PACKAGE_VULNERABILITY`` findings,
  when it is a CVE id (GHSA / KB / ALAS ids are reported as skipped; ``relatedVulnerabilities`` is
  not read). The finding's ``type`` decides which detail block is read.
* ACTIVE ``NETWORK_REACHABILITY`` findings become :class:`Reachability` records (``ctx``), with the
  path's component types and whether it passes an Internet Gateway, a load balancer, or VPC peering /
  VPN. Ports reachable through an Internet Gateway are also the instance's open ports (ranges up to
  16 ports are expanded; wider ranges stay in the reachability record only).
* Other resource types (ECR images and repositories, Lambda functions, AMIs, Azure resources) are
  reported as skipped with their type and the finding's id; they are not hosts.
* A ``nextToken`` beside the list means the file holds one page only: a warning says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from ._context import ParseContext
from ._cve import normalize_cve
from ._json import RecordGate, head_keys, head_starts_like_json
from ._json_parser import JsonRecordsParser
from ._model import Finding, Reachability, Severity
from .inspector_records import EC2, InspectorRecord, Path, Resource, normalise

__all__ = ["InspectorParser"]

_MAX_EXPANDED_RANGE = 16
_PEERING_OR_VPN = ("VPCPeering", "VPNGateway", "VpnGateway", "VPNConnection", "TransitGateway")


def _path_flags(path: Path) -> tuple[bool, bool, bool]:
    igw = any(
        t == "AWS::EC2::InternetGateway" or i.startswith("igw-")
        for t, i in zip(path.component_types, path.component_ids, strict=False)
    )
    lb = any("LoadBalanc" in t for t in path.component_types)
    private = any(any(k in t for k in _PEERING_OR_VPN) for t in path.component_types) or any(
        i.startswith(("pcx-", "vgw-", "tgw-", "vpn-")) for i in path.component_ids
    )
    return igw, lb, private


class InspectorParser(JsonRecordsParser):
    """Parser for Amazon Inspector v2 findings in every container they come in."""

    name: ClassVar[str] = "inspector"
    priority: ClassVar[int] = 50
    description: ClassVar[str] = (
        "Amazon Inspector v2 findings (list-findings, EventBridge, Security Hub ASFF)"
    )

    def sniff(self, head: bytes) -> float:
        """Score Inspector findings by their characteristic keys."""
        if not head_starts_like_json(head):
            return 0.0
        if b'"aws/inspector/ProductVersion"' in head or b'"Inspector2 Finding"' in head:
            return 0.95
        keys = head_keys(head)
        if "findingArn" in keys and keys & {"awsAccountId", "resources"}:
            return 0.95
        if "findings" in keys and head.lstrip().startswith(b"{"):
            return 0.3
        return 0.0

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        """Yield findings per EC2 instance resource; record reachability and skipped resources in ctx."""
        gate = RecordGate(ctx, "Amazon Inspector", record="finding")
        reader = self.records(stream, ctx, gate, wrapper_keys=("findings", "Findings"))
        seen_paths: set[tuple[str | None, str]] = set()
        for record, line in reader:
            item = normalise(record)
            if isinstance(item, str):
                if item.startswith("Security Hub finding"):
                    gate.valid += 1
                    ctx.skip(f"line {line}", item)
                else:
                    gate.reject(line, item)
                continue
            gate.valid += 1
            yield from self._record(item, f"line {line}", ctx, seen_paths)
        gate.finish()
        if not reader.wrappers and not reader.arrays and gate.valid == 0:
            raise ctx.error(
                "no Amazon Inspector finding and no findings list: not an Inspector findings document "
                '(an empty result is {"findings": []})',
                location="end of file",
            )
        for envelope in reader.envelopes:
            token = envelope.get("nextToken") or envelope.get("NextToken")
            if token:
                ctx.warn(
                    "the file holds one page of results (nextToken is set): findings on later pages are "
                    "missing; export with the CLI's automatic pagination"
                )

    def _record(
        self, item: InspectorRecord, where: str, ctx: ParseContext, seen: set[tuple[str | None, str]]
    ) -> Iterator[Finding]:
        active = item.status == "ACTIVE"
        cve = None
        if item.type == "PACKAGE_VULNERABILITY" and item.vulnerability_id:
            cve = normalize_cve(item.vulnerability_id)
        label = item.vulnerability_id or item.arn or item.type
        for resource in item.resources:
            if resource.type != EC2 or not resource.id:
                ctx.skip(
                    where,
                    f"{resource.type} {resource.id or '(no id)'} is not an EC2 instance "
                    f"({item.type} {label}, {item.status})",
                )
                continue
            if not active:
                ctx.skip(
                    where, f"{item.status} {item.type} {label} on {resource.id}: only ACTIVE findings count"
                )
            elif item.type == "PACKAGE_VULNERABILITY" and cve is None:
                ctx.skip(where, f"{label} on {resource.id} is not a CVE id")
            ports: list[int] = []
            protocol = None
            if active and item.path is not None:
                ports, protocol = self._reachability(item, resource, where, ctx, seen)
            base = Finding(
                address=resource.id,
                ip_addresses=resource.ipv4 + resource.ipv6,
                cve_ids=frozenset((cve,)) if cve and active else frozenset(),
                port=ports[0] if ports else None,
                protocol=protocol if ports else None,
                severity=Severity.parse(item.severity),
                cvss=item.cvss,
                source_id=item.vulnerability_id or item.arn,
                title=item.title,
                scanner=self.name,
            )
            yield base
            for port in ports[1:]:
                yield Finding(
                    address=resource.id,
                    ip_addresses=base.ip_addresses,
                    port=port,
                    protocol=protocol,
                    severity=base.severity,
                    source_id=base.source_id,
                    title=base.title,
                    scanner=self.name,
                )

    @staticmethod
    def _reachability(
        item: InspectorRecord,
        resource: Resource,
        where: str,
        ctx: ParseContext,
        seen: set[tuple[str | None, str]],
    ) -> tuple[list[int], str | None]:
        """Record the reachability of an ACTIVE path; return the internet-open ports to attach."""
        path = item.path
        assert path is not None
        igw, lb, private = _path_flags(path)
        key = (item.arn, resource.id)
        if item.arn is None or key not in seen:
            seen.add(key)
            ctx.add_reachability(
                Reachability(
                    instance_id=resource.id,
                    ip_addresses=frozenset(resource.ipv4 + resource.ipv6),
                    port_start=path.begin,
                    port_end=path.end if path.end is not None else path.begin,
                    protocol=path.protocol,
                    path_component_types=path.component_types,
                    from_internet_gateway=igw,
                    via_load_balancer=lb,
                    via_peering_or_vpn=private,
                    finding_id=item.arn,
                    title=item.title,
                )
            )
        if not igw or path.begin is None or path.protocol is None:
            return [], None
        end = path.end if path.end is not None and path.end >= path.begin else path.begin
        if end - path.begin + 1 > _MAX_EXPANDED_RANGE:
            ctx.warn(
                f"{resource.id}: port range {path.begin}-{end}/{path.protocol} is reachable from the "
                "internet; kept as a reachability record, not expanded into ports"
            )
            return [], None
        return [p for p in range(path.begin, end + 1) if p > 0], path.protocol
