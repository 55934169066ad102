"""The fake answers like goa: no empty optional keys, no list key in an empty list, strconv.ParseBool."""

from __future__ import annotations

import types
import typing
from typing import Any

import attrs
import httpx
import pytest

import futurevuls_ext as fv
from futurevuls_ext import models
from futurevuls_ext._serde import json_key
from futurevuls_ext.testing import FakeFutureVuls

PARSE_BOOL_TRUE = ["1", "t", "T", "TRUE", "true", "True"]
PARSE_BOOL_FALSE = ["0", "f", "F", "FALSE", "false", "False"]

LISTS: list[tuple[str, str, type]] = [
    ("/v1/servers", "servers", models.Server),
    ("/v1/roles", "roles", models.Role),
    ("/v1/tasks", "tasks", models.Task),
    ("/v1/cves", "cves", models.Cve),
    ("/v1/pkgCpes", "pkgCpes", models.PkgCpe),
    ("/v1/lockfiles", "lockfiles", models.Lockfile),
]


def _model_of(tp: Any) -> type | None:
    """The attrs model inside ``X | None`` or ``tuple[X, ...]``, else None."""
    if attrs.has(tp):
        return typing.cast("type", tp)
    if typing.get_origin(tp) in (types.UnionType, typing.Union, tuple):
        for arg in typing.get_args(tp):
            if arg is not type(None) and arg is not ... and (found := _model_of(arg)) is not None:
                return found
    return None


def empty_optional_keys(cls: type, data: Any, where: str = "$") -> list[str]:
    """Paths of keys the model does not mark required whose value is empty (goa would leave them out)."""
    if not isinstance(data, dict):
        return []
    attrs.resolve_types(cls)
    fields = {json_key(a): a for a in attrs.fields(cls) if not a.metadata.get("extra")}
    for embedded in [a for a in attrs.fields(cls) if a.metadata.get("embed")]:
        fields.update({json_key(a): a for a in attrs.fields(embedded.type) if not a.metadata.get("extra")})
    found: list[str] = []
    for key, value in data.items():
        attribute = fields.get(key)
        if attribute is None:
            continue
        required = attribute.default is attrs.NOTHING or attribute.metadata.get("required")
        if value in (None, [], {}) and not required:
            found.append(f"{where}.{key}")
        inner = _model_of(attribute.type)
        if inner is not None:
            for index, item in enumerate(value if isinstance(value, list) else [value]):
                found += empty_optional_keys(inner, item, f"{where}.{key}[{index}]")
    return found


@pytest.fixture(scope="module")
def demo() -> typing.Iterator[tuple[FakeFutureVuls, httpx.Client]]:
    with (
        FakeFutureVuls(dataset="demo") as fake,
        httpx.Client(base_url=fake.url, headers={"Authorization": fake.token}, timeout=10.0) as http,
    ):
        yield fake, http


def test_no_answer_carries_an_empty_optional_key(demo: tuple[FakeFutureVuls, httpx.Client]) -> None:
    fake, http = demo
    checked = 0
    for path, key, cls in LISTS:
        body = http.get(path, params={"limit": 1000}).json()
        for item in body.get(key, []):
            assert empty_optional_keys(cls, item) == [], path
            checked += 1
    details = [
        *((f"/v1/server/{s}", models.Server) for s in fake.state.servers),
        *((f"/v1/role/{r}", models.Role) for r in fake.state.roles),
        *((f"/v1/task/{t}", models.TaskDetail) for t in list(fake.state.tasks)[:20]),
        *((f"/v1/cve/{c}", models.CveDetail) for c in list(fake.state.cves)[:20]),
        *((f"/v1/pkgCpe/pkg/{p}", models.PackageDetail) for p in list(fake.state.packages)[:20]),
        *((f"/v1/pkgCpe/cpe/{c}", models.Cpe) for c in fake.state.cpes),
    ]
    for path, cls in details:
        response = http.get(path)
        assert response.status_code == 200, path
        assert empty_optional_keys(cls, response.json()) == [], path
        checked += 1
    assert checked > 50


def test_the_checker_sees_an_empty_optional_list() -> None:
    assert empty_optional_keys(
        models.Server, {"id": 1, "tags": [], "tasks": [{"id": 2, "ignoreUntil": None}]}
    ) == [
        "$.tags",
        "$.tasks[0].ignoreUntil",
    ]
    assert empty_optional_keys(models.Task, {"id": 1, "advisoryIDs": []}) == []  # required in the list


@pytest.mark.parametrize("path", [p for p, _, _ in LISTS if p != "/v1/roles"])  # a group has a default role
def test_an_empty_list_answer_has_no_list_key(path: str) -> None:
    with (
        FakeFutureVuls() as fake,
        httpx.Client(base_url=fake.url, headers={"Authorization": fake.token}) as http,
    ):
        body = http.get(path).json()
    assert set(body) == {"paging"}
    assert body["paging"]["totalCount"] == 0


@pytest.mark.anyio
async def test_the_clients_list_an_empty_answer_as_nothing() -> None:
    with FakeFutureVuls() as fake:
        with fv.Client(fake.token, base_url=fake.url) as client:
            assert list(client.lockfiles.list()) == []
            assert list(client.tasks.list()) == []
        async with fv.AsyncClient(fake.token, base_url=fake.url) as aclient:
            assert [x async for x in aclient.lockfiles.list()] == []
            assert [x async for x in aclient.servers.list()] == []


@pytest.mark.parametrize(
    ("text", "hidden"), [(t, True) for t in PARSE_BOOL_TRUE] + [(f, False) for f in PARSE_BOOL_FALSE]
)
def test_boolean_query_parameters_parse_like_strconv_parse_bool(
    demo: tuple[FakeFutureVuls, httpx.Client], text: str, hidden: bool
) -> None:
    fake, http = demo
    ignored = sum(1 for t in fake.state.tasks.values() if t.ignore)
    assert ignored, "the demo dataset has ignored tasks"
    every = [("filterStatus", s) for s in ("new", "investigating", "ongoing", "workaround", "patch_applied")]
    body = http.get("/v1/tasks", params=[*every, ("filterIgnore", text), ("limit", "1000")]).json()
    listed = {t["id"] for t in body.get("tasks", [])}
    assert bool(listed & {t.id for t in fake.state.tasks.values() if t.ignore}) is not hidden


@pytest.mark.parametrize("text", ["yes", "no", "tRuE", "2", "", " true"])
def test_other_boolean_spellings_are_a_400(demo: tuple[FakeFutureVuls, httpx.Client], text: str) -> None:
    _, http = demo
    response = http.get("/v1/tasks", params={"filterIgnore": text})
    assert response.status_code == 400
    assert response.json()["name"] == "invalid_field_type"
