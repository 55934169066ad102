"""Lifecycle and isolation: concurrent writes, stop with open connections, no client imports."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import httpx
import pytest

import futurevuls_ext.testing
from futurevuls_ext import ConfigError
from futurevuls_ext.testing import FakeFutureVuls

from .conftest import make_client


def test_concurrent_writes_are_consistent(fake: FakeFutureVuls) -> None:
    server_ids = [fake.add_server(f"s{i}") for i in range(4)]
    errors: list[int] = []

    def worker(server_id: int) -> None:
        with make_client(fake) as http:
            for n in range(15):
                body = {
                    "serverID": server_id,
                    "name": f"r{n}",
                    "cveIDs": [f"CVE-2024-{1000 + n}", "CVE-2024-9999"],
                }
                response = http.post("/v1/externalScan", json=body)
                if response.status_code != 200:
                    errors.append(response.status_code)

    threads = [threading.Thread(target=worker, args=(s,)) for s in server_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(fake.state.external_scans) == 60
    assert len({scan.id for scan in fake.state.external_scans.values()}) == 60
    # One task per CVE per server, however many results list it.
    assert len(fake.state.tasks) == 4 * 16
    pairs = [(t.server_id, t.cve_id) for t in fake.state.tasks.values()]
    assert len(set(pairs)) == len(pairs)


def test_stop_closes_open_keep_alive_connections() -> None:
    fake = FakeFutureVuls().start()
    http = make_client(fake)
    try:
        assert http.get("/v1/roles").status_code == 200  # the connection stays open in the pool
        fake.stop()  # must not wait for the client to hang up
        try:
            http.get("/v1/roles")
            raise AssertionError("the stopped fake answered")
        except httpx.TransportError:
            pass
    finally:
        http.close()


def test_fake_never_imports_client_code() -> None:
    allowed = {
        "futurevuls_ext._exceptions",
        "futurevuls_ext.profile",
        "futurevuls_ext.ssvc",
        "futurevuls_ext._numbers",  # ASCII-only number parsing, no client code
        "futurevuls_ext._user_files",  # reading the user's dataset file, no client code
    }
    package = Path(futurevuls_ext.testing.__file__).parent
    for path in package.glob("*.py"):
        if path.name == "_strict.py":
            continue  # strict_responses(): a switch of the client for test suites, not part of the fake
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module is not None:
                if node.level == 1 or node.module.startswith("futurevuls_ext.testing"):
                    continue
                name = ("futurevuls_ext." if node.level == 2 else "") + node.module
                if node.level == 0 and not name.startswith("futurevuls_ext"):
                    continue  # standard library and attrs
                assert name in allowed, f"{path.name} imports {name}"


@pytest.mark.parametrize(
    ("keyword", "value"),
    [
        ("port", 99999),
        ("port", -1),
        ("port", True),
        ("port", "80"),
        ("port", 1.5),
        ("log_limit", -1),
        ("log_limit", "5"),
    ],
)
def test_a_bad_port_or_log_limit_is_a_config_error_naming_the_argument(keyword: str, value: object) -> None:
    with pytest.raises(
        ConfigError, match=rf"FakeFutureVuls {keyword}= must be a whole number .* not {value!r}"
    ):
        FakeFutureVuls(**{keyword: value})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("keywords", "message"),
    [
        ({"token": "  "}, "token must be a non-empty string"),
        ({"profile": "x"}, "profile= must be an ApiProfile, not str"),
    ],
)
def test_a_blank_token_or_a_wrong_profile_is_a_config_error(
    keywords: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        FakeFutureVuls(**keywords)  # type: ignore[arg-type]
