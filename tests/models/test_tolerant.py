"""Tolerant decoding (the clients' default): missing keys, unknown keys, lossless coercion, and strict."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest

from futurevuls_ext import Client, ResponseValidationError, models
from futurevuls_ext._core.call import decode, structure_as
from futurevuls_ext._serde import converter_for
from futurevuls_ext.models._base import Model
from futurevuls_ext.profile import ApiProfile

from ._fixtures import DATA

TOLERANT = converter_for(ApiProfile(), strict=False)
STRICT = converter_for(ApiProfile(), strict=True)
LIVE_CVE = "futurevuls-api-sources/live-answers/cve-detail-CVE-2019-20041.json"
OWN_LIVE_SHAPE = DATA / "live_shape_cve_detail.json"

MODEL_CLASSES = sorted(
    (
        cls
        for name in models.__all__
        if isinstance(cls := getattr(models, name), type) and issubclass(cls, Model)
    ),
    key=lambda cls: cls.__name__,
)


def tolerant(cls: Any, data: Any) -> Any:
    return decode(structure_as(cls), TOLERANT, data, method="GET", url="/t")


def strict(cls: Any, data: Any) -> Any:
    return decode(structure_as(cls), STRICT, data, method="GET", url="/t")


def identity_keys(cls: type) -> dict[str, Any]:
    """A minimal answer: only the fields without a default (the object's identity)."""
    values: dict[str, Any] = {}
    for attribute in attrs.fields(cls):
        if attribute.default is attrs.NOTHING:
            key = "ID" if attribute.metadata.get("json") == "ID" else attribute.name
            values[{"id": "id", "cve_id": "cveID"}.get(key, key)] = "CVE-2024-0001" if key == "cve_id" else 7
    return values


def client_answering(body: Any) -> Client:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=body)

    return Client(
        "t", base_url="https://fv.test", transport=httpx.MockTransport(handler), strict_responses=False
    )


def test_every_model_decodes_an_answer_holding_only_its_id() -> None:
    assert len(MODEL_CLASSES) > 30
    for cls in MODEL_CLASSES:
        obj = tolerant(cls, identity_keys(cls))
        assert isinstance(obj, cls)
        for attribute in attrs.fields(cls):
            if attribute.default is not attrs.NOTHING and not attribute.metadata.get("embed"):
                assert getattr(obj, attribute.name) in (None, (), {}), (cls.__name__, attribute.name)


def test_missing_identity_is_an_error_naming_its_path() -> None:
    with pytest.raises(ResponseValidationError, match=r"required field missing @ \$\.id"):
        tolerant(models.Server, {"serverName": "web"})


def test_the_own_live_shape_fixture_decodes_and_strict_rejects_it() -> None:
    data = json.loads(OWN_LIVE_SHAPE.read_text(encoding="utf-8"))
    detail = tolerant(models.CveDetail, data)
    assert detail.env_metric_v2s == () and detail.references == {} and detail.sec_metrics == ()
    assert detail.cwes[0].extra == {"sourceType": ""}
    with pytest.raises(ResponseValidationError) as info:
        strict(models.CveDetail, data)
    assert "required field missing @ $.envMetricV2s" in info.value.errors


def test_the_recorded_live_answer_decodes_through_cves_get(shared_dir: Path) -> None:
    data = json.loads((shared_dir / LIVE_CVE).read_text(encoding="utf-8"))
    with client_answering(data) as client:
        detail = client.cves.get("CVE-2019-20041")
    assert detail.cve_id == "CVE-2019-20041"
    assert detail.env_metric_v3s == () and detail.references == {}
    assert detail.cvss is not None and detail.cvss.max_cvss_v3 is not None
    assert detail.cwes[0].cwe_id == "CWE-20"
    assert detail.cwes[0].extra == {"sourceType": ""}
    with pytest.raises(ResponseValidationError) as info:
        strict(models.CveDetail, data)
    assert {f"required field missing @ $.{key}" for key in ("envMetricV2s", "references")} <= set(
        info.value.errors
    )


