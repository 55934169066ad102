"""Every client operation that decodes an answer survives the answer missing any one spec-required key.

For each operation, sync and async, the complete fixture of its answer is served with one key removed
at a time: every key the 2023 spec marks required, at every depth (first item of each list). A tolerant
client (the default) decodes each answer, the dropped field reading as None or its empty collection;
only the object's own identity (``id`` / ``cveID`` of the answer itself) cannot be represented, and its
absence is a ResponseValidationError naming the JSONPath. A strict client rejects every one of them.
"""

from __future__ import annotations

import copy
import types
import typing
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import httpx
import pytest

from futurevuls_ext import Client, ResponseValidationError, models
from futurevuls_ext._serde import json_key

from ..harness import Both
from ..models._fixtures import load

pytestmark = pytest.mark.anyio

Op = Callable[[Any], Any]

# name -> (call on a client, fixture of the answer, model, list key or None)
OPERATIONS: dict[str, tuple[Op, str, type, str | None]] = {
    "servers.list": (lambda c: c.servers.list(), "server_list_item", models.Server, "servers"),
    "servers.get": (lambda c: c.servers.get(1), "server_detail", models.Server, None),
    "servers.get_by_uuid": (lambda c: c.servers.get_by_uuid("u"), "server_detail", models.Server, None),
    "servers.update": (lambda c: c.servers.update(1, name="web"), "server_detail", models.Server, None),
    "servers.create_pseudo": (lambda c: c.servers.create_pseudo("web"), "server_detail", models.Server, None),
    "servers.create_paste": (
        lambda c: c.servers.create_paste(
            name="p", os_family="ubuntu", os_version="22.04", kernel_release="5.15", pkg_paste_text="bash 5.1"
        ),
        "server_detail",
        models.Server,
        None,
    ),
    "servers.set_tags": (lambda c: c.servers.set_tags(1, ["web"]), "server_detail", models.Server, None),
    "roles.list": (lambda c: c.roles.list(), "role_list_item", models.Role, "roles"),
    "roles.get": (lambda c: c.roles.get(1), "role_detail", models.Role, None),
    "roles.update": (lambda c: c.roles.update(1, name="r"), "role_detail", models.Role, None),
    "tasks.list": (lambda c: c.tasks.list(), "task_list_item", models.Task, "tasks"),
    "tasks.get": (lambda c: c.tasks.get(1), "task_detail", models.TaskDetail, None),
    "tasks.update": (lambda c: c.tasks.update(1, status="ongoing"), "task_detail", models.TaskDetail, None),
    "tasks.comment": (lambda c: c.tasks.comment(1, "checked"), "task_detail", models.TaskDetail, None),
    "cves.list": (lambda c: c.cves.list(), "cve_list_item", models.Cve, "cves"),
    "cves.get": (lambda c: c.cves.get("CVE-2018-1234"), "cve_detail", models.CveDetail, None),
    "cpes.list": (lambda c: c.cpes.list(), "pkg_cpe_list_item", models.PkgCpe, "pkgCpes"),
    "cpes.get_package": (lambda c: c.cpes.get_package(1), "package_detail", models.PackageDetail, None),
    "cpes.get_cpe": (lambda c: c.cpes.get_cpe(1), "cpe_detail", models.Cpe, None),
    "cpes.add": (lambda c: c.cpes.add(1, "cpe:/a:vendor:product:1.0"), "cpe_detail", models.Cpe, None),
    "lockfiles.list": (lambda c: c.lockfiles.list(), "lockfile", models.Lockfile, "lockfiles"),
    "lockfiles.get": (lambda c: c.lockfiles.get(1), "lockfile", models.Lockfile, None),
    "lockfiles.create": (
        lambda c: c.lockfiles.create(server_id=1, path="/p/package-lock.json", file_content="{}"),
        "lockfile",
        models.Lockfile,
        None,
    ),
    "lockfiles.update": (
        lambda c: c.lockfiles.update(1, file_content="{}"),
        "lockfile",
        models.Lockfile,
        None,
    ),
    "external_scans.list": (
        lambda c: c.external_scans.list(),
        "external_scan",
        models.ExternalScan,
        "externalScans",
    ),
    "external_scans.get": (lambda c: c.external_scans.get(1), "external_scan", models.ExternalScan, None),
    "external_scans.create": (
        lambda c: c.external_scans.create(server_id=1, name="n", cve_ids=["CVE-2024-0001"]),
        "external_scan",
        models.ExternalScan,
        None,
    ),
    "external_scans.update": (
        lambda c: c.external_scans.update(1, name="n"),
        "external_scan",
        models.ExternalScan,
        None,
    ),
    "group_set.servers.list": (
        lambda c: c.group_set.servers.list(),
        "server_list_item",
        models.Server,
        "servers",
    ),
    "group_set.servers.get": (lambda c: c.group_set.servers.get(1), "server_detail", models.Server, None),
    "group_set.servers.get_by_uuid": (
        lambda c: c.group_set.servers.get_by_uuid("u"),
        "server_detail",
        models.Server,
        None,
    ),
    "group_set.tasks.list": (lambda c: c.group_set.tasks.list(), "task_list_item", models.Task, "tasks"),
    "group_set.tasks.get": (lambda c: c.group_set.tasks.get(1), "task_detail", models.TaskDetail, None),
    "group_set.cves.list": (
        lambda c: c.group_set.cves.list(),
        "group_set_cve_list_item",
        models.GroupSetCve,
        "cves",
    ),
    "group_set.cves.get": (
        lambda c: c.group_set.cves.get("CVE-2018-1234"),
        "group_set_cve_detail",
        models.GroupSetCveDetail,
        None,
    ),
    "group_set.cpes.list": (
        lambda c: c.group_set.cpes.list(),
        "group_set_pkg_cpe_list_item",
        models.PkgCpe,
        "pkgCpes",
    ),
    "group_set.cpes.get_package": (
        lambda c: c.group_set.cpes.get_package(1),
        "package_detail",
        models.PackageDetail,
        None,
    ),
    "group_set.cpes.get_cpe": (lambda c: c.group_set.cpes.get_cpe(1), "cpe_detail", models.Cpe, None),
}


