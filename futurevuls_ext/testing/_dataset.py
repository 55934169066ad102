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

import json
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._exceptions import ConfigError
from ._seeding import Seeder

__all__ = ["load_dataset"]

_TOP = frozenset({"group", "users", "roles", "cves", "servers"})
_SERVER_CHILDREN = ("packages", "cpes", "tasks", "external_scans", "lockfiles")


def _read(dataset: str | os.PathLike[str] | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(dataset, Mapping):
        return dataset
    if str(dataset) == "demo":
        from ._demo import DEMO

        return DEMO
    path = Path(dataset)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"cannot load fake dataset {str(path)!r}: {exc}; give 'demo', a mapping or a JSON/TOML file"
        ) from exc
    if not isinstance(data, Mapping):
        raise ConfigError(f"fake dataset {str(path)!r} must hold an object at its top level")
    return data


def _call(where: str, func: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return func(*args, **kwargs)
    except TypeError as exc:
        raise ConfigError(f"fake dataset, {where}: {exc}") from exc


def load_dataset(fake: Seeder, dataset: str | os.PathLike[str] | Mapping[str, Any]) -> None:
    """Seed ``fake`` from a dataset (see the module docstring for the shape).

    Raises:
        ConfigError: naming the section and item that is wrong.
    """
    data = _read(dataset)
    unknown = sorted(set(data) - _TOP)
    if unknown:
        raise ConfigError(f"fake dataset: unknown section(s) {unknown}; known: {sorted(_TOP)}")
    state = fake.state
    with state.lock:
        if "group" in data:
            state.group.id = int(data["group"].get("id", state.group.id))
            state.group.name = str(data["group"].get("name", state.group.name))
        users = {
            u["name"]: _call(f"users[{i}]", fake.add_user, **u) for i, u in enumerate(data.get("users", []))
        }
        for i, role in enumerate(data.get("roles", [])):
            _call(f"roles[{i}]", fake.add_role, **role)
        for i, cve in enumerate(data.get("cves", [])):
            _call(f"cves[{i}]", fake.add_cve, **cve)
        for i, item in enumerate(data.get("servers", [])):
            _load_server(fake, f"servers[{i}]", dict(item), users)


def _load_server(fake: Seeder, where: str, item: dict[str, Any], users: dict[str, int]) -> None:
    children = {key: item.pop(key, []) for key in _SERVER_CHILDREN}
    default_user = item.pop("default_user", None)
    if default_user is not None:
        item["default_user_id"] = users[default_user]
    server_id = _call(where, fake.add_server, **item)
    for j, package_item in enumerate(children["packages"]):
        package = dict(package_item)
        processes = package.pop("processes", [])
        package_id = _call(f"{where}.packages[{j}]", fake.add_package, server_id, **package)
        for k, process_item in enumerate(processes):
            process = dict(process_item)
            ports = process.pop("ports", [])
            pid = _call(
                f"{where}.packages[{j}].processes[{k}]",
                fake.add_process,
                server_id,
                package_id=package_id,
                **process,
            )
            for port in ports:
                fake.add_listening_port(server_id, int(port), pid=pid)
    for j, cpe in enumerate(children["cpes"]):
        _call(f"{where}.cpes[{j}]", fake.add_cpe, server_id, **cpe)
    for j, task_item in enumerate(children["tasks"]):
        task = dict(task_item)
        for role in ("main_user", "sub_user"):
            name = task.pop(role, None)
            if name is not None:
                if name not in users:
                    raise ConfigError(f"fake dataset, {where}.tasks[{j}]: unknown user {name!r}")
                task[f"{role}_id"] = users[name]
        _call(f"{where}.tasks[{j}]", fake.add_task, server_id, **task)
    for j, scan in enumerate(children["external_scans"]):
        _call(f"{where}.external_scans[{j}]", fake.add_external_scan, server_id, **scan)
    for j, lockfile in enumerate(children["lockfiles"]):
        _call(f"{where}.lockfiles[{j}]", fake.add_lockfile, server_id, **lockfile)
