"""Traces: one JSON line per attempt, both clients and the CLI, the token never written."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from futurevuls_ext import AsyncClient, Client, ConfigError, NotFoundError
from futurevuls_ext._trace import BODY_LIMIT
from futurevuls_ext.cli import main
from futurevuls_ext.testing import FakeFutureVuls

TOKEN = "fvgr-trace-0123456789abcdef0123456789"
BASE = "https://fv.test"


def lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def flaky(request: httpx.Request) -> httpx.Response:
    """503 on the first attempt of each path, then the servers list."""
    seen = flaky.seen  # type: ignore[attr-defined]
    seen[request.url.path] = seen.get(request.url.path, 0) + 1
    if seen[request.url.path] == 1:
        return httpx.Response(503, headers={"Retry-After": "0"}, json={"name": "unavailable"})
    paging = {"page": 1, "limit": 100, "offset": 0, "totalCount": 1, "totalPage": 1}
    return httpx.Response(200, json={"paging": paging, "servers": [{"id": 7, "serverName": "web"}]})


def echoing(request: httpx.Request) -> httpx.Response:
    """A server that quotes the token back in its headers and its error body."""
    token = request.headers["Authorization"]
    return httpx.Response(
        401,
        headers={"X-Request-Id": f"rid-{token}", "Content-Type": "application/json"},
        json={"name": "unauthorized", "message": f"token {token} is not valid", "tail": token[5:25]},
    )


def test_one_line_per_attempt_with_the_retry_decision() -> None:
    flaky.seen = {}  # type: ignore[attr-defined]
    stream = io.StringIO()
    with Client(
        TOKEN, base_url=BASE, transport=httpx.MockTransport(flaky), trace=stream, strict_responses=False
    ) as client:
        assert [s.id for s in client.servers.list()] == [7]
    first, second = lines(stream.getvalue())
    assert (first["attempt"], first["status"], second["attempt"], second["status"]) == (1, 503, 2, 200)
    assert first["decision"].startswith("retry in ")
    assert second["decision"] == "done"
    assert first["method"] == "GET"
    assert first["path"] == "/v1/servers?page=1&limit=100"
    assert first["response_headers"]["retry-after"] == "0"
    assert second["response_body"]["servers"][0]["serverName"] == "web"
    assert first["request_headers"]["authorization"] == "***"
    assert isinstance(second["elapsed_ms"], float)
    assert {"time", "request_body"} <= set(second)


def test_an_error_answer_is_traced_with_the_error_raised() -> None:
    def missing(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json={"name": "not_found", "message": "no such server"})

    stream = io.StringIO()
    with Client(
        TOKEN, base_url=BASE, transport=httpx.MockTransport(missing), trace=stream, strict_responses=False
    ) as client:
        with pytest.raises(NotFoundError):
            client.servers.get(1)
    (line,) = lines(stream.getvalue())
    assert line["status"] == 404
    assert line["decision"].startswith("raised NotFoundError")
    assert line["response_body"] == {"name": "not_found", "message": "no such server"}


def test_request_bodies_are_traced_and_long_bodies_cut() -> None:
    def big(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="x" * (BODY_LIMIT + 10), headers={"Content-Type": "text/plain"})

    stream = io.StringIO()
    with Client(
        TOKEN, base_url=BASE, transport=httpx.MockTransport(big), trace=stream, strict_responses=False
    ) as client:
        with pytest.raises(Exception):  # noqa: B017 - the body is not JSON; only the trace matters here
            client.servers.update(3, name="web-2")
    (line,) = lines(stream.getvalue())
    assert line["request_body"] == {"serverName": "web-2"}
    assert line["response_body"].endswith("[cut: 10 more characters]")
    assert len(line["response_body"]) < BODY_LIMIT + 100


def test_the_token_never_reaches_the_trace_even_when_echoed(tmp_path: Path) -> None:
    path = tmp_path / "trace.jsonl"
    with Client(
        TOKEN, base_url=BASE, transport=httpx.MockTransport(echoing), trace=path, strict_responses=False
    ) as client:
        with pytest.raises(Exception):  # noqa: B017 - AuthenticationError; the trace is what is checked
            client.servers.get(1)
    text = path.read_text(encoding="utf-8")
    (line,) = lines(text)
    assert line["status"] == 401
    assert TOKEN not in text
    assert TOKEN[5:25] not in text  # a piece of it neither
    assert "***" in line["response_body"]["message"]


@pytest.mark.anyio
async def test_the_async_client_traces_the_same_way(tmp_path: Path) -> None:
    flaky.seen = {}  # type: ignore[attr-defined]
    path = tmp_path / "trace.jsonl"
    async with AsyncClient(
        TOKEN, base_url=BASE, transport=httpx.MockTransport(flaky), trace=path, strict_responses=False
    ) as client:
        assert [s.id async for s in client.servers.list()] == [7]
    async with AsyncClient(
        TOKEN, base_url=BASE, transport=httpx.MockTransport(echoing), trace=path
    ) as client:
        with pytest.raises(Exception):  # noqa: B017
            await client.servers.get(1)
    text = path.read_text(encoding="utf-8")
    assert [(line["attempt"], line["status"]) for line in lines(text)] == [(1, 503), (2, 200), (1, 401)]
    assert TOKEN not in text and TOKEN[5:25] not in text


def test_an_unwritable_trace_is_a_config_error_before_any_request(tmp_path: Path) -> None:
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=True)

    with pytest.raises(ConfigError, match="cannot write the trace file"):
        Client(TOKEN, base_url=BASE, transport=httpx.MockTransport(record), trace=tmp_path / "no" / "t.jsonl")
    with pytest.raises(ConfigError, match="cannot write the trace file"):
        Client(TOKEN, base_url=BASE, transport=httpx.MockTransport(record), trace=tmp_path)
    bad: Any = 42
    with pytest.raises(ConfigError, match="writable text stream"):
        Client(TOKEN, base_url=BASE, trace=bad)
    assert sent == []


def test_cli_trace_writes_every_attempt_and_never_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    trace = tmp_path / "cli-trace.jsonl"
    with FakeFutureVuls(dataset="demo") as fake:
        monkeypatch.setenv("FUTUREVULS_API_TOKEN", fake.token)
        monkeypatch.setenv("FUTUREVULS_BASE_URL", fake.url)
        code = main(["triage", "--queue", "exposed", "--json", "--trace", str(trace)])
        requests = len(fake.requests)
    capsys.readouterr()
    assert code in (0, 1)
    text = trace.read_text(encoding="utf-8")
    traced = lines(text)
    assert len(traced) == requests > 0
    assert all(line["status"] == 200 and line["decision"] == "done" for line in traced)
    assert fake.token not in text


def test_cli_unwritable_trace_exits_2_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FUTUREVULS_API_TOKEN", TOKEN)
    monkeypatch.setenv("FUTUREVULS_BASE_URL", "http://127.0.0.1:9")
    code = main(["triage", "--queue", "exposed", "--trace", str(tmp_path / "missing" / "t.jsonl")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "cannot write the trace file" in err


def test_demo_takes_trace_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trace = tmp_path / "demo.jsonl"
    assert main(["demo", "--json", "--trace", str(trace)]) == 0
    capsys.readouterr()
    traced = lines(trace.read_text(encoding="utf-8"))
    assert len(traced) > 10 and {line["method"] for line in traced} >= {"GET", "POST"}
