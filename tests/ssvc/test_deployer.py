"""The SSVC deployer decision against CERT's tables: an embedded copy here, and the CSVs in ../shared."""

from __future__ import annotations

import csv
import itertools
from collections import Counter
from pathlib import Path

import pytest

from futurevuls_ext import FutureVulsError, ssvc
from futurevuls_ext.ssvc import (
    Automatable,
    Exploitation,
    Exposure,
    HumanImpact,
    Priority,
    SafetyImpact,
    Utility,
    ValueDensity,
    deployer_priority,
)

# CERT SSVC v2.0 deployer table, one row per line, written out long-hand independently of the
# package's compact table: Exploitation, Exposure, Utility, Human Impact, Outcome.
V2_0_ROWS = """
none,small,laborious,low,defer
none,small,laborious,medium,defer
none,small,laborious,high,scheduled
none,small,laborious,very high,scheduled
none,small,efficient,low,defer
none,small,efficient,medium,scheduled
none,small,efficient,high,scheduled
none,small,efficient,very high,scheduled
none,small,super effective,low,defer
none,small,super effective,medium,scheduled
none,small,super effective,high,scheduled
none,small,super effective,very high,scheduled
none,controlled,laborious,low,defer
none,controlled,laborious,medium,scheduled
none,controlled,laborious,high,scheduled
none,controlled,laborious,very high,scheduled
none,controlled,efficient,low,defer
none,controlled,efficient,medium,scheduled
none,controlled,efficient,high,scheduled
none,controlled,efficient,very high,scheduled
none,controlled,super effective,low,scheduled
none,controlled,super effective,medium,scheduled
none,controlled,super effective,high,scheduled
none,controlled,super effective,very high,scheduled
none,open,laborious,low,defer
none,open,laborious,medium,scheduled
none,open,laborious,high,scheduled
none,open,laborious,very high,scheduled
none,open,efficient,low,scheduled
none,open,efficient,medium,scheduled
none,open,efficient,high,scheduled
none,open,efficient,very high,scheduled
none,open,super effective,low,scheduled
none,open,super effective,medium,scheduled
none,open,super effective,high,scheduled
none,open,super effective,very high,out-of-cycle
PoC,small,laborious,low,defer
PoC,small,laborious,medium,scheduled
PoC,small,laborious,high,scheduled
PoC,small,laborious,very high,scheduled
PoC,small,efficient,low,defer
PoC,small,efficient,medium,scheduled
PoC,small,efficient,high,scheduled
PoC,small,efficient,very high,scheduled
PoC,small,super effective,low,scheduled
PoC,small,super effective,medium,scheduled
PoC,small,super effective,high,scheduled
PoC,small,super effective,very high,scheduled
PoC,controlled,laborious,low,defer
PoC,controlled,laborious,medium,scheduled
PoC,controlled,laborious,high,scheduled
PoC,controlled,laborious,very high,scheduled
PoC,controlled,efficient,low,scheduled
PoC,controlled,efficient,medium,scheduled
PoC,controlled,efficient,high,scheduled
PoC,controlled,efficient,very high,scheduled
PoC,controlled,super effective,low,scheduled
PoC,controlled,super effective,medium,scheduled
PoC,controlled,super effective,high,scheduled
PoC,controlled,super effective,very high,out-of-cycle
PoC,open,laborious,low,defer
PoC,open,laborious,medium,scheduled
PoC,open,laborious,high,scheduled
PoC,open,laborious,very high,out-of-cycle
PoC,open,efficient,low,scheduled
PoC,open,efficient,medium,scheduled
PoC,open,efficient,high,scheduled
PoC,open,efficient,very high,out-of-cycle
PoC,open,super effective,low,scheduled
PoC,open,super effective,medium,scheduled
PoC,open,super effective,high,out-of-cycle
PoC,open,super effective,very high,out-of-cycle
active,small,laborious,low,scheduled
active,small,laborious,medium,scheduled
active,small,laborious,high,out-of-cycle
active,small,laborious,very high,out-of-cycle
active,small,efficient,low,scheduled
active,small,efficient,medium,scheduled
active,small,efficient,high,out-of-cycle
active,small,efficient,very high,out-of-cycle
active,small,super effective,low,scheduled
active,small,super effective,medium,scheduled
active,small,super effective,high,out-of-cycle
active,small,super effective,very high,out-of-cycle
active,controlled,laborious,low,scheduled
active,controlled,laborious,medium,scheduled
active,controlled,laborious,high,out-of-cycle
active,controlled,laborious,very high,out-of-cycle
active,controlled,efficient,low,scheduled
active,controlled,efficient,medium,scheduled
active,controlled,efficient,high,out-of-cycle
active,controlled,efficient,very high,out-of-cycle
active,controlled,super effective,low,scheduled
active,controlled,super effective,medium,out-of-cycle
active,controlled,super effective,high,out-of-cycle
active,controlled,super effective,very high,out-of-cycle
active,open,laborious,low,scheduled
active,open,laborious,medium,scheduled
active,open,laborious,high,out-of-cycle
active,open,laborious,very high,immediate
active,open,efficient,low,scheduled
active,open,efficient,medium,out-of-cycle
active,open,efficient,high,immediate
active,open,efficient,very high,immediate
active,open,super effective,low,out-of-cycle
active,open,super effective,medium,out-of-cycle
active,open,super effective,high,immediate
active,open,super effective,very high,immediate
"""

