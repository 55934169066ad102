"""The converter layer: key rule, values, enums, embedded SSVC block, per-profile keys, strictness."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from futurevuls_ext import ResponseValidationError
from futurevuls_ext._core.call import decode, structure_as
from futurevuls_ext._serde import api_name, converter_for, default_converter, parse_date, parse_datetime
from futurevuls_ext.models import ExternalScan, Role, Server, Task, TaskDetail, TaskSsvc, TaskStatus
from futurevuls_ext.profile import ApiProfile, ExternalScanProfile, RoleSsvcProfile
from futurevuls_ext.ssvc import Exposure, HumanImpact, Priority, RoleSsvcSettings

from ._fixtures import load

STRICT = converter_for(ApiProfile(), strict=True)


def strict_decode(cls: Any, data: Any, profile: ApiProfile | None = None) -> Any:
    converter = converter_for(profile or ApiProfile(), strict=True)
    return decode(structure_as(cls), converter, data, method="GET", url="/t")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("server_id", "serverID"),
        ("advisory_ids", "advisoryIDs"),
        ("cpe_uri", "cpeURI"),
        ("primary_src_urls", "primarySrcURLs"),
        ("server_uuid", "serverUuid"),
        ("server_ipv4", "serverIpv4"),
        ("is_owasp_top_ten2017", "isOwaspTopTen2017"),
        ("score_v3s", "scoreV3s"),
        ("id", "id"),
        ("main_user_id", "mainUserID"),
    ],
)
def test_api_name(name: str, key: str) -> None:
    assert api_name(name) == key


@given(st.from_regex(r"[a-z]{1,8}(_[a-z]{1,8}){0,3}", fullmatch=True))
def test_api_name_keeps_the_head_and_drops_underscores(name: str) -> None:
    key = api_name(name)
    assert key.startswith(name.split("_", maxsplit=1)[0])
    assert "_" not in key
    assert key.lower() == name.replace("_", "")


def test_default_converter_is_tolerant_and_strict_is_asked_for() -> None:
    data = {**load("server_list_item", "minimal"), "bogus": 1}
    server = decode(structure_as(Server), default_converter(), data, method="GET", url="/t")
    assert server.extra == {"bogus": 1}
    with pytest.raises(ResponseValidationError, match=r"extra fields found \(bogus\)"):
        decode(structure_as(Server), default_converter(strict=True), data, method="GET", url="/t")


def test_irregular_keys_map_to_regular_names() -> None:
    server = strict_decode(Server, load("server_list_item"))
    assert server.serverrole_id == 1
    assert server.default_user_id == 1
    assert server.platform_instance_id == "i-0123456789abcdef0"
    assert server.group is not None
    assert server.group.id == 3
    task = strict_decode(Task, load("task_list_item"))
    assert task.is_running_process is True


def test_datetimes_and_zero_time() -> None:
    server = strict_decode(Server, load("server_list_item"))
    assert server.created_at == dt.datetime(2018, 7, 14, 8, 13, 28, tzinfo=dt.UTC)
    assert server.last_scanned_at == dt.datetime(2022, 2, 20, 14, 11, 22, 152870, tzinfo=dt.UTC)
    assert server.last_uploaded_at is None  # 0001-01-01T00:00:00Z


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2018-07-13", dt.date(2018, 7, 13)),
        ("2018-07-13T00:00:00Z", dt.date(2018, 7, 13)),
        ("0001-01-01", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(raw: Any, expected: dt.date | None) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", [12, "yesterday", "2018-13-01T00:00:00Z"])
def test_parse_datetime_rejects_garbage(raw: Any) -> None:
    with pytest.raises(ValueError):
        parse_datetime(raw)


def test_bad_timestamp_is_a_validation_error() -> None:
    data = {**load("server_list_item", "minimal"), "createdAt": "last tuesday"}
    with pytest.raises(ResponseValidationError, match=r"@ \$\.createdAt"):
        strict_decode(Server, data)


@pytest.mark.parametrize(
    ("key", "value"),
    [("needKernelRestart", "false"), ("id", "12"), ("id", True), ("serverName", 5), ("tags", "web")],
)
def test_wrong_json_types_are_not_coerced(key: str, value: Any) -> None:
    data = {**load("server_list_item"), key: value}
    with pytest.raises(ResponseValidationError, match=rf"@ \$\.{key}"):
        strict_decode(Server, data)


def test_null_list_reads_as_empty_tuple() -> None:
    data = {**load("server_list_item", "minimal"), "tags": None}
    assert strict_decode(Server, data).tags == ()


def test_unknown_enum_value_is_kept_as_string() -> None:
    data = {**load("task_list_item"), "status": "triaged", "ssvcPriority": "act-now"}
    task = strict_decode(Task, data)
    assert task.status == "triaged"
    assert not isinstance(task.status, TaskStatus)
    assert task.ssvc.priority == "act-now"


def test_task_list_item_has_only_ssvc_priority() -> None:
    task = strict_decode(Task, load("task_list_item"))
    assert task.ssvc == TaskSsvc(priority=Priority.OUT_OF_CYCLE)


def test_task_detail_ssvc_block_is_one_typed_object() -> None:
    task = strict_decode(TaskDetail, load("task_detail"))
    assert task.ssvc.exposure is Exposure.OPEN
    assert task.ssvc.human_impact is HumanImpact.HIGH
    assert task.ssvc.automatable is not None
    assert task.server_id == 12
    assert task.server_tags == ("internet-facing",)
    out = STRICT.unstructure(task)
    assert out["ssvcDecisionHumanImpact"] == "high"
    assert "ssvc" not in out


def test_external_scan_default_keys() -> None:
    scan = strict_decode(ExternalScan, load("external_scan"))
    assert scan.server_id == 12
    assert scan.cve_ids == ("CVE-2018-1234", "CVE-2023-44487")
    assert scan.is_external_scan is True


def test_external_scan_keys_follow_the_profile() -> None:
    profile = ApiProfile(
        external_scans=ExternalScanProfile(
            id_key="externalScanID",
            cve_ids_key="cveIdList",
            is_external_key="isExposed",
            name_key="externalScanName",
        )
    )
    data = {
        "externalScanID": 5,
        "serverID": 1,
        "externalScanName": "n",
        "cveIdList": ["CVE-2024-1"],
        "isExposed": False,
    }
    scan = strict_decode(ExternalScan, data, profile)
    assert (scan.id, scan.name, scan.cve_ids, scan.is_external_scan) == (5, "n", ("CVE-2024-1",), False)
    with pytest.raises(ResponseValidationError):
        strict_decode(ExternalScan, load("external_scan"), profile)  # default keys are now unknown
    assert converter_for(profile, strict=True) is converter_for(profile, strict=True)
    assert converter_for(profile, strict=True) is not STRICT


def test_role_ssvc_keys_follow_the_profile() -> None:
    data = {**load("role_detail"), "ssvcExposure": "Open", "ssvcHumanImpact": "very_high"}
    role = strict_decode(Role, data)
    assert role.ssvc == RoleSsvcSettings(exposure="open", human_impact="very high")
    profile = ApiProfile(role_ssvc=RoleSsvcProfile(exposure_key="nwExposure"))
    role = strict_decode(Role, {**load("role_detail"), "nwExposure": "small"}, profile)
    assert role.ssvc_exposure is Exposure.SMALL


def test_role_unknown_ssvc_value_is_kept_but_not_used() -> None:
    role = strict_decode(Role, {**load("role_list_item"), "ssvcExposure": "internet"})
    assert role.ssvc_exposure == "internet"
    assert role.ssvc.exposure is None
