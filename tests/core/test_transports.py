"""Transport selection and wire behaviour on every transport (sync: http.client's and httpx's own;
async: httpx's own and the aiohttp extra's).

The wire tests talk to a tiny scripted HTTP server on 127.0.0.1 that can answer what the fake never
does: a redirect, a gzip body, a malformed status line, a body cut short, an answer that never comes.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import logging
import socket
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import futurevuls_ext as fv
from futurevuls_ext import _transport
from futurevuls_ext._core.call import Call
from futurevuls_ext._core.request import ApiRequest
from futurevuls_ext._core.retry import RetryPolicy

from .._loopback import LoopbackServer, read_head
from ..harness import Both, sending

TOKEN = "fvgr-11111111-transport-secret"
Answer = Callable[[socket.socket], None]


# --- selection -------------------------------------------------------------------------------------


def test_plain_async_client_uses_aiohttp_when_the_extra_is_installed() -> None:
    assert _transport.aiohttp_available()  # the test group installs it, so CI runs both transports
    client = fv.AsyncClient(TOKEN)
    assert client.transport_name == "aiohttp"
    assert repr(client).endswith("transport=aiohttp>")
    assert TOKEN not in repr(client)


def test_without_the_extra_auto_falls_back_and_aiohttp_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_transport, "aiohttp_available", lambda: False)
    assert fv.AsyncClient(TOKEN).transport_name == "httpx"
    with pytest.raises(fv.ConfigError, match=r"pip install 'futurevuls-ext\[aiohttp\]'"):
        fv.AsyncClient(TOKEN, http_backend="aiohttp")


def test_explicit_backends_and_given_transports_are_named() -> None:
    assert fv.AsyncClient(TOKEN, http_backend="httpx").transport_name == "httpx"
    assert fv.AsyncClient(TOKEN, http_backend="aiohttp").transport_name == "aiohttp"
    mock = httpx.MockTransport(lambda r: httpx.Response(200))
    assert repr(fv.AsyncClient(TOKEN, transport=mock)).endswith("transport=MockTransport>")
    assert repr(fv.Client(TOKEN)).endswith("transport=stdlib>")
    assert fv.Client(TOKEN, http_backend="stdlib").transport_name == "stdlib"
    assert repr(fv.Client(TOKEN, http_backend="httpx")).endswith("transport=httpx>")
    assert fv.Client(TOKEN, transport=mock).transport_name == "MockTransport"


def test_bad_backend_choices_are_config_errors() -> None:
    mock = httpx.MockTransport(lambda r: httpx.Response(200))
    with pytest.raises(fv.ConfigError, match="either transport= or http_backend='httpx'"):
        fv.AsyncClient(TOKEN, transport=mock, http_backend="httpx")
    with pytest.raises(fv.ConfigError, match="'curl' is not one of 'auto', 'aiohttp', 'httpx'"):
        fv.AsyncClient(TOKEN, http_backend="curl")  # type: ignore[arg-type]
    with pytest.raises(fv.ConfigError, match="either transport= or http_backend='stdlib'"):
        fv.Client(TOKEN, transport=mock, http_backend="stdlib")
    with pytest.raises(
        fv.ConfigError, match=r"'aiohttp' is not one of 'auto', 'stdlib', 'httpx'.*AsyncClient"
    ):
        fv.Client(TOKEN, http_backend="aiohttp")  # type: ignore[arg-type]


def test_debug_log_names_the_transport(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="futurevuls_ext.transport")
    fv.AsyncClient(TOKEN, http_backend="aiohttp")
    fv.Client(TOKEN)
    fv.Client(TOKEN, http_backend="httpx")
    assert "AsyncClient sends with the aiohttp transport" in caplog.text
    assert "Client sends with the stdlib transport" in caplog.text
    assert "Client sends with the httpx transport" in caplog.text


def test_aiohttp_errors_map_to_what_the_default_transport_raises() -> None:
    import aiohttp

    from futurevuls_ext._aiohttp_transport import map_error

    request = httpx.Request("POST", "https://rest.vuls.biz/v1/x")
    key = aiohttp.client_reqrep.ConnectionKey("h", 443, True, True, None, None, None)
    refused = aiohttp.ClientConnectorError(key, ConnectionRefusedError(111, "refused"))
    cases: list[tuple[BaseException, type[httpx.TransportError]]] = [
        (refused, httpx.ConnectError),
        (aiohttp.ConnectionTimeoutError("connect"), httpx.ConnectTimeout),
        (aiohttp.SocketTimeoutError("read"), httpx.ReadTimeout),
        (aiohttp.ServerDisconnectedError(), httpx.RemoteProtocolError),  # NOT "never sent"
        (aiohttp.ClientPayloadError("cut"), httpx.ReadError),
        (aiohttp.ClientOSError(104, "reset"), httpx.ReadError),
    ]
    for exc, expected in cases:
        mapped = map_error(exc, request)
        assert type(mapped) is expected, exc
        # the same answer when httpx_aiohttp already wrapped it (in its own, sometimes wrong, type)
        wrapped = httpx.ConnectTimeout("wrapped", request=request)
        wrapped.__cause__ = exc
        assert type(map_error(wrapped, request)) is expected
    assert map_error(ValueError("not aiohttp"), request) is None


# --- wire behaviour on every transport ------------------------------------------------------------


class Scripted(LoopbackServer):
    """A loopback HTTP/1.1 server answering connection ``n`` with ``answers[n]`` (the last repeats)."""

    def __init__(self, answers: list[Answer]) -> None:
        super().__init__()
        self.answers = answers
        self.requests: list[bytes] = []

    def accepted(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        with conn:
            self.requests.append(read_head(conn))
            self.answers[min(len(self.requests) - 1, len(self.answers) - 1)](conn)


def respond(status: str, body: bytes, headers: tuple[str, ...] = ()) -> Answer:
    def answer(conn: socket.socket) -> None:
        head = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}", "Connection: close", *headers]
        conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + body)

    return answer


def raw(data: bytes) -> Answer:
    return lambda conn: conn.sendall(data)


def silent(conn: socket.socket) -> None:
    with contextlib.suppress(TimeoutError):
        conn.recv(1)  # never answers; the client's read timeout ends it by closing


OK = respond("200 OK", json.dumps([{"id": 1}]).encode(), ("Content-Type: application/json",))


async def get(both: Both, url: str, **options: Any) -> Any:
    """``GET /v1/servers`` as a raw call on a fresh client of this run's mode; the decoded JSON body."""
    call: Call[Any] = Call(request=ApiRequest(method="GET", path="/v1/servers"), decode=lambda c, d: d)
    options = {"api_token": TOKEN, "base_url": url, "max_retries": 2, "timeout": 2.0, **options}
    return await both.once(sending(call), **options)


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries stay the client's decision; only their sleeps are cut to nothing."""
    monkeypatch.setattr(RetryPolicy, "backoff", lambda self, attempt, rand=None: 0.0)


