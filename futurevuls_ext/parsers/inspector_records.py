"""Normalising Amazon Inspector v2 finding records (native, EventBridge, Security Hub ASFF) to one shape.

Used by :mod:`futurevuls_ext.parsers.inspector`. Field names follow the botocore ``inspector2``
service model (2020-06-08) for native findings and the ASFF schema for Security Hub findings; see
``shared/reference/inspector.md``.
"""

from __future__ import annotations

import ipaddress
from typing import Any, NamedTuple

from .._numbers import cvss_number, finite_number

__all__ = ["InspectorRecord", "Path", "Resource", "normalise"]

EC2 = "AWS_EC2_INSTANCE"
_FINDING_EVENTS = frozenset({"Inspector2 Finding", "OnDemand AMI Scan Findings"})
_ASFF_TYPES = {
    "AwsEc2Instance": EC2,
    "AwsEcrContainerImage": "AWS_ECR_CONTAINER_IMAGE",
    "AwsEcrRepository": "AWS_ECR_REPOSITORY",
    "AwsLambdaFunction": "AWS_LAMBDA_FUNCTION",
}


class Resource(NamedTuple):
    """One resource of a finding."""

    type: str
    id: str
    ipv4: tuple[str, ...]
    ipv6: tuple[str, ...]


class Path(NamedTuple):
    """The open port range and network path of a NETWORK_REACHABILITY finding."""

    begin: int | None
    end: int | None
    protocol: str | None
    component_types: tuple[str, ...]
    component_ids: tuple[str, ...]


class InspectorRecord(NamedTuple):
    """A finding in one shape, whatever its container."""

    arn: str | None
    type: str
    status: str
    title: str | None
    severity: str | None
    vulnerability_id: str | None
    cvss: float | None
    resources: tuple[Resource, ...]
    path: Path | None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _num(value: Any) -> float | None:
    return finite_number(value)


def _int(value: Any) -> int | None:
    number = _num(value)
    return int(number) if number is not None and number.is_integer() and 0 <= number <= 65535 else None


def _ips(values: Any, version: int) -> tuple[str, ...]:
    out: list[str] = []
    for value in _list(values):
        if not isinstance(value, str):
            continue
        try:
            ip = ipaddress.ip_address(value.strip())
        except ValueError:
            continue
        if ip.version == version and str(ip) not in out:
            out.append(str(ip))
    return tuple(out)


def normalise(record: Any) -> InspectorRecord | str:
    """Return the record as an :class:`InspectorRecord`, or a string saying why it is not a finding."""
    if not isinstance(record, dict):
        return f"a JSON {type(record).__name__}, not an Inspector finding"
    if "detail-type" in record or ("detail" in record and "source" in record):
        kind = record.get("detail-type")
        detail = _dict(record.get("detail"))
        if kind in _FINDING_EVENTS or (kind is None and "findingArn" in detail):
            return _native(detail) if detail else "EventBridge event without a detail finding"
        return f"EventBridge event {kind!r} is not a finding"
    if "findingArn" in record or ("resources" in record and "status" in record and "type" in record):
        return _native(record)
    if "ProductArn" in record or "SchemaVersion" in record:
        return _asff(record)
    return "not an Inspector finding (no findingArn / resources, no ASFF ProductArn)"


_NATIVE_PATH_KEYS = ("begin", "end", "componentType", "componentId")
"""How a native finding spells a port range's ends and a path step's type and id."""
_ASFF_PATH_KEYS = ("Begin", "End", "ComponentType", "ComponentId")
"""The same keys as ASFF spells them."""


def _path(
    ports: dict[str, Any], protocol: object, steps: list[dict[str, Any]], keys: tuple[str, ...]
) -> Path:
    """The port range and path of a reachability finding; ``keys``: its spelling of begin, end, type, id."""
    begin, end, kind, ident = keys
    return Path(
        _int(ports.get(begin)),
        _int(ports.get(end)),
        (_str(protocol) or "").lower() or None,
        tuple(str(step.get(kind) or "") for step in steps),
        tuple(str(step.get(ident) or "") for step in steps),
    )


