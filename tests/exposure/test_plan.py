from __future__ import annotations

from pathlib import Path

from futurevuls_ext.exposure import plan_exposure
from futurevuls_ext.ssvc import Exposure

from .factories import PEERING_PATH, reach, scan, server

DATA = Path(__file__).parent / "data"


def test_match_by_instance_id_before_ip() -> None:
    servers = [
        server(1, "by-id", instance="i-1", ipv4="10.0.0.9"),
        server(2, "same-ip-no-id", ipv4="10.0.0.1"),
    ]
    plan = plan_exposure([reach("i-1", 22, ips=("10.0.0.1",))], servers)
    assert [(d.server_id, d.matched_by) for d in plan.decisions] == [(1, "platformInstanceId")]


def test_match_by_unique_ip_when_no_instance_id() -> None:
    servers = [server(1, "legacy", ipv4="10.0.7.7"), server(2, "other", ipv4="10.0.8.8")]
    plan = plan_exposure([reach("i-9", 443, ips=("10.0.7.7", "198.51.100.7"))], servers)
    (decision,) = plan.decisions
    assert (decision.server_id, decision.matched_by, decision.exposure) == (1, "ip", Exposure.OPEN)
    assert decision.open_ports == ("443/tcp",)


def test_ip_shared_by_two_servers_is_refused() -> None:
    servers = [server(1, "a", ipv4="10.0.0.5"), server(2, "b", ipv4="10.0.0.5")]
    plan = plan_exposure([reach("i-5", 22, ips=("10.0.0.5",))], servers)
    assert plan.decisions == ()
    (unmatched,) = plan.unmatched
    assert "2 servers" in unmatched.reason
    assert unmatched.exposure is Exposure.OPEN


def test_one_server_claimed_by_two_instances_is_refused() -> None:
    servers = [server(1, "a", ipv4="10.0.0.5")]
    plan = plan_exposure([reach("i-5", 22, ips=("10.0.0.5",)), reach("i-6", 22, ips=("10.0.0.5",))], servers)
    assert plan.decisions == ()
    assert {u.instance_id for u in plan.unmatched} == {"i-5", "i-6"}


def test_server_with_other_instance_id_is_not_matched_by_ip() -> None:
    servers = [server(1, "a", ipv4="10.0.0.5", instance="i-other")]
    plan = plan_exposure([reach("i-5", 22, ips=("10.0.0.5",))], servers)
    assert plan.decisions == ()


def test_controlled_and_external_scan_evidence() -> None:
    servers = [server(1, "db", instance="i-1"), server(2, "fw", ipv4="198.51.100.1"), server(3, "quiet")]
    plan = plan_exposure(
        [reach("i-1", 5432, path=PEERING_PATH)],
        servers,
        external_scans=[scan(10, 2, ("CVE-2022-40684",)), scan(11, 3, ("CVE-2022-40684",), external=False)],
    )
    assert [(d.server_id, d.exposure) for d in plan.decisions] == [
        (1, Exposure.CONTROLLED),
        (2, Exposure.OPEN),
    ]
    assert plan.decision(2) is not None and plan.decision(2).external_scans == ("scan-10",)  # type: ignore[union-attr]
    assert "peering" in plan.decisions[0].reason


def test_plan_from_the_fixture_file() -> None:
    servers = [
        server(100, "web-01", instance="i-0a1b2c3d4e5f60001", role_id=11, role="Internet-Facing"),
        server(102, "api-01", instance="i-0a1b2c3d4e5f60003", ipv4="10.0.1.20"),
        server(103, "db-01", instance="i-0a1b2c3d4e5f60004"),
        server(104, "batch-01", instance="i-0a1b2c3d4e5f60005"),
        server(200, "legacy-01", ipv4="10.0.7.7"),
    ]
    plan = plan_exposure(DATA / "inspector_reachability.json", servers)
    assert {d.server_id for d in plan.open} == {100, 102, 200}
    assert {d.server_id for d in plan.controlled} == {103}
    assert {d.server_id for d in plan.unchanged} == {104}
    assert [u.instance_id for u in plan.unmatched] == ["i-0eeeeeeeeeeeeee09"]
    api = plan.decision(102)
    assert api is not None
    assert api.open_ports == ("443/tcp", "8080/tcp")
    assert all(p.via_load_balancer for p in api.paths)
    legacy = plan.decision(200)
    assert legacy is not None and legacy.open_ports == ("10000-10010/udp",)
    assert plan.to_dict()["decisions"][0]["server_id"] == 100


def test_other_report_formats_give_no_evidence_and_say_so() -> None:
    from futurevuls_ext.parsers import ScanReport

    report = ScanReport(format="nessus", source="scan.nessus")
    plan = plan_exposure(report, [server(1, "a", ipv4="10.0.0.1")])
    assert plan.decisions == ()
    assert any("no network reachability" in w for w in plan.warnings)