SSVC_DIR = ("futurevuls-api-sources", "ssvc")


def _rows(text: str) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for line in text.strip().splitlines():
        e, x, u, h, o = line.split(",")
        rows.append((e, x, u, h, o))
    return rows


def test_embedded_table_has_108_distinct_rows() -> None:
    rows = _rows(V2_0_ROWS)
    assert len(rows) == 108
    assert len({row[:4] for row in rows}) == 108


@pytest.mark.parametrize(("e", "x", "u", "h", "outcome"), _rows(V2_0_ROWS))
def test_deployer_priority_matches_v2_0_row(e: str, x: str, u: str, h: str, outcome: str) -> None:
    result = deployer_priority(exploitation=e, exposure=x, utility=u, human_impact=h)
    assert result is Priority(outcome)
    assert result.value == outcome


def test_enum_arguments_give_the_same_answers_as_strings() -> None:
    for e, x, u, h in itertools.product(Exploitation, Exposure, Utility, HumanImpact):
        by_enum = deployer_priority(exploitation=e, exposure=x, utility=u, human_impact=h)
        by_text = deployer_priority(
            exploitation=e.value.upper(), exposure=x.value, utility=u.name, human_impact=h.value.title()
        )
        assert by_enum is by_text


def test_outcome_counts() -> None:
    outcomes = Counter(
        deployer_priority(exploitation=e, exposure=x, utility=u, human_impact=h)
        for e, x, u, h in itertools.product(Exploitation, Exposure, Utility, HumanImpact)
    )
    assert outcomes == {
        Priority.DEFER: 11,
        Priority.SCHEDULED: 69,
        Priority.OUT_OF_CYCLE: 23,
        Priority.IMMEDIATE: 5,
    }
    assert len(ssvc.DEPLOYER_V2_0) == 108
    assert len(ssvc.DEPLOYER_CURRENT) == 72


def test_priority_is_monotonic_in_every_input() -> None:
    """Raising any single input never lowers the outcome (a property of the CERT v2.0 table)."""
    axes: list[list[str]] = [list(Exploitation), list(Exposure), list(Utility), list(HumanImpact)]
    for combo in itertools.product(*axes):
        here = deployer_priority(
            exploitation=combo[0], exposure=combo[1], utility=combo[2], human_impact=combo[3]
        )
        for axis, value in enumerate(combo):
            idx = axes[axis].index(value)
            if idx + 1 < len(axes[axis]):
                e, x, u, h = (axes[a][idx + 1] if a == axis else combo[a] for a in range(4))
                assert deployer_priority(exploitation=e, exposure=x, utility=u, human_impact=h) >= here


UTILITY_ROWS = [
    ("no", "diffuse", "laborious"),
    ("no", "concentrated", "efficient"),
    ("yes", "diffuse", "efficient"),
    ("yes", "concentrated", "super effective"),
]


@pytest.mark.parametrize(("automatable", "density", "expected"), UTILITY_ROWS)
def test_utility_table(automatable: str, density: str, expected: str) -> None:
    assert ssvc.utility(automatable, density) is Utility(expected)
    assert ssvc.utility(automatable == "yes", density.upper()) is Utility(expected)


# v2.0 human impact: safety impact x mission impact (none, degraded, crippled, MEF failure, mission failure)
HUMAN_IMPACT_ROWS = {
    "none": ["low", "low", "low", "medium", "very high"],
    "minor": ["low", "low", "low", "medium", "very high"],
    "major": ["medium", "medium", "medium", "high", "very high"],
    "hazardous": ["high", "high", "high", "high", "very high"],
    "catastrophic": ["very high"] * 5,
}
MISSIONS = ["none", "degraded", "crippled", "MEF failure", "mission failure"]


@pytest.mark.parametrize("safety", list(HUMAN_IMPACT_ROWS))
def test_human_impact_table(safety: str) -> None:
    for mission, expected in zip(MISSIONS, HUMAN_IMPACT_ROWS[safety], strict=True):
        assert ssvc.human_impact(safety, mission) is HumanImpact(expected)
    assert ssvc.human_impact(SafetyImpact(safety), "MEF support crippled") is HumanImpact(
        HUMAN_IMPACT_ROWS[safety][2]
    )
    assert len(ssvc.HUMAN_IMPACT_V2_0) == 25


