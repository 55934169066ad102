"""Datasets: ``"demo"``, a mapping, or a JSON/TOML file, loaded through the seeding helpers.

A dataset is a mapping with optional sections (keys are the seeding helpers' keyword names)::

    {
      "group": {"id": 1, "name": "demo"},
      "users": [{"name": "alice"}],
      "roles": [{"name": "Internet-Facing", "exposure": "open", "human_impact": "high"}],
      "cves": [{"cve_id": "CVE-2021-44228", "exploitation": "active", "automatable": "yes",
                "value_density": "concentrated", "cvss_v3": 10.0}],
      "servers": [{"name": "web-01", "role": "Internet-Facing", "tags": ["prod"], "ipv4": "203.0.113.10",
                   "platform_name": "aws", "platform_instance_id": "i-0123",
                   "packages": [{"name": "nginx", "version": "1.18.0", "cve_ids": ["CVE-2021-23017"],
                                 "processes": [{"name": "nginx", "ports": [443]}]}],
                   "cpes": [{"cpe_name": "cpe:2.3:...", "cve_ids": []}],
                   "tasks": [{"cve_id": "CVE-2021-23017", "status": "ongoing", "main_user": "alice"}],
                   "external_scans": [{"name": "nmap", "cve_ids": ["CVE-2021-23017"]}],
                   "lockfiles": [{"path": "/app/package-lock.json", "content": "{}"}]}]
    }
"""

from __future__ import annotations

import collections.abc
import inspect
import math
import os
import types
import typing
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from .._exceptions import ConfigError
from .._numbers import ascii_port, positive_id
from .._user_files import load_json, load_toml, read_text_file
from ._seeding import Seeder

__all__ = ["load_dataset"]

_TOP = frozenset({"group", "users", "roles", "cves", "servers"})
_SERVER_CHILDREN = ("packages", "cpes", "tasks", "external_scans", "lockfiles")
_ORIGIN = "fake dataset"


