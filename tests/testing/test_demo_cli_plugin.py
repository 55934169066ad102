"""The demo dataset, datasets from mappings and files, the fake-server command and the pytest plugin."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import pytest

import futurevuls_ext
from futurevuls_ext import ConfigError
from futurevuls_ext.testing import FakeFutureVuls

ROOT = str(Path(futurevuls_ext.__file__).resolve().parent.parent)
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [ROOT, os.environ.get("PYTHONPATH")]))}


def test_demo_dataset(demo: FakeFutureVuls, demo_client: httpx.Client) -> None:
    roles = {r["name"]: r for r in demo_client.get("/v1/roles").json()["roles"]}
    assert {"default", "Internet-Facing"} <= set(roles)
    assert roles["Internet-Facing"]["ssvcExposure"] == "open"
    servers = demo_client.get("/v1/servers").json()["servers"]
    assert len(servers) >= 5
    assert all(s["tags"] for s in servers)
    assert sum(1 for s in servers if s["platformInstanceId"].startswith("i-")) >= 4
    assert all(s["serverIpv4"] for s in servers)
    tasks = demo_client.get("/v1/tasks", params={"limit": 1000}).json()["tasks"]
    assert any(t["IsRunningProcess"] and t["listeningPorts"] for t in tasks)
    assert {"immediate", "out-of-cycle", "scheduled"} <= {t["ssvcPriority"] for t in tasks}
    assert demo.state.external_scans
    assert demo.state.processes and demo.state.listening_ports and demo.state.cpes


def test_dataset_from_mapping_and_file(tmp_path: Path) -> None:
    data = {
        "users": [{"name": "alice"}],
        "roles": [{"name": "Internet-Facing", "exposure": "open"}],
        "cves": [{"cve_id": "CVE-2024-1234", "exploitation": "active"}],
        "servers": [
            {
                "name": "a",
                "role": "Internet-Facing",
                "packages": [{"name": "p", "cve_ids": ["CVE-2024-1234"]}],
                "tasks": [{"cve_id": "CVE-2024-1234", "status": "ongoing", "main_user": "alice"}],
            }
        ],
    }
    from_mapping = FakeFutureVuls(dataset=data)
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    from_file = FakeFutureVuls(dataset=path)
    for fake in (from_mapping, from_file):
        (task,) = fake.state.tasks.values()
        assert (task.status, task.ssvc_exposure, task.sources) == (
            "ongoing",
            "open",
            {"seed", f"pkg:{min(fake.state.packages)}"},
        )


@pytest.mark.parametrize(
    "data",
    [
        {"nope": []},
        {"servers": [{"name": "a", "colour": "red"}]},
        {"cves": [{"cve_id": "CVE-1"}]},
        {"roles": [{"name": "r", "exposure": "internet"}]},
    ],
)
def test_bad_dataset_is_a_config_error(data: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        FakeFutureVuls(dataset=data)


def test_missing_dataset_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read fake dataset"):
        FakeFutureVuls(dataset=tmp_path / "missing.json")


def _run_cli(*args: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "futurevuls_ext", "fake-server", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    return proc, first


def _stop(proc: subprocess.Popen[str]) -> int:
    """Ctrl-C the server (SIGINT) and return its exit code."""
    proc.send_signal(signal.SIGINT)
    try:
        proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
    return proc.returncode


def test_cli_fake_server_starts_and_serves() -> None:
    proc, first = _run_cli("--dataset", "demo")
    try:
        assert proc.stdout is not None
        second = proc.stdout.readline()
        assert first.startswith("url: http://127.0.0.1:")
        url, token = first.split(": ", 1)[1].strip(), second.split(": ", 1)[1].strip()
        assert httpx.get(f"{url}/health").json() is True
        servers = httpx.get(f"{url}/v1/servers", headers={"Authorization": token}).json()
        assert servers["paging"]["totalCount"] >= 5
    finally:
        code = _stop(proc)
    assert code == 0


def test_cli_fake_server_json_and_profile(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text('[external_scans]\nlist = "GET /v1/scans"\n', encoding="utf-8")
    proc, first = _run_cli("--json", "--profile", str(profile), "--token", "t0k")
    try:
        assert proc.stdout is not None
        text = first + "".join(proc.stdout.readline() for _ in range(4))
        info = json.loads(text)
        assert info["token"] == "t0k"
        assert httpx.get(f"{info['url']}/v1/scans", headers={"Authorization": "t0k"}).status_code == 200
    finally:
        _stop(proc)


def test_pytest_plugin_fixture(tmp_path: Path) -> None:
    test_file = tmp_path / "test_uses_fixture.py"
    test_file.write_text(
        textwrap.dedent(
            """
            import httpx
            import pytest

            def test_empty(fake_futurevuls):
                assert httpx.get(fake_futurevuls.url + "/health").json() is True

            @pytest.mark.fake_futurevuls(dataset="demo", token="abc")
            def test_marked(fake_futurevuls):
                assert fake_futurevuls.token == "abc"
                assert fake_futurevuls.state.servers
            """
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "futurevuls_ext.testing.pytest_plugin",
            "-q",
            "-p",
            "no:cacheprovider",
            str(test_file),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
        # Load exactly our plugin, whether or not the package (and so its entry point) is installed.
        env={**ENV, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_importing_the_plugin_starts_nothing() -> None:
    code = (
        "import sys, threading, futurevuls_ext.testing.pytest_plugin as p; "
        "assert 'futurevuls_ext.testing._server' not in sys.modules; "
        "assert threading.active_count() == 1; print('ok')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False, env=ENV
    )
    assert result.stdout.strip() == "ok", result.stderr
