"""Task enums: tolerant spellings, strict parse for arguments, lenient parse keeps unknown values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from futurevuls_ext import FutureVulsError
from futurevuls_ext.models import DEFAULT_TASK_STATUSES, EnumValueError, IgnoreUntil, TaskPriority, TaskStatus


@pytest.mark.parametrize(
    ("text", "member"),
    [
        ("new", TaskStatus.NEW),
        ("NEW", TaskStatus.NEW),
        ("risk_accepted", TaskStatus.RISK_ACCEPTED),
        ("Risk Accepted", TaskStatus.RISK_ACCEPTED),
        ("risk-accepted", TaskStatus.RISK_ACCEPTED),
        ("RISK_ACCEPTED", TaskStatus.RISK_ACCEPTED),
        (" not_affected ", TaskStatus.NOT_AFFECTED),
        ("patch applied", TaskStatus.PATCH_APPLIED),
    ],
)
def test_status_spellings(text: str, member: TaskStatus) -> None:
    assert TaskStatus.parse(text) is member
    assert TaskStatus(text) is member


@pytest.mark.parametrize(
    ("cls", "text", "value"),
    [
        (TaskPriority, "High", "high"),
        (TaskPriority, "none", "none"),
        (IgnoreUntil, "PKG-FIX", "pkg_fix"),
        (IgnoreUntil, "ssvc priority", "ssvc_priority"),
        (IgnoreUntil, "Nothing", "nothing"),
    ],
)
def test_priority_and_ignore_until_spellings(
    cls: type[TaskPriority | IgnoreUntil], text: str, value: str
) -> None:
    assert cls.parse(text).value == value


def test_parse_rejects_unknown_with_allowed_values() -> None:
    with pytest.raises(EnumValueError, match=r"'investigatng' is not a valid TaskStatus.*'investigating'"):
        TaskStatus.parse("investigatng")


def test_enum_value_error_is_sdk_and_value_error() -> None:
    assert issubclass(EnumValueError, FutureVulsError)
    assert issubclass(EnumValueError, ValueError)


def test_lenient_keeps_unknown_value() -> None:
    assert TaskStatus.parse_lenient("triaged_by_ai ") == "triaged_by_ai"
    assert not isinstance(TaskStatus.parse_lenient("triaged_by_ai"), TaskStatus)
    assert TaskStatus.parse_lenient("Ongoing") is TaskStatus.ONGOING


def test_default_statuses_are_the_api_default_set() -> None:
    assert [s.value for s in DEFAULT_TASK_STATUSES] == ["new", "investigating", "ongoing"]


@given(st.sampled_from(list(TaskStatus)), st.sampled_from(["-", "_", " "]), st.booleans())
def test_any_separator_and_case_round_trip(member: TaskStatus, sep: str, upper: bool) -> None:
    text = member.value.replace("_", sep)
    assert TaskStatus.parse(text.upper() if upper else text) is member


@given(st.text(max_size=20))
def test_lenient_never_raises(text: str) -> None:
    result = TaskStatus.parse_lenient(text)
    assert isinstance(result, str)