@pytest.mark.anyio
async def test_gzip_bodies_are_decoded(both: Both) -> None:
    body = gzip.compress(json.dumps({"a": [1, 2]}).encode())
    answer = respond("200 OK", body, ("Content-Type: application/json", "Content-Encoding: gzip"))
    with Scripted([answer]) as server:
        assert await get(both, server.url) == {"a": [1, 2]}
    assert b"authorization: " + TOKEN.encode() in server.requests[0].lower()


@pytest.mark.anyio
async def test_redirects_are_not_followed(both: Both) -> None:
    answer = respond("302 Found", b"", ("Location: http://127.0.0.1:9/elsewhere",))
    with Scripted([answer, OK]) as server, pytest.raises(fv.APIStatusError) as info:
        await get(both, server.url)
    assert info.value.status_code == 302
    assert len(server.requests) == 1


@pytest.mark.anyio
async def test_a_body_cut_short_is_retried_for_a_get(both: Both) -> None:
    cut = raw(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: application/json\r\n\r\n[{")
    with Scripted([cut, OK]) as server:
        assert await get(both, server.url) == [{"id": 1}]
    assert len(server.requests) == 2


@pytest.mark.anyio
async def test_a_malformed_answer_is_an_sdk_connection_error(both: Both) -> None:
    with Scripted([raw(b"NONSENSE\r\n\r\n")]) as server, pytest.raises(fv.APIConnectionError) as info:
        await get(both, server.url, max_retries=0)
    assert TOKEN not in str(info.value)


@pytest.mark.anyio
async def test_an_answer_that_never_comes_is_a_timeout(both: Both) -> None:
    with Scripted([silent]) as server, pytest.raises(fv.APITimeoutError):
        await get(both, server.url, max_retries=0, timeout=0.3)


@pytest.mark.anyio
async def test_a_refused_connection_is_an_sdk_connection_error(both: Both) -> None:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    with pytest.raises(fv.APIConnectionError, match="GET"):
        await get(both, url, max_retries=1)