def test_unknown_keys_are_kept_in_extra_in_to_dict_and_round_trip() -> None:
    data = {
        "id": 3,
        "serverName": "web",
        "futureKey": {"a": [1]},
        "tags": [{"id": 1, "name": "t", "color": "red"}],
    }
    server = tolerant(models.Server, data)
    assert server.extra == {"futureKey": {"a": [1]}}
    assert server.tags[0].extra == {"color": "red"}
    exported = server.to_dict()
    assert exported["extra"] == {"futureKey": {"a": [1]}}
    assert list(exported)[-1] == "extra"
    assert exported["tags"][0]["extra"] == {"color": "red"}
    again = TOLERANT.unstructure(server)
    assert again["futureKey"] == {"a": [1]} and again["tags"][0]["color"] == "red"
    assert server == tolerant(models.Server, {**data, "futureKey": "other"})  # extra is not identity


def test_embedded_ssvc_keys_are_not_extra() -> None:
    task = tolerant(models.Task, {"id": 1, "ssvcPriority": "immediate", "newKey": 1})
    assert task.extra == {"newKey": 1}
    assert task.ssvc.extra == {}


@pytest.mark.parametrize(
    ("cls", "key", "value", "attribute", "expected"),
    [
        (models.Server, "serverroleId", "12", "serverrole_id", 12),
        (models.Server, "serverroleId", " 12 ", "serverrole_id", 12),
        (models.Server, "serverroleId", 12.0, "serverrole_id", 12),
        (models.Server, "serverName", 7, "server_name", "7"),
        (models.Server, "needKernelRestart", "true", "need_kernel_restart", True),
        (models.Server, "needKernelRestart", "false", "need_kernel_restart", False),
        (models.Cve, "maxV3", "9.8", "max_v3", 9.8),
        (models.Cve, "maxV3", 9, "max_v3", 9.0),
        (models.Server, "serverName", None, "server_name", None),
    ],
)
def test_lossless_coercions(cls: Any, key: str, value: Any, attribute: str, expected: Any) -> None:
    base = identity_keys(cls)
    assert getattr(tolerant(cls, {**base, key: value}), attribute) == expected


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("serverroleId", "twelve"),
        ("serverroleId", 12.5),
        ("serverroleId", True),
        ("serverroleId", "١٢"),
        ("serverName", 1.5),
        ("serverName", True),
        ("serverName", ["web"]),
        ("needKernelRestart", 1),
        ("needKernelRestart", "yes"),
        ("tags", "web"),
        ("group", "g"),
    ],
)
def test_lossy_values_are_errors_naming_the_jsonpath(key: str, value: Any) -> None:
    with pytest.raises(ResponseValidationError) as info:
        tolerant(models.Server, {"id": 1, key: value})
    assert any(error.endswith(f"@ $.{key}") for error in info.value.errors), info.value.errors


def test_strict_refuses_coercions_unknown_and_missing_keys() -> None:
    with pytest.raises(ResponseValidationError, match=r"@ \$\.serverroleId"):
        strict(models.Server, {**_complete_server(), "serverroleId": "12"})
    with pytest.raises(ResponseValidationError, match=r"extra fields found \(futureKey\)"):
        strict(models.Server, {**_complete_server(), "futureKey": 1})
    data = _complete_server()
    del data["osFamily"]
    with pytest.raises(ResponseValidationError, match=r"required field missing @ \$\.osFamily"):
        strict(models.Server, data)


def test_a_client_is_tolerant_unless_asked_and_strict_when_asked() -> None:
    answer = {"id": 1, "futureKey": 1}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=answer)

    transport = httpx.MockTransport(handler)
    with Client("t", base_url="https://fv.test", transport=transport, strict_responses=False) as client:
        assert client.servers.get(1).extra == {"futureKey": 1}
    with Client("t", base_url="https://fv.test", transport=transport, strict_responses=True) as client:
        with pytest.raises(ResponseValidationError, match="futureKey"):
            client.servers.get(1)


def test_production_code_reads_no_strictness_environment_variable() -> None:
    package = Path(models.__file__).resolve().parent.parent
    offenders = [
        p.name for p in package.rglob("*.py") if "FUTUREVULS_STRICT" in p.read_text(encoding="utf-8")
    ]
    assert not offenders


def _complete_server() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "server_detail.json").read_text(encoding="utf-8"))["complete"]
    return data