def _native(finding: dict[str, Any]) -> InspectorRecord:
    kind = _str(finding.get("type")) or "UNKNOWN"
    vulnerability_id = None
    cvss = cvss_number(finding.get("inspectorScore"))
    if kind == "PACKAGE_VULNERABILITY":
        details = _dict(finding.get("packageVulnerabilityDetails"))
        vulnerability_id = _str(details.get("vulnerabilityId"))
        if cvss is None:
            scores = [cvss_number(_dict(c).get("baseScore")) for c in _list(details.get("cvss"))]
            cvss = max((s for s in scores if s is not None), default=None)
    path = None
    if kind == "NETWORK_REACHABILITY":
        reach = _dict(finding.get("networkReachabilityDetails"))
        ports = _dict(reach.get("openPortRange"))
        steps = [_dict(s) for s in _list(_dict(reach.get("networkPath")).get("steps"))]
        path = _path(ports, reach.get("protocol"), steps, _NATIVE_PATH_KEYS)
    resources = []
    for raw in _list(finding.get("resources")):
        item = _dict(raw)
        details = _dict(item.get("details"))
        ec2 = _dict(details.get("awsEc2Instance")) or _dict(details.get("vm"))
        v4 = _ips(ec2.get("ipV4Addresses"), 4) or _ips(_dict(details.get("vm")).get("ipV4Addresses"), 4)
        resources.append(
            Resource(
                str(item.get("type") or "UNKNOWN"),
                str(item.get("id") or ""),
                v4,
                _ips(ec2.get("ipV6Addresses"), 6),
            )
        )
    return InspectorRecord(
        _str(finding.get("findingArn")),
        kind,
        (_str(finding.get("status")) or "UNKNOWN").upper(),
        _str(finding.get("title")),
        _str(finding.get("severity")),
        vulnerability_id,
        cvss,
        tuple(resources),
        path,
    )


def _asff(finding: dict[str, Any]) -> InspectorRecord | str:
    fields = _dict(finding.get("ProductFields"))
    if str(fields.get("aws/inspector/ProductVersion")) != "2":
        product = finding.get("ProductName") or finding.get("ProductArn")
        return f"Security Hub finding of {product!r} is not an Inspector v2 finding"
    status = _str(fields.get("aws/inspector/FindingStatus")) or _str(finding.get("RecordState")) or ""
    vulns = [_dict(v) for v in _list(finding.get("Vulnerabilities"))]
    types = " ".join(str(t) for t in _list(finding.get("Types")))
    path = None
    if vulns:
        kind = "PACKAGE_VULNERABILITY"
    elif "Network Reachability" in types or "Network" in finding:
        kind = "NETWORK_REACHABILITY"
        network = _dict(finding.get("Network"))
        ports = _dict(network.get("OpenPortRange"))
        steps = [_dict(s) for s in _list(finding.get("NetworkPath"))]
        path = _path(ports, network.get("Protocol"), steps, _ASFF_PATH_KEYS)
    else:
        kind = "CODE_VULNERABILITY" if "Code" in types else "OTHER"
    cvss = cvss_number(fields.get("aws/inspector/inspectorScore"))
    if cvss is None and vulns:
        scores = [cvss_number(_dict(c).get("BaseScore")) for c in _list(vulns[0].get("Cvss"))]
        cvss = max((s for s in scores if s is not None), default=None)
    resources = []
    for raw in _list(finding.get("Resources")):
        item = _dict(raw)
        rtype = _ASFF_TYPES.get(str(item.get("Type")), str(item.get("Type") or "UNKNOWN"))
        rid = str(item.get("Id") or "")
        ec2 = _dict(_dict(item.get("Details")).get("AwsEc2Instance"))
        if rtype == EC2:
            rid = _str(fields.get("aws/inspector/instanceId")) or rid.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
        resources.append(
            Resource(rtype, rid, _ips(ec2.get("IpV4Addresses"), 4), _ips(ec2.get("IpV6Addresses"), 6))
        )
    return InspectorRecord(
        _str(finding.get("Id")),
        kind,
        status.upper() or "UNKNOWN",
        _str(finding.get("Title")),
        _str(_dict(finding.get("Severity")).get("Label")),
        _str(vulns[0].get("Id")) if vulns else None,
        cvss,
        tuple(resources),
        path,
    )
