"""Spellings, aliases, errors and ordering of the SSVC enums."""

from __future__ import annotations

import re
from enum import Enum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from futurevuls_ext import FutureVulsError
from futurevuls_ext.ssvc import (
    Automatable,
    Exploitation,
    Exposure,
    HumanImpact,
    MissionImpact,
    Priority,
    SafetyImpact,
    SsvcValueError,
    Utility,
    ValueDensity,
)

ENUMS = [
    Exploitation,
    Exposure,
    Utility,
    Automatable,
    ValueDensity,
    HumanImpact,
    SafetyImpact,
    MissionImpact,
    Priority,
]
MEMBERS = [member for cls in ENUMS for member in cls]

CERT_VALUES: dict[type[Enum], list[str]] = {
    Exploitation: ["none", "PoC", "active"],
    Exposure: ["small", "controlled", "open"],
    Utility: ["laborious", "efficient", "super effective"],
    Automatable: ["no", "yes"],
    ValueDensity: ["diffuse", "concentrated"],
    HumanImpact: ["low", "medium", "high", "very high"],
    SafetyImpact: ["none", "minor", "major", "hazardous", "catastrophic"],
    MissionImpact: ["none", "degraded", "crippled", "MEF failure", "mission failure"],
    Priority: ["defer", "scheduled", "out-of-cycle", "immediate"],
}


@pytest.mark.parametrize("cls", ENUMS)
def test_values_are_the_cert_csv_spellings(cls: type[Enum]) -> None:
    assert [m.value for m in cls] == CERT_VALUES[cls]
    assert all(isinstance(m, str) and str(m) == m.value for m in cls)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("out-of-cycle", Priority.OUT_OF_CYCLE),
        ("out_of_cycle", Priority.OUT_OF_CYCLE),
        ("OutOfCycle", Priority.OUT_OF_CYCLE),
        ("Out of Cycle", Priority.OUT_OF_CYCLE),
        ("OUT_OF_CYCLE", Priority.OUT_OF_CYCLE),
        (" Immediate ", Priority.IMMEDIATE),
        ("poc", Exploitation.POC),
        ("PoC", Exploitation.POC),
        ("public poc", Exploitation.POC),
        ("public_poc", Exploitation.POC),
        ("Public PoC", Exploitation.POC),
        ("ACTIVE", Exploitation.ACTIVE),
        ("super_effective", Utility.SUPER_EFFECTIVE),
        ("SuperEffective", Utility.SUPER_EFFECTIVE),
        ("very_high", HumanImpact.VERY_HIGH),
        ("VeryHigh", HumanImpact.VERY_HIGH),
        ("true", Automatable.YES),
        ("False", Automatable.NO),
        ("Open", Exposure.OPEN),
        ("MEF Failure", MissionImpact.MEF_FAILURE),
        ("MEF support crippled", MissionImpact.CRIPPLED),
        ("Hazardous", SafetyImpact.HAZARDOUS),
    ],
)
def test_tolerant_spellings(text: str, expected: Enum) -> None:
    cls = type(expected)
    assert cls.parse(text) is expected  # type: ignore[attr-defined]
    assert cls(text) is expected
    assert cls.parse_lenient(text) is expected  # type: ignore[attr-defined]


def test_parse_accepts_members_and_bools() -> None:
    assert Priority.parse(Priority.DEFER) is Priority.DEFER
    assert Automatable.parse(True) is Automatable.YES
    assert Automatable.parse(False) is Automatable.NO
    assert Automatable(True) is Automatable.YES  # type: ignore[arg-type]


@pytest.mark.parametrize("cls", ENUMS)
def test_unknown_spelling_raises_with_allowed_values(cls: type[Enum]) -> None:
    with pytest.raises(SsvcValueError) as info:
        cls.parse("definitely-not-a-value")  # type: ignore[attr-defined]
    message = str(info.value)
    assert "definitely-not-a-value" in message
    assert cls.__name__ in message
    for value in CERT_VALUES[cls]:
        assert repr(value) in message
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, FutureVulsError)
    with pytest.raises(ValueError):
        cls("definitely-not-a-value")


def test_parse_lenient_keeps_unknown_values() -> None:
    assert Priority.parse_lenient("  urgent ") == "urgent"
    assert not isinstance(Priority.parse_lenient("urgent"), Priority)
    assert Exposure.parse_lenient("internet") == "internet"


def _respell(words: list[str], style: str) -> str:
    if style == "camel":
        return "".join(w[:1].upper() + w[1:] for w in words)
    if style == "upper_snake":
        return "_".join(words).upper()
    sep = {"space": " ", "kebab": "-", "snake": "_", "title": " "}[style]
    text = sep.join(words)
    return text.title() if style == "title" else text


@given(
    member=st.sampled_from(MEMBERS),
    style=st.sampled_from(["camel", "upper_snake", "space", "kebab", "snake", "title"]),
)
def test_every_respelling_round_trips(member: Enum, style: str) -> None:
    words = re.split(r"[\s\-]+", str(member.value))
    text = _respell(words, style)
    cls = type(member)
    assert cls.parse(text) is member  # type: ignore[attr-defined]
    assert cls.parse(str(member)) is member  # type: ignore[attr-defined]
    assert cls.parse(member.name) is member  # type: ignore[attr-defined]


@given(text=st.text(max_size=20))
def test_parse_never_raises_anything_but_ssvc_value_error(text: str) -> None:
    for cls in ENUMS:
        try:
            member = cls.parse(text)
        except SsvcValueError:
            assert cls.parse_lenient(text) == text.strip()
        else:
            assert isinstance(member, cls)


def test_priority_ordering() -> None:
    ordered = [Priority.DEFER, Priority.SCHEDULED, Priority.OUT_OF_CYCLE, Priority.IMMEDIATE]
    shuffled = [Priority.OUT_OF_CYCLE, Priority.IMMEDIATE, Priority.DEFER, Priority.SCHEDULED]
    assert sorted(shuffled) == ordered
    assert [p.rank for p in ordered] == [0, 1, 2, 3]
    assert Priority.DEFER < Priority.SCHEDULED < Priority.OUT_OF_CYCLE < Priority.IMMEDIATE
    assert Priority.IMMEDIATE > Priority.OUT_OF_CYCLE >= Priority.OUT_OF_CYCLE
    assert Priority.SCHEDULED <= "scheduled"
    assert Priority.IMMEDIATE > "OutOfCycle"
    # plain string comparison would say "out-of-cycle" < "defer" is False and "immediate" < "out-of-cycle"
    assert Priority.OUT_OF_CYCLE < Priority.IMMEDIATE
    assert max(ordered) is Priority.IMMEDIATE
    with pytest.raises(TypeError):
        _ = Priority.DEFER < 3


def test_members_stay_hashable_and_equal_to_their_values() -> None:
    by_member: dict[str, int] = {Priority.DEFER: 1}
    assert by_member["defer"] == 1
    as_text: str = Priority.OUT_OF_CYCLE
    assert as_text == "out-of-cycle"
    assert len({*Priority}) == 4
