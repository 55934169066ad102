"""Models carry exactly the keys of the spec's schemas (reference futurevuls-api-schemas.md)."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from futurevuls_ext import models
from futurevuls_ext._serde import json_key

from ._fixtures import FIXTURES, load

# schema -> model; every response object of the spec except the paging envelopes
SCHEMA_MODELS: dict[str, type] = {
    "AffectedProcResponseBody": models.AffectedProc,
    "ChildTaskResponseBody": models.ChildTask,
    "CveChildResponseBody": models.CveChild,
    "CveGetCveDetailResponseBody": models.CveDetail,
    "CveListResponseBody": models.Cve,
    "CvssResponseBody": models.Cvss,
    "CvssResponseBodyMaxCvssV2": models.CvssMax,
    "CvssResponseBodyVulnInfo": models.VulnInfo,
    "CweResponseBody": models.Cwe,
    "DetectionMethodResponseBody": models.DetectionMethod,
    "DetectionToolResponseBody": models.DetectionTool,
    "EnvMetricV2ResponseBody": models.EnvMetricV2,
    "EnvMetricV3ResponseBody": models.EnvMetricV3,
    "GroupResponseBody": models.Group,
    "GroupSetCveGetGroupSetCveDetailResponseBody": models.GroupSetCveDetail,
    "GroupSetCveListResponseBody": models.GroupSetCve,
    "GroupSetPkgCpeGetGroupSetCpeDetailResponseBody": models.Cpe,
    "GroupSetPkgCpeGetGroupSetPkgDetailResponseBody": models.PackageDetail,
    "GroupSetPkgCpeListResponseBody": models.PkgCpe,
    "GroupSetServerGetGroupSetServerDetailByUUIDResponseBody": models.Server,
    "GroupSetServerGetGroupSetServerDetailResponseBody": models.Server,
    "GroupSetTaskGetGroupSetTaskDetailResponseBody": models.TaskDetail,
    "LibraryPkgChildResponseBody": models.LibraryPkg,
    "LockfileAddLockfileResponseBody": models.Lockfile,
    "LockfileGetLockfileDetailResponseBody": models.Lockfile,
    "LockfileListResponseBody": models.Lockfile,
    "LockfileUpdateLockfileResponseBody": models.Lockfile,
    "NeedRestartProcResponseBody": models.NeedRestartProc,
    "PkgCpeAddCpeResponseBody": models.Cpe,
    "PkgCpeChildResponseBody": models.PkgCpeChild,
    "PkgCpeGetCpeDetailResponseBody": models.Cpe,
    "PkgCpeGetPkgDetailResponseBody": models.PackageDetail,
    "PkgCpeListResponseBody": models.PkgCpe,
    "RoleGetRoleDetailResponseBody": models.Role,
    "RoleListResponseBody": models.Role,
    "RoleUpdateRoleResponseBody": models.Role,
    "SecMetricResponseBody": models.SecMetric,
    "ServerChildResponseBody": models.ServerChild,
    "ServerCreatePkgPasteServerResponseBody": models.Server,
    "ServerGetServerDetailByUUIDResponseBody": models.Server,
    "ServerGetServerDetailResponseBody": models.Server,
    "ServerListResponseBody": models.Server,
    "ServerTagResponseBody": models.ServerTag,
    "ServerUpdateServerResponseBody": models.Server,
    "TaskAddTaskCommentResponseBody": models.TaskDetail,
    "TaskCommentResponseBody": models.TaskComment,
    "TaskGetTaskDetailResponseBody": models.TaskDetail,
    "TaskListResponseBody": models.Task,
    "TaskUpdateTaskResponseBody": models.TaskDetail,
    "TmpMetricResponseBody": models.TmpMetric,
    "VulnSummaryResponseBody": models.VulnSummary,
}
ENVELOPES = re.compile(r"(Get\w*ListResponseBody|RequestBody|PagingResponseBody)$")
ROW = re.compile(r"^\| `(?P<key>[^`]+)` \| (?P<type>[^|]+) \| (?P<req>req)? *\|")


def parse_schemas(text: str) -> dict[str, dict[str, bool]]:
    """schema name -> {json key: required}."""
    schemas: dict[str, dict[str, bool]] = {}
    current: dict[str, bool] | None = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = schemas.setdefault(line[3:].strip(), {})
        elif current is not None and (match := ROW.match(line)):
            current[match["key"]] = match["req"] is not None
    return schemas


def model_keys(cls: type) -> dict[str, bool]:
    """JSON key -> required, with embedded models' keys inlined; profile-keyed fields and ``extra`` left out.

    Required means the object's identity (no default) or marked ``spec_required`` (tolerant decoding
    fills it, strict decoding reports it).
    """
    attrs.resolve_types(cls)
    keys: dict[str, bool] = {}
    for attribute in attrs.fields(cls):
        if attribute.metadata.get("profile") or attribute.metadata.get("extra"):
            continue
        if attribute.metadata.get("embed"):
            keys.update({json_key(a): False for a in attrs.fields(attribute.type) if a.name != "extra"})
            continue
        keys[json_key(attribute)] = attribute.default is attrs.NOTHING or bool(
            attribute.metadata.get("required")
        )
    return keys


@pytest.fixture(scope="module")
def schemas(shared_dir: Path) -> dict[str, dict[str, bool]]:
    text = (shared_dir / "reference" / "futurevuls-api-schemas.md").read_text(encoding="utf-8")
    parsed = parse_schemas(text)
    assert len(parsed) > 50
    return parsed


def test_every_response_schema_has_a_model(schemas: dict[str, dict[str, bool]]) -> None:
    unmapped = {name for name in schemas if not ENVELOPES.search(name)} - set(SCHEMA_MODELS)
    assert not unmapped


@pytest.mark.parametrize("name", sorted(SCHEMA_MODELS))
def test_model_has_every_key_of_the_schema(name: str, schemas: dict[str, dict[str, bool]]) -> None:
    keys = model_keys(SCHEMA_MODELS[name])
    missing = set(schemas[name]) - set(keys)
    assert not missing


@pytest.mark.parametrize("name", sorted(SCHEMA_MODELS))
def test_model_requires_only_keys_the_schema_requires(name: str, schemas: dict[str, dict[str, bool]]) -> None:
    required = {key for key, req in model_keys(SCHEMA_MODELS[name]).items() if req}
    optional_in_schema = {key for key, req in schemas[name].items() if not req}
    assert not required & optional_in_schema
    assert required <= set(schemas[name])


MODEL_CLASSES: list[type] = sorted(set(SCHEMA_MODELS.values()), key=repr)


@pytest.mark.parametrize("cls", MODEL_CLASSES)
def test_model_has_no_key_outside_its_schemas(cls: type, schemas: dict[str, dict[str, bool]]) -> None:
    union: set[str] = set()
    for name, mapped in SCHEMA_MODELS.items():
        if mapped is cls:
            union |= set(schemas[name])
    extra = set(model_keys(cls)) - union
    if cls in (models.Task,):  # the list item has only ssvcPriority of the embedded SSVC block
        extra -= set(model_keys(models.TaskSsvc))
    assert not extra


@pytest.mark.parametrize("fixture", sorted(n for n, (_, schema) in FIXTURES.items() if schema))
def test_complete_fixture_has_every_key_and_minimal_only_required(
    fixture: str, schemas: dict[str, dict[str, bool]]
) -> None:
    schema = schemas[FIXTURES[fixture][1]]
    assert set(load(fixture)) == set(schema)
    assert set(load(fixture, "minimal")) == {key for key, req in schema.items() if req}


def test_parse_schemas_reads_rows() -> None:
    text = (
        "## A\n\n| JSON key | type | req |\n|---|---|---|\n"
        "| `x` | integer | req |  | d |\n| `y` | string |  |  | d |\n"
    )
    assert parse_schemas(text) == {"A": {"x": True, "y": False}}
