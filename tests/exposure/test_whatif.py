from __future__ import annotations

import pytest

from futurevuls_ext import ConfigError
from futurevuls_ext.exposure import ExposurePlan, ExposureProposal, predict_changes
from futurevuls_ext.exposure._plan import ExposureDecision
from futurevuls_ext.ssvc import Exposure, HumanImpact, Priority, deployer_priority

from .factories import detail, role, scan, server

ROLES = [
    role(1, "default"),
    role(2, "Internet-Facing", exposure=Exposure.OPEN, impact=HumanImpact.HIGH),
    role(3, "Internal", exposure=Exposure.SMALL),
]
API = server(10, "api", role_id=1)
WEB = server(11, "web", role_id=2, role="Internet-Facing")
DB = server(12, "db", role_id=3, role="Internal")
SERVERS = [API, WEB, DB]


def test_move_takes_all_role_settings_and_skips_no_op_moves() -> None:
    after = ExposureProposal.move_servers([10, 11], "Internet-Facing").settings_after(SERVERS, ROLES)
    assert set(after) == {10}  # web is already there
    assert after[10].exposure is Exposure.OPEN
    assert after[10].human_impact is HumanImpact.HIGH


def test_role_exposure_keeps_human_impact_and_server_exposure_combines() -> None:
    proposal = ExposureProposal.set_role_exposure("Internet-Facing", "controlled") | (
        ExposureProposal.set_server_exposure([12], "open")
    )
    after = proposal.settings_after(SERVERS, ROLES)
    assert after[11].exposure is Exposure.CONTROLLED and after[11].human_impact is HumanImpact.HIGH
    assert after[12].exposure is Exposure.OPEN and after[12].human_impact is None


def test_unknown_role_or_server_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="web console"):
        ExposureProposal.move_servers([10], "Nope").settings_after(SERVERS, ROLES)
    with pytest.raises(ConfigError, match="99"):
        ExposureProposal.set_server_exposure([99], "open").settings_after(SERVERS, ROLES)


def test_from_plan_moves_open_and_named_controlled() -> None:
    def decision(server_id: int, exposure: Exposure | None) -> ExposureDecision:
        return ExposureDecision(
            server_id=server_id, server_name="s", role_id=1, role_name="default", exposure=exposure
        )

    plan = ExposurePlan(
        decisions=(decision(10, Exposure.OPEN), decision(12, Exposure.CONTROLLED), decision(13, None))
    )
    assert ExposureProposal.from_plan(plan).server_moves == {10: "Internet-Facing"}
    both = ExposureProposal.from_plan(plan, role_name="Public", controlled_role_name="Peered")
    assert both.server_moves == {10: "Public", 12: "Peered"}


def test_predict_changes_matches_the_deployer_table() -> None:
    after = ExposureProposal.move_servers([10], "Internet-Facing").settings_after(SERVERS, ROLES)
    details = [
        detail(1, "CVE-2021-44228", API),
        detail(2, "CVE-2023-0001", API, exploitation="none", automatable="no", density="diffuse"),
        detail(3, "CVE-2023-0002", API, exploitation=None),
        detail(4, "CVE-2021-44228", WEB),  # not affected
    ]
    result = predict_changes(details, servers=SERVERS, roles=ROLES, external_scans=[], after=after)
    # utility = automatable (yes) x value density (no role sets one: the group's diffuse) = efficient
    expected_before = deployer_priority(
        exploitation="active", exposure="controlled", utility="efficient", human_impact="medium"
    )
    expected_after = deployer_priority(
        exploitation="active", exposure="open", utility="efficient", human_impact="high"
    )
    assert expected_before != expected_after
    (change,) = [c for c in result.changes if c.task_id == 1]
    assert (change.before, change.after) == (expected_before, expected_after)
    assert (change.exposure_before, change.exposure_after) == (Exposure.CONTROLLED, Exposure.OPEN)
    assert result.undetermined == (3,)
    assert 4 not in {c.task_id for c in result.changes} | set(result.unchanged)
    low_before = deployer_priority(
        exploitation="none", exposure="controlled", utility="laborious", human_impact="medium"
    )
    low_after = deployer_priority(
        exploitation="none", exposure="open", utility="laborious", human_impact="high"
    )
    assert (2 in result.unchanged) == (low_before == low_after)


def test_external_scan_keeps_exposure_open_before_and_after() -> None:
    after = ExposureProposal.set_server_exposure([10], "small").settings_after(SERVERS, ROLES)
    details = [detail(1, "CVE-2021-44228", API)]
    result = predict_changes(
        details, servers=SERVERS, roles=ROLES, external_scans=[scan(5, 10, ("cve-2021-44228",))], after=after
    )
    assert result.changes == ()
    assert result.unchanged == (1,)


def test_reported_priority_disagreeing_with_the_rule_is_a_mismatch() -> None:
    after = ExposureProposal.move_servers([10], "Internet-Facing").settings_after(SERVERS, ROLES)
    now = deployer_priority(
        exploitation="active", exposure="controlled", utility="efficient", human_impact="medium"
    )
    other = next(p for p in Priority if p is not now)
    details = [
        detail(1, "CVE-2021-44228", API, reported=other.value),
        detail(2, "CVE-2021-44229", API, reported=now.value),
    ]
    result = predict_changes(details, servers=SERVERS, roles=ROLES, external_scans=[], after=after)
    assert [m.task_id for m in result.mismatches] == [1]
    assert result.to_dict()["affected_servers"] == [10]