def test_v2_0_can_derive_utility_from_automatable_and_value_density() -> None:
    for auto, density in itertools.product(Automatable, ValueDensity):
        for e, x, h in itertools.product(Exploitation, Exposure, HumanImpact):
            derived = deployer_priority(
                exploitation=e, exposure=x, human_impact=h, automatable=auto, value_density=density
            )
            direct = deployer_priority(
                exploitation=e, exposure=x, human_impact=h, utility=ssvc.utility(auto, density)
            )
            assert derived is direct


def test_current_tree_is_opt_in_and_differs_from_v2_0() -> None:
    # From the current CERT table: active/controlled/yes/low is out-of-cycle...
    current = deployer_priority(
        exploitation="active",
        exposure="controlled",
        automatable="yes",
        human_impact="low",
        tree="cert-current",
    )
    assert current is Priority.OUT_OF_CYCLE
    # ...while v2.0 with the strongest utility still says scheduled.
    v2 = deployer_priority(
        exploitation="active", exposure="controlled", utility="super effective", human_impact="low"
    )
    assert v2 is Priority.SCHEDULED
    assert (
        deployer_priority(
            exploitation="public poc",
            exposure="open",
            automatable=True,
            human_impact="high",
            tree="cert-current",
        )
        is Priority.OUT_OF_CYCLE
    )


BASE = {"exploitation": "none", "exposure": "open", "human_impact": "low"}


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"exploitation": "none", "exposure": "open", "human_impact": "low"}, "utility="),
        (
            {"exploitation": "none", "exposure": "open", "human_impact": "low", "tree": "cert-current"},
            "automatable=",
        ),
        (
            {
                "exploitation": "none",
                "exposure": "open",
                "human_impact": "low",
                "utility": "efficient",
                "tree": "v9",
            },
            "v9",
        ),
        (
            {"exploitation": "nope", "exposure": "open", "human_impact": "low", "utility": "efficient"},
            "'PoC'",
        ),
    ],
)
def test_bad_arguments_raise_ssvc_value_error(kwargs: dict[str, str], needle: str) -> None:
    with pytest.raises(ssvc.SsvcValueError, match=needle) as info:
        deployer_priority(**kwargs)
    assert isinstance(info.value, FutureVulsError)
    assert isinstance(info.value, ValueError)


# --- against the CERT CSVs in ../shared (skipped when absent) ---------------------------------------


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [{k.strip(): v.strip() for k, v in row.items()} for row in csv.DictReader(fh)]


@pytest.mark.shared
@pytest.mark.parametrize("name", ["cert-ssvc-v2.0_deployer.csv", "cert-ssvc-2022_deployer-options_v2.csv"])
def test_v2_0_against_shared_csv(shared_dir: Path, name: str) -> None:
    rows = _read_csv(shared_dir.joinpath(*SSVC_DIR, name))
    assert len(rows) == 108
    seen = set()
    for row in rows:
        impact = row.get("Well-being and Mission Impact") or row["Human Impact"]
        outcome = row.get("Outcome") or row["Priority"]
        key = (row["Exploitation"], row["Exposure"], row["Utility"], impact)
        seen.add(key)
        got = deployer_priority(exploitation=key[0], exposure=key[1], utility=key[2], human_impact=key[3])
        assert got.value == outcome, key
    assert len(seen) == 108
    assert {tuple(r.split(",")[:4]) for r in V2_0_ROWS.strip().splitlines()} == seen


@pytest.mark.shared
def test_current_tree_against_shared_csv(shared_dir: Path) -> None:
    rows = _read_csv(
        shared_dir.joinpath(*SSVC_DIR, "cert-ssvc-current_deployer_patch_application_priority_1_0_0.csv")
    )
    assert len(rows) == 72
    for row in rows:
        values = list(row.values())[1:]
        e, x, a, h, outcome = values
        got = deployer_priority(
            exploitation=e, exposure=x, automatable=a, human_impact=h, tree="cert-current"
        )
        assert got.value == outcome, values


@pytest.mark.shared
def test_utility_and_human_impact_against_shared_csv(shared_dir: Path) -> None:
    utility_rows = _read_csv(shared_dir.joinpath(*SSVC_DIR, "cert-ssvc-2022_utility_v2.csv"))
    assert len(utility_rows) == 4
    for row in utility_rows:
        assert ssvc.utility(row["Automatable"], row["Value Density"]).value == row["Utility"]
    impact_rows = _read_csv(shared_dir.joinpath(*SSVC_DIR, "cert-ssvc-2022_human-impact_v2.csv"))
    assert len(impact_rows) == 25
    for row in impact_rows:
        got = ssvc.human_impact(row["Situated Safety Impact"], row["Mission Impact"])
        assert got.value == row["Human Impact"].lower()
