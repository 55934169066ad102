from __future__ import annotations

from futurevuls_ext.exposure import instance_evidence
from futurevuls_ext.ssvc import Exposure

from .factories import ALB_PATH, PEERING_PATH, reach


def test_internet_gateway_path_is_open_and_ports_reported_once() -> None:
    found = instance_evidence(
        [reach("i-1", 443), reach("i-1", 22), reach("i-1", 443), reach("i-1", 8000, end=8010)]
    )
    evidence = found["i-1"]
    assert evidence.exposure is Exposure.OPEN
    assert evidence.open_ports == ("22/tcp", "443/tcp", "8000-8010/tcp")
    assert len(evidence.paths) == 3


def test_load_balancer_on_the_way_is_still_open() -> None:
    evidence = instance_evidence([reach("i-1", 443, path=ALB_PATH)])["i-1"]
    assert evidence.exposure is Exposure.OPEN
    assert evidence.paths[0].via_load_balancer


def test_peering_only_is_controlled_with_no_open_ports() -> None:
    evidence = instance_evidence([reach("i-2", 5432, path=PEERING_PATH)])["i-2"]
    assert evidence.exposure is Exposure.CONTROLLED
    assert evidence.open_ports == ()
    assert evidence.paths[0].edge == "peering-or-vpn"


def test_internet_wins_over_peering_and_addresses_are_merged() -> None:
    found = instance_evidence(
        [reach("i-3", 22, path=PEERING_PATH, ips=("10.0.0.3",)), reach("i-3", 443, ips=("203.0.113.3",))]
    )
    assert found["i-3"].exposure is Exposure.OPEN
    assert found["i-3"].ip_addresses == {"10.0.0.3", "203.0.113.3"}


def test_records_without_instance_are_ignored() -> None:
    assert instance_evidence([reach("", 22)]) == {}
