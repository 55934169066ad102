"""The "effective SSVC inputs" rule and the role/group settings models."""

from __future__ import annotations

import attrs
import pytest

from futurevuls_ext.ssvc import (
    Automatable,
    Exploitation,
    Exposure,
    GroupSsvcDefaults,
    HumanImpact,
    Priority,
    RoleSsvcSettings,
    SsvcValueError,
    Utility,
    ValueDensity,
    deployer_priority,
    effective_inputs,
    exposed_cve_ids,
)

CVE = "CVE-2024-1234"


@attrs.frozen
class Scan:
    is_external_scan: bool
    cve_ids: tuple[str, ...]


def test_group_defaults_are_controlled_and_medium() -> None:
    defaults = GroupSsvcDefaults()
    assert defaults.exposure is Exposure.CONTROLLED
    assert defaults.human_impact is HumanImpact.MEDIUM
    assert GroupSsvcDefaults(exposure="Small", human_impact="very_high") == GroupSsvcDefaults(
        exposure=Exposure.SMALL, human_impact=HumanImpact.VERY_HIGH
    )


def test_role_settings_parse_spellings_and_are_frozen() -> None:
    role = RoleSsvcSettings(exposure="OPEN", human_impact="Very High")
    assert role.exposure is Exposure.OPEN
    assert role.human_impact is HumanImpact.VERY_HIGH
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        role.exposure = Exposure.SMALL  # type: ignore[misc]
    with pytest.raises(SsvcValueError, match="Exposure"):
        RoleSsvcSettings(exposure="internet")
    with pytest.raises(TypeError):
        RoleSsvcSettings("open")  # type: ignore[call-arg]


def test_role_human_impact_derived_from_safety_and_mission() -> None:
    assert RoleSsvcSettings(safety_impact="major", mission_impact="MEF failure").effective_human_impact is (
        HumanImpact.HIGH
    )
    explicit = RoleSsvcSettings(human_impact="low", safety_impact="catastrophic", mission_impact="none")
    assert explicit.effective_human_impact is HumanImpact.LOW
    assert RoleSsvcSettings(safety_impact="major").effective_human_impact is None


def test_external_scan_listing_the_cve_makes_exposure_open() -> None:
    role = RoleSsvcSettings(exposure="small", human_impact="high")
    result = effective_inputs(
        cve_id=CVE.lower(), exploitation="active", utility="efficient", role=role, external_cve_ids={CVE}
    )
    assert result.exposure is Exposure.OPEN
    assert result.exposure_source == "external_scan"
    assert result.human_impact is HumanImpact.HIGH
    assert result.human_impact_source == "role"
    assert result.priority() is Priority.IMMEDIATE


def test_external_scan_for_another_cve_does_not_count() -> None:
    role = RoleSsvcSettings(exposure="small")
    result = effective_inputs(
        cve_id=CVE, exploitation="none", utility="laborious", role=role, external_cve_ids={"CVE-2000-0001"}
    )
    assert result.exposure is Exposure.SMALL
    assert result.exposure_source == "role"
    assert result.human_impact is HumanImpact.MEDIUM
    assert result.human_impact_source == "default"
    assert result.priority() is Priority.DEFER


def test_group_defaults_apply_without_role_values() -> None:
    for role in (None, RoleSsvcSettings()):
        result = effective_inputs(cve_id=CVE, exploitation="PoC", utility="super effective", role=role)
        assert (result.exposure, result.exposure_source) == (Exposure.CONTROLLED, "default")
        assert (result.human_impact, result.human_impact_source) == (HumanImpact.MEDIUM, "default")
        assert result.priority() is Priority.SCHEDULED
    custom = GroupSsvcDefaults(exposure="open", human_impact="very high")
    result = effective_inputs(cve_id=CVE, exploitation="PoC", utility="super effective", defaults=custom)
    assert result.priority() is Priority.OUT_OF_CYCLE


def test_exposed_cve_ids_only_counts_external_results() -> None:
    scans = [Scan(True, ("cve-2024-0001", "CVE-2024-0002")), Scan(False, ("CVE-2024-0003",))]
    assert exposed_cve_ids(scans) == {"CVE-2024-0001", "CVE-2024-0002"}
    inputs = effective_inputs(
        cve_id="CVE-2024-0003",
        exploitation="none",
        utility="laborious",
        external_cve_ids=exposed_cve_ids(scans),
    )
    assert inputs.exposure_source == "default"


def test_cve_side_values_are_lenient() -> None:
    unknown = effective_inputs(cve_id=CVE, exploitation="weaponized", utility="efficient")
    assert unknown.exploitation is None
    assert unknown.priority() is None
    no_utility = effective_inputs(cve_id=CVE, exploitation="active", utility=None)
    assert no_utility.utility is None
    assert no_utility.priority() is None
    derived = effective_inputs(
        cve_id=CVE,
        exploitation="active",
        automatable=True,
        role=RoleSsvcSettings(value_density="concentrated"),
    )
    assert derived.utility is Utility.SUPER_EFFECTIVE
    assert derived.automatable is Automatable.YES
    assert derived.exploitation is Exploitation.ACTIVE


def test_priority_with_the_current_tree() -> None:
    role = RoleSsvcSettings(exposure="controlled", human_impact="low")
    inputs = effective_inputs(cve_id=CVE, exploitation="active", automatable="yes", role=role)
    assert inputs.priority(tree="cert-current") is Priority.OUT_OF_CYCLE
    # v2.0: utility = automatable (yes) x value density (the group default, diffuse) = efficient
    assert inputs.utility is Utility.EFFICIENT
    assert inputs.priority() is deployer_priority(
        exploitation="active", exposure="controlled", utility="efficient", human_impact="low"
    )
    without = effective_inputs(cve_id=CVE, exploitation="active", utility="efficient", role=role)
    assert without.priority(tree="cert-current") is None


def test_value_density_comes_from_the_role_else_the_group() -> None:
    group = effective_inputs(cve_id=CVE, exploitation="active", automatable="yes")
    assert (group.value_density, group.value_density_source) == (ValueDensity.DIFFUSE, "default")
    assert group.utility is Utility.EFFICIENT
    custom = GroupSsvcDefaults(value_density="concentrated")
    grouped = effective_inputs(cve_id=CVE, exploitation="active", automatable="no", defaults=custom)
    assert (grouped.value_density, grouped.utility) == (ValueDensity.CONCENTRATED, Utility.EFFICIENT)
    role = RoleSsvcSettings(value_density="Concentrated")
    by_role = effective_inputs(cve_id=CVE, exploitation="active", automatable="yes", role=role)
    assert (by_role.value_density_source, by_role.utility) == ("role", Utility.SUPER_EFFECTIVE)


def test_the_tasks_reported_density_and_utility_do_not_override_the_rule() -> None:
    inputs = effective_inputs(
        cve_id=CVE,
        exploitation="active",
        automatable="no",
        utility="super effective",
        value_density="concentrated",
    )
    assert inputs.utility is Utility.LABORIOUS  # no x diffuse (the group's), not what the task reported
    fallback = effective_inputs(cve_id=CVE, exploitation="active", utility="super effective")
    assert fallback.utility is Utility.SUPER_EFFECTIVE  # automatable unknown: the reported utility