def _read(dataset: str | os.PathLike[str] | Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
    if isinstance(dataset, Mapping):
        return _ORIGIN, dataset
    if str(dataset) == "demo":
        from ._demo import DEMO

        return _ORIGIN, DEMO
    origin, text = read_text_file(dataset, what=_ORIGIN)
    is_toml = str(dataset).lower().endswith(".toml")
    data = load_toml(text, origin=origin) if is_toml else load_json(text, origin=origin)
    if not isinstance(data, Mapping):
        raise ConfigError(
            f"{origin} must hold an object at its top level; give 'demo', a mapping or a JSON/TOML file"
        )
    return origin, data


def _fits(value: Any, hint: Any) -> bool:
    """True when a dataset value fits a seeding helper's annotation (str, int, float, bool, unions, lists)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_fits(value, arg) for arg in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if hint is bool:
        return type(value) is bool
    if hint is int:
        return type(value) is int
    if hint is float:
        return type(value) in (int, float) and math.isfinite(value)
    if hint is str:
        return isinstance(value, str)
    if origin is collections.abc.Iterable:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(_fits(v, item) for v in value)
    return True  # a type this checker does not know: the helper validates it


@cache
def _hints(func: Callable[..., Any]) -> dict[str, Any]:
    return typing.get_type_hints(func)


def _call(where: str, func: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a seeding helper with a dataset item; wrong keys or value types are a ConfigError."""
    params = inspect.signature(func).parameters
    hints = _hints(func.__func__) if inspect.ismethod(func) else {}
    for key, value in kwargs.items():
        if key not in params:
            known = sorted(k for k in params if k not in ("self", "server_id"))
            raise ConfigError(f"{where}: unknown key {key!r}; known keys: {known}")
        if key in hints and not _fits(value, hints[key]):
            raise ConfigError(f"{where}: {key} must be {hints[key]}, got {value!r}")
    try:
        return func(*args, **kwargs)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: {exc}") from exc
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from exc


def _objects(value: Any, where: str) -> list[dict[str, Any]]:
    """A list of objects, or a ConfigError naming ``where``."""
    if not isinstance(value, list):
        raise ConfigError(f"{where} must be a list of objects, got {type(value).__name__}")
    for i, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise ConfigError(f"{where}[{i}] must be an object, got {item!r}")
    return [dict(item) for item in value]


def load_dataset(fake: Seeder, dataset: str | os.PathLike[str] | Mapping[str, Any]) -> None:
    """Seed ``fake`` from a dataset (see the module docstring for the shape).

    Raises:
        ConfigError: naming the file (when it is one), the section and item that is wrong.
    """
    origin, data = _read(dataset)
    unknown = sorted(set(data) - _TOP)
    if unknown:
        raise ConfigError(f"{origin}: unknown section(s) {unknown}; known: {sorted(_TOP)}")
    state = fake.state
    with state.lock:
        if "group" in data:
            group = data["group"]
            if not isinstance(group, Mapping):
                raise ConfigError(f"{origin}: group must be an object, got {group!r}")
            group_id = group.get("id", state.group.id)
            if type(group_id) is not int or positive_id(group_id) is None:
                raise ConfigError(f"{origin}: group.id must be a positive integer, got {group_id!r}")
            name = group.get("name", state.group.name)
            if not isinstance(name, str):
                raise ConfigError(f"{origin}: group.name must be a string, got {name!r}")
            state.group.id, state.group.name = group_id, name
        users: dict[str, int] = {}
        for i, user in enumerate(_objects(data.get("users", []), f"{origin}: users")):
            uid = _call(f"{origin}: users[{i}]", fake.add_user, **user)
            users[user["name"]] = uid
        for i, role in enumerate(_objects(data.get("roles", []), f"{origin}: roles")):
            _call(f"{origin}: roles[{i}]", fake.add_role, **role)
        for i, cve in enumerate(_objects(data.get("cves", []), f"{origin}: cves")):
            _call(f"{origin}: cves[{i}]", fake.add_cve, **cve)
        for i, item in enumerate(_objects(data.get("servers", []), f"{origin}: servers")):
            _load_server(fake, f"{origin}: servers[{i}]", item, users)


def _user(users: dict[str, int], name: Any, where: str) -> int:
    if not isinstance(name, str) or name not in users:
        raise ConfigError(f"{where}: unknown user {name!r}; known: {sorted(users)}")
    return users[name]


def _load_server(fake: Seeder, where: str, item: dict[str, Any], users: dict[str, int]) -> None:
    children = {key: _objects(item.pop(key, []), f"{where}.{key}") for key in _SERVER_CHILDREN}
    default_user = item.pop("default_user", None)
    if default_user is not None:
        item["default_user_id"] = _user(users, default_user, f"{where}.default_user")
    server_id = _call(where, fake.add_server, **item)
    for j, package in enumerate(children["packages"]):
        at = f"{where}.packages[{j}]"
        processes = _objects(package.pop("processes", []), f"{at}.processes")
        package_id = _call(at, fake.add_package, server_id, **package)
        for k, process in enumerate(processes):
            ports = process.pop("ports", [])
            pid = _call(f"{at}.processes[{k}]", fake.add_process, server_id, package_id=package_id, **process)
            if not isinstance(ports, list):
                raise ConfigError(f"{at}.processes[{k}].ports must be a list of port numbers")
            for port in ports:
                number = ascii_port(port)
                if number is None:
                    raise ConfigError(f"{at}.processes[{k}].ports: {port!r} is not a port number (1-65535)")
                fake.add_listening_port(server_id, number, pid=pid)
    for j, cpe in enumerate(children["cpes"]):
        _call(f"{where}.cpes[{j}]", fake.add_cpe, server_id, **cpe)
    for j, task in enumerate(children["tasks"]):
        for role in ("main_user", "sub_user"):
            name = task.pop(role, None)
            if name is not None:
                task[f"{role}_id"] = _user(users, name, f"{where}.tasks[{j}]")
        _call(f"{where}.tasks[{j}]", fake.add_task, server_id, **task)
    for j, scan in enumerate(children["external_scans"]):
        _call(f"{where}.external_scans[{j}]", fake.add_external_scan, server_id, **scan)
    for j, lockfile in enumerate(children["lockfiles"]):
        _call(f"{where}.lockfiles[{j}]", fake.add_lockfile, server_id, **lockfile)
