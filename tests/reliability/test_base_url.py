"""Issue 15.5 and 15.7: credentials in the base URL are refused without being echoed, and a plain-http
base URL never goes through a proxy from the environment (the token would travel in clear text to it).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import futurevuls_ext as fv
from futurevuls_ext._client_base import ClientSettings
from futurevuls_ext.testing import FakeFutureVuls

from ..harness import Both
from ._capture import describe_exception
from ._clients import run_client
from ._measure import HANG_GUARD_SECONDS, child_env
from ._raw_server import RawServer, json_answer, serving
from ._samples import SAMPLES

pytestmark = pytest.mark.anyio

PASSWORD = "Pw-0f-the-admin-9931"


def with_userinfo(port: int) -> list[str]:
    return [
        f"http://admin:{PASSWORD}@127.0.0.1:{port}",
        f"http://{PASSWORD}@127.0.0.1:{port}/",
        f"http://:{PASSWORD}@localhost:{port}",
        f"https://admin:{PASSWORD}@rest.vuls.biz",
        f"https://admin%40corp:{PASSWORD}%3A@rest.vuls.biz/v1",
        f"http://admin:{PASSWORD}@127.0.0.1:99999999",  # not even a valid URL: still not echoed
    ]


@pytest.fixture
def server() -> Iterator[RawServer]:
    with serving(json_answer(200, b"true")) as running:
        yield running


@pytest.mark.parametrize("index", range(6))
async def test_userinfo_in_the_base_url_is_refused_unechoed(
    both: Both, index: int, server: RawServer
) -> None:
    port = int(server.url.rsplit(":", 1)[1])
    url = with_userinfo(port)[index]
    with pytest.raises(fv.ConfigError) as caught:
        both.connect(api_token="fvgr-token-for-url-tests", base_url=url)
    text = describe_exception(caught.value)
    assert PASSWORD not in text and "admin" not in text, text
    if index < 5:
        assert "user name or password" in str(caught.value)
    assert server.connections == 0


def test_userinfo_from_the_environment_is_refused(monkeypatch: pytest.MonkeyPatch, server: RawServer) -> None:
    monkeypatch.setenv("FUTUREVULS_BASE_URL", with_userinfo(1)[0].replace(":1", server.url[-6:]))
    with pytest.raises(fv.ConfigError) as caught:
        fv.Client("fvgr-token-for-url-tests")
    assert PASSWORD not in describe_exception(caught.value)


def test_the_cli_refuses_userinfo_unechoed(tmp_path: Path) -> None:
    report = tmp_path / "scan.nessus"
    report.write_bytes(SAMPLES["nessus"])
    url = with_userinfo(9)[0]
    proc = subprocess.run(
        [sys.executable, "-m", "futurevuls_ext", "import", str(report), "--base-url", url],
        capture_output=True,
        text=True,
        env=child_env(FUTUREVULS_API_TOKEN="fvgr-token-for-url-tests"),
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert PASSWORD not in proc.stdout + proc.stderr
    assert "user name or password" in proc.stderr


def test_an_at_sign_in_the_path_or_query_is_not_userinfo() -> None:
    fv.Client("fvgr-token-for-url-tests", base_url="https://rest.vuls.biz/a@b?x=c@d").close()


# --- proxies ------------------------------------------------------------------------------------------

PROXY_VARS = ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy")


@pytest.fixture
def hostile_proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[RawServer]:
    """A "proxy" in every proxy variable that records what reaches it (and answers like the API)."""
    with serving(json_answer(200, b"true")) as proxy:
        for name in PROXY_VARS:
            monkeypatch.setenv(name, proxy.url)
        for name in ("NO_PROXY", "no_proxy"):
            monkeypatch.delenv(name, raising=False)
        yield proxy


async def test_plain_http_never_goes_through_a_proxy(both: Both, hostile_proxy: RawServer) -> None:
    with FakeFutureVuls() as fake:
        servers = await run_client(both, fake.url, lambda c: c.servers.list(), api_token=fake.token)
        assert await run_client(both, fake.url, lambda c: c.health(), api_token=fake.token) is True
        assert servers == []
        assert len(fake.requests) == 2  # both went straight to the fake
    assert hostile_proxy.connections == 0, hostile_proxy.requests


def test_the_cli_never_sends_plain_http_through_a_proxy(hostile_proxy: RawServer, tmp_path: Path) -> None:
    report = tmp_path / "scan.nessus"
    report.write_bytes(SAMPLES["nessus"])
    with FakeFutureVuls() as fake:
        env = child_env(FUTUREVULS_API_TOKEN=fake.token, **dict.fromkeys(PROXY_VARS, hostile_proxy.url))
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "futurevuls_ext",
                "import",
                str(report),
                "--base-url",
                fake.url,
                "--dry-run",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=HANG_GUARD_SECONDS,
            check=False,
        )
        assert fake.requests, proc.stderr
    assert hostile_proxy.connections == 0, (proc.returncode, proc.stderr)


def test_https_keeps_the_environment_proxies() -> None:
    """Inside TLS the token is safe from the proxy; corporate networks need it."""
    https = ClientSettings(
        "fvgr-token-for-url-tests",
        base_url="https://rest.vuls.biz",
        timeout=5,
        max_retries=0,
        profile=None,
        allow_insecure_http=False,
    )
    assert https.http_options()["trust_env"] is True
