"""Every request body the builders send has exactly the keys of the spec's request schemas."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from futurevuls_ext.models import IgnoreUntil, TaskPriority, TaskStatus
from futurevuls_ext.profile import ApiProfile
from futurevuls_ext.resources import (
    _cpes_ops,
    _lockfiles_ops,
    _roles_ops,
    _servers_ops,
    _tasks_ops,
)

ROW = re.compile(r"^\| `(?P<key>[^`]+)` \| [^|]+ \| (?:req)? *\| (?P<enum>[^|]*)\|")

# request schema -> the body our builder sends when given every argument
BODIES: dict[str, Any] = {
    "LockfileAddLockfileRequestBody": _lockfiles_ops.create(server_id=1, path="/p", file_content="{}"),
    "LockfileUpdateLockfileRequestBody": _lockfiles_ops.update(1, path="/p", file_content="{}"),
    "PkgCpeAddCpeRequestBody": _cpes_ops.add(1, "cpe:/a:v:p:1"),
    "PkgCpeDeleteCpeDeprecatedRequestBody": _cpes_ops.delete(1, deprecated_route=True),
    "RoleUpdateRoleRequestBody": _roles_ops.update(ApiProfile(), 1, name="r")[0],
    "ServerCreatePkgPasteServerRequestBody": _servers_ops.create_paste(
        name="n",
        os_family="amazon",
        os_version="2",
        kernel_release="5",
        pkg_paste_text="t",
        kernel_version="v",
    ),
    "ServerUpdatePkgPasteServerRequestBody": _servers_ops.update_paste(
        1, pkg_paste_text="t", os_version="2", kernel_release="5", kernel_version="v"
    ),
    "ServerUpdateServerRequestBody": _servers_ops.update(
        1, name="n", role_id=1, default_user_id=1, additional_info="i"
    ),
    "TaskAddTaskCommentRequestBody": _tasks_ops.comment(1, "c"),
    "TaskUpdateTaskIgnoreRequestBody": _tasks_ops.ignore(1, "vector"),
    "TaskUpdateTaskRequestBody": _tasks_ops.update(
        1, status="new", priority="low", main_user_id=1, sub_user_id=2, applying_patch_on=dt.date(2024, 1, 1)
    ),
}


def parse(text: str) -> dict[str, dict[str, str]]:
    """schema -> {key: enum column}."""
    schemas: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = schemas.setdefault(line[3:].strip(), {})
        elif current is not None and (match := ROW.match(line)):
            current[match["key"]] = match["enum"].strip()
    return schemas


@pytest.fixture(scope="module")
def schemas(shared_dir: Path) -> dict[str, dict[str, str]]:
    return parse((shared_dir / "reference" / "futurevuls-api-schemas.md").read_text(encoding="utf-8"))


def test_every_request_schema_is_built(schemas: dict[str, dict[str, str]]) -> None:
    assert {name for name in schemas if name.endswith("RequestBody")} == set(BODIES)


@pytest.mark.parametrize("name", sorted(BODIES))
def test_body_keys_match_the_schema(name: str, schemas: dict[str, dict[str, str]]) -> None:
    assert set(BODIES[name].request.json) == set(schemas[name])


def enum_of(cell: str) -> set[str]:
    return set(re.findall(r"`([^`]+)`", cell)) if cell.startswith("enum:") else set()


def test_enums_cover_the_spec_values(schemas: dict[str, dict[str, str]]) -> None:
    update = schemas["TaskUpdateTaskRequestBody"]
    assert enum_of(update["status"]) == {s.value for s in TaskStatus} - {"patch_applied"}
    assert enum_of(update["priority"]) == {p.value for p in TaskPriority}
    assert enum_of(schemas["TaskUpdateTaskIgnoreRequestBody"]["ignoreUntil"]) == {
        i.value for i in IgnoreUntil
    }
