"""Amazon Inspector v2 parser on hand-made fixtures (list-findings page, NDJSON, EventBridge, ASFF)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from futurevuls_ext import ParseError
from futurevuls_ext.parsers import Port, detect_format, parse_report

DATA = Path(__file__).parent / "data" / "inspector"
WEB, DB = "i-0aaaaaaaaaaaaaaa1", "i-0bbbbbbbbbbbbbbb2"


def test_list_findings_page() -> None:
    path = DATA / "list_findings_page.json"
    assert detect_format(path) == "inspector"
    report = parse_report(path)
    assert [h.address for h in report.hosts] == [WEB, DB]
    web = report.hosts[0]
    # ACTIVE CVE only (SUPPRESSED lower-case id not counted); IPs are the union, "foo" dropped
    assert web.cve_ids == {"CVE-2024-6387"}
    assert web.ip_addresses == {"203.0.113.10", "10.0.1.15", "198.51.100.99", "2001:db8::15"}
    # IGW ports, the 80-81 range expanded; CLOSED 8443 and the 0-65535 range are not ports
    assert web.ports == {
        Port(port=22, protocol="tcp"),
        Port(port=80, protocol="tcp"),
        Port(port=81, protocol="tcp"),
    }
    db = report.hosts[1]
    assert db.ports == frozenset()  # reachable through VPC peering only
    assert db.cve_ids == {"CVE-2024-21538"}  # GHSA id not a CVE; related CVE not read; CLOSED excluded
    reasons = [s.reason for s in report.skipped]
    assert any("AWS_ECR_CONTAINER_IMAGE" in r and "CVE-2024-6119" in r for r in reasons)
    assert any("AWS_LAMBDA_FUNCTION" in r for r in reasons)
    assert any("GHSA-xxxx-yyyy-zzzz" in r and "not a CVE" in r for r in reasons)
    assert any("SUPPRESSED" in r for r in reasons)
    assert any("nextToken" in w for w in report.warnings)


def test_reachability_records() -> None:
    report = parse_report(DATA / "list_findings_page.json")
    by_port = {(r.instance_id, r.port_start, r.port_end, r.protocol): r for r in report.reachability}
    assert len(report.reachability) == 4  # the duplicate delivery is recorded once; CLOSED not at all
    ssh = by_port[(WEB, 22, 22, "tcp")]
    assert ssh.from_internet_gateway and not ssh.via_load_balancer and not ssh.via_peering_or_vpn
    assert ssh.path_component_types[0] == "AWS::EC2::InternetGateway"
    assert ssh.ip_addresses == {"203.0.113.10", "10.0.1.15"}
    assert by_port[(WEB, 80, 81, "tcp")].via_load_balancer
    assert by_port[(WEB, 0, 65535, "udp")].from_internet_gateway
    peer = by_port[(DB, 3306, 3306, "tcp")]
    assert not peer.from_internet_gateway and peer.via_peering_or_vpn
    assert ssh.finding_id is not None and ssh.finding_id.startswith("arn:aws:inspector2:")


def test_ndjson_and_bare_list_give_the_same_hosts() -> None:
    ndjson = parse_report(DATA / "findings.ndjson")
    assert ndjson.format == "inspector"
    page = json.loads((DATA / "list_findings_page.json").read_text())
    bare = parse_report(io.BytesIO(json.dumps(page["findings"][:6]).encode()), format="inspector")
    assert [(h.address, h.cve_ids, h.ports) for h in ndjson.hosts] == [
        (h.address, h.cve_ids, h.ports) for h in bare.hosts
    ]


def test_eventbridge_event() -> None:
    report = parse_report(DATA / "eventbridge_finding.json")
    host = report.host("i-0ccccccccccccccc3")
    assert host is not None and host.ports == {Port(port=443, protocol="tcp")}
    assert host.ip_addresses == {"192.0.2.80"}


def test_security_hub_asff() -> None:
    report = parse_report(DATA / "securityhub_asff.json")
    assert [h.address for h in report.hosts] == ["i-0ddddddddddddddd4"]
    host = report.hosts[0]
    assert host.cve_ids == {"CVE-2022-3643"} and host.ip_addresses == {"192.0.2.90"}
    assert host.findings[0].cvss == 10.0
    reasons = " | ".join(s.reason for s in report.skipped)
    assert "GuardDuty" in reasons and "AWS_ECR_CONTAINER_IMAGE" in reasons


@pytest.mark.parametrize("data", [b"{}", b"", b'{"foo": [1]}'])
def test_non_finding_documents_are_refused(data: bytes) -> None:
    with pytest.raises(ParseError):
        parse_report(io.BytesIO(data), format="inspector")


def test_non_finding_event_is_refused() -> None:
    with pytest.raises(ParseError, match="Inspector"):
        parse_report(DATA / "eventbridge_scan_event.json", format="inspector")


@pytest.mark.parametrize("data", [b'{"findings": []}', b"[]"])
def test_empty_results_are_valid(data: bytes) -> None:
    assert parse_report(io.BytesIO(data), format="inspector").hosts == ()


def test_truncated_page_keeps_complete_findings() -> None:
    data = (DATA / "list_findings_page.json").read_bytes()
    cut = data[: data.index(b'"CVE-2022-2068"')]
    report = parse_report(io.BytesIO(cut), format="inspector")
    assert {h.address for h in report.hosts} == {WEB, DB}
    assert any("truncated" in w for w in report.warnings)