def _model_of(tp: Any) -> type | None:
    if attrs.has(tp):
        return typing.cast("type", tp)
    if typing.get_origin(tp) in (types.UnionType, typing.Union, tuple):
        for arg in typing.get_args(tp):
            if arg is not type(None) and arg is not ... and (found := _model_of(arg)) is not None:
                return found
    return None


def required_paths(
    cls: type, data: Any, where: tuple[str | int, ...] = ()
) -> Iterator[tuple[str | int, ...]]:
    """Every present key the model marks required (identity or spec_required), nested ones included."""
    attrs.resolve_types(cls)
    for attribute in attrs.fields(cls):
        if attribute.metadata.get("extra") or attribute.metadata.get("embed"):
            continue
        key = json_key(attribute)
        if key not in data:
            continue
        if attribute.default is attrs.NOTHING or attribute.metadata.get("required"):
            yield (*where, key)
        inner = _model_of(attribute.type)
        value = data[key]
        if inner is not None and isinstance(value, dict):
            yield from required_paths(inner, value, (*where, key))
        elif inner is not None and isinstance(value, list) and value and isinstance(value[0], dict):
            yield from required_paths(inner, value[0], (*where, key, 0))


def without(data: Any, path: tuple[str | int, ...]) -> Any:
    copied = copy.deepcopy(data)
    node = copied
    for step in path[:-1]:
        node = node[step]
    del node[path[-1]]
    return copied


def jsonpath(path: tuple[str | int, ...], prefix: str) -> str:
    return prefix + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


class Answer:
    """A mock transport that answers every request with ``body``."""

    def __init__(self) -> None:
        self.body: Any = None

    def handler(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=self.body)


async def _run(both: Both, op: Op, client: Any) -> list[Any]:
    """``op(client)`` through the harness (awaited, a listing collected); a single answer as a list of one."""
    result = await both.settle(lambda _: op(client))
    return result if isinstance(result, list) else [result]


def _cases(name: str) -> list[tuple[tuple[str | int, ...], Any]]:
    _, fixture, cls, list_key = OPERATIONS[name]
    item = load(fixture)
    cases = []
    for path in required_paths(cls, item):
        dropped = without(item, path)
        body = {"paging": {"page": 1, "limit": 100, "offset": 0, "totalCount": 1, "totalPage": 1}}
        cases.append((path, dropped if list_key is None else {**body, list_key: [dropped]}))
    return cases


@pytest.mark.parametrize("name", sorted(OPERATIONS))
async def test_an_answer_missing_any_required_key_still_decodes(name: str, both: Both) -> None:
    op, _, cls, list_key = OPERATIONS[name]
    prefix = "$" if list_key is None else f"$.{list_key}[0]"
    answer = Answer()
    options: dict[str, Any] = {"api_token": "t", "base_url": "https://fv.test"}
    tolerant = both.connect(answer.handler, strict_responses=False, **options)
    strict = both.connect(answer.handler, strict_responses=True, **options)
    cases = _cases(name)
    assert len(cases) >= 2, name
    for path, body in cases:
        answer.body = body
        if len(path) == 1 and _is_identity(cls, str(path[0])):
            with pytest.raises(ResponseValidationError) as info:
                await _run(both, op, tolerant)
            assert f"required field missing @ {jsonpath(path, prefix)}" in info.value.errors
        else:
            decoded = await _run(both, op, tolerant)
            assert len(decoded) == 1 and isinstance(decoded[0], cls), (name, path)
            if len(path) == 1:
                value = getattr(decoded[0], _attr_name(cls, str(path[0])))
                assert value in (None, (), {}), (name, path, value)
        with pytest.raises(ResponseValidationError) as info:
            await _run(both, op, strict)
        assert f"required field missing @ {jsonpath(path, prefix)}" in info.value.errors, (name, path)


def _attr_name(cls: type, key: str) -> str:
    for attribute in attrs.fields(cls):
        if json_key(attribute) == key:
            return str(attribute.name)
    raise AssertionError(f"{cls.__name__} has no key {key}")


def _is_identity(cls: type, key: str) -> bool:
    return attrs.fields_dict(cls)[_attr_name(cls, key)].default is attrs.NOTHING


def test_every_decoding_operation_of_the_clients_is_in_the_table() -> None:
    namespaces = {"servers", "roles", "tasks", "cves", "cpes", "lockfiles", "external_scans"}
    skipped = {"delete", "scan", "ignore", "update_paste"}  # answers with no body to decode
    listed = set()
    with Client("t", base_url="https://fv.test") as client:
        for space in namespaces:
            resource = getattr(client, space)
            for method in dir(resource):
                if (
                    not method.startswith("_")
                    and callable(getattr(resource, method))
                    and method not in skipped
                ):
                    listed.add(f"{space}.{method}")
    assert listed <= set(OPERATIONS), sorted(listed - set(OPERATIONS))
