"""The sync client's ``http.client`` transport against real sockets on 127.0.0.1.

The fake FutureVuls for ordinary exchanges; small raw-socket servers for what it never does: closing an
idle keep-alive connection, a reset in the middle of a body, a garbage status line, too many headers, an
answer that never comes, chunked bodies, interim 1xx answers, a body far over the SDK's size cap.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import ssl
import struct
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import futurevuls_ext as fv
from futurevuls_ext._stdlib_errors import mapped
from futurevuls_ext._stdlib_transport import StdlibClient, StdlibTransport
from futurevuls_ext.testing import FakeFutureVuls

from .._loopback import LoopbackServer, read_head

Handler = Callable[[socket.socket], None]


class Raw(LoopbackServer):
    """A loopback server running ``handler`` on every accepted connection, each in its own thread."""

    def __init__(self, handler: Handler, context: ssl.SSLContext | None = None) -> None:
        super().__init__("https" if context else "http")
        self.handler = handler
        self.context = context
        self.accepted_count = 0
        self.errors: list[BaseException] = []

    def accepted(self, conn: socket.socket) -> None:
        self.accepted_count += 1
        threading.Thread(target=self._run, args=(conn,), daemon=True).start()

    def _run(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        try:
            if self.context is not None:
                conn = self.context.wrap_socket(conn, server_side=True)
            with conn:
                self.handler(conn)
        except (OSError, ssl.SSLError) as exc:
            self.errors.append(exc)


def keep_alive(answer: bytes, *, then_close: bool = False) -> Handler:
    """Answer every request on the connection with ``answer`` (close after the first if ``then_close``)."""

    def handler(conn: socket.socket) -> None:
        while read_head(conn):
            conn.sendall(answer)
            if then_close:
                return

    return handler


OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"


def client(**options: Any) -> httpx.Client:
    options.setdefault("timeout", 5)
    return StdlibClient(**options)


def transport_of(http: httpx.Client) -> StdlibTransport:
    transport = http._transport
    assert isinstance(transport, StdlibTransport)
    return transport


# --- ordinary exchanges with the fake ---------------------------------------------------------------


def test_requests_to_the_fake_share_one_kept_alive_connection() -> None:
    with FakeFutureVuls() as fake, client(base_url=fake.url) as http:
        headers = {"Authorization": fake.token}
        assert http.get("/health").json() is True
        fake.add_server("web01", ipv4="10.0.0.1")
        body = http.get("/v1/servers", headers=headers).json()
        assert body["servers"][0]["serverName"] == "web01"
        assert transport_of(http).pool.counts == (1, 1)


def test_streamed_request_bodies_are_sent_chunked() -> None:
    seen: list[bytes] = []

    def handler(conn: socket.socket) -> None:
        for end in (b"0\r\n\r\n", b"exact"):
            data = read_head(conn)
            while not data.endswith(end):
                data += conn.recv(65536)
            seen.append(data)
            conn.sendall(OK)

    with Raw(handler) as server, client() as http:
        assert http.post(server.url, content=iter([b"hello ", b"", b"world"])).text == "ok"
        assert http.post(server.url, content=b"exact").text == "ok"
    head, _, body = seen[0].partition(b"\r\n\r\n")
    assert b"transfer-encoding: chunked" in head.lower()
    assert body == b"6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n"
    assert b"content-length: 5\r\n" in seen[1].lower()


def test_a_large_body_arrives_whole_and_a_header_that_would_split_the_request_is_refused() -> None:
    seen: list[bytes] = []
    body = bytes(range(256)) * 1024  # 256 KiB: sent after the head, not joined to it

    def handler(conn: socket.socket) -> None:
        data = read_head(conn)
        while len(data.partition(b"\r\n\r\n")[2]) < len(body):
            data += conn.recv(65536)
        seen.append(data.partition(b"\r\n\r\n")[2])
        conn.sendall(OK)

    with Raw(handler) as server, client() as http:
        assert http.post(server.url, content=body).text == "ok"
        with pytest.raises(httpx.LocalProtocolError, match="illegal request header"):
            http.get(server.url, headers={"X-Split": "a\r\nInjected: 1"})
        with pytest.raises(httpx.LocalProtocolError, match="illegal request header"):
            http.get(server.url, headers={"Bad Name": "x"})
    assert seen == [body]
    assert server.accepted_count == 1


# --- keep-alive and the pool ------------------------------------------------------------------------


def test_an_idle_connection_the_server_closed_is_not_reused() -> None:
    with Raw(
        keep_alive(OK.replace(b"\r\n\r\n", b"\r\nConnection: keep-alive\r\n\r\n"), then_close=True)
    ) as server:
        with client() as http:
            assert http.get(server.url).text == "ok"
            time.sleep(0.1)  # the server has closed its end by now
            assert http.get(server.url).text == "ok"  # a new connection, not RemoteProtocolError
        assert server.accepted_count == 2


def test_a_connection_asked_to_close_is_not_kept() -> None:
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
    with Raw(keep_alive(answer)) as server, client() as http:
        assert http.get(server.url).text == "ok"
        assert transport_of(http).pool.counts == (0, 0)


def test_max_connections_makes_requests_wait_then_pool_timeout() -> None:
    limits = httpx.Limits(max_connections=1)
    with Raw(keep_alive(OK)) as server:
        with client(limits=limits, timeout=httpx.Timeout(5, pool=0.2)) as http:
            with http.stream("GET", server.url) as held:  # holds the only connection
                with pytest.raises(httpx.PoolTimeout):
                    http.get(server.url)
                held.read()
            assert http.get(server.url).text == "ok"
        with client(limits=limits) as http:
            done: list[str] = []
            with http.stream("GET", server.url) as held:
                waiter = threading.Thread(target=lambda: done.append(http.get(server.url).text))
                waiter.start()
                time.sleep(0.1)
                assert done == []  # waiting for the held connection
                held.read()
            waiter.join(5)
            assert done == ["ok"]
        assert server.accepted_count == 2  # one connection per client


def test_closing_the_client_closes_idle_connections_and_those_handed_back_later() -> None:
    with Raw(keep_alive(OK)) as server:
        http = client()
        pool = transport_of(http).pool
        streamed = http.send(http.build_request("GET", server.url), stream=True)
        assert http.get(server.url).text == "ok"
        assert pool.counts == (2, 1)
        http.close()
        assert pool.counts == (1, 0)
        streamed.read()
        streamed.close()
        assert pool.counts == (0, 0)


# --- what the fake never answers ------------------------------------------------------------------


def _reset(conn: socket.socket) -> None:
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def test_a_reset_mid_body_is_a_read_error_and_a_clean_cut_a_protocol_error() -> None:
    def reset(conn: socket.socket) -> None:
        read_head(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + b"x" * 1000)
        time.sleep(0.05)
        _reset(conn)

    def cut(conn: socket.socket) -> None:
        read_head(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort")

    with Raw(reset) as server, client() as http, pytest.raises(httpx.ReadError):
        http.get(server.url)
    with Raw(cut) as server, client() as http:
        with pytest.raises(httpx.RemoteProtocolError, match="95 more bytes"):
            http.get(server.url)
        assert transport_of(http).pool.counts == (0, 0)


@pytest.mark.parametrize(
    ("answer", "match"),
    [
        (b"", "Server disconnected without sending a response"),
        (b"NONSENSE\r\n\r\n", "BadStatusLine"),
        (b"HTTP/1.1 2OO OK\r\n\r\n", "BadStatusLine"),
        (b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: v\r\n" % i for i in range(200)) + b"\r\n", "100 headers"),
        (b"HTTP/1.1 200 OK\r\nX: " + b"v" * 70000 + b"\r\n\r\n", "LineTooLong"),
        (b"HTTP/1.1 200 OK\r\nno colon here\r\nContent-Length: 0\r\n\r\n", "not a header line"),
        (b"HTTP/1.1 200 OK\r\nBad Name: x\r\nContent-Length: 0\r\n\r\n", "not a header line"),
        (b"HTTP/1.1 200 OK\r\n folded: x\r\n\r\n", "continuation line before any header"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nok", "unsupported Transfer-Encoding"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: +2\r\n\r\nok", "invalid Content-Length"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 2, 3\r\n\r\nok", "invalid Content-Length"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok", "invalid Content-Length"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "IncompleteRead|malformed"),
    ],
)
def test_malformed_answers_are_remote_protocol_errors(answer: bytes, match: str) -> None:
    def handler(conn: socket.socket) -> None:
        read_head(conn)
        conn.sendall(answer)

    with Raw(handler) as server, client() as http, pytest.raises(httpx.RemoteProtocolError, match=match):
        http.get(server.url)


def test_a_slow_server_is_a_read_timeout_and_a_refused_port_a_connect_error() -> None:
    def silent(conn: socket.socket) -> None:
        read_head(conn)
        with contextlib.suppress(OSError):
            conn.recv(1)

    with Raw(silent) as server, client(timeout=0.2) as http, pytest.raises(httpx.ReadTimeout):
        http.get(server.url)
    with socket.create_server(("127.0.0.1", 0)) as sock:
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    with client() as http, pytest.raises(httpx.ConnectError):
        http.get(url)


def test_failures_map_to_the_phase_they_happened_in() -> None:
    request = httpx.Request("POST", "http://127.0.0.1:9/")
    cases: list[tuple[str, BaseException, type[httpx.TransportError]]] = [
        ("connect", TimeoutError(), httpx.ConnectTimeout),
        ("connect", ConnectionRefusedError(111, "refused"), httpx.ConnectError),
        ("connect", ssl.SSLCertVerificationError("bad cert"), httpx.ConnectError),
        ("write", TimeoutError(), httpx.WriteTimeout),
        ("write", BrokenPipeError(32, "pipe"), httpx.WriteError),
        ("read", TimeoutError(), httpx.ReadTimeout),
        ("read", ConnectionResetError(104, "reset"), httpx.ReadError),
    ]
    for phase, exc, expected in cases:
        with pytest.raises(expected) as info, mapped(phase, request):  # type: ignore[arg-type]
            raise exc
        assert info.value.__cause__ is exc


def test_chunked_close_delimited_and_bodiless_answers() -> None:
    answers = [
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: 1\r\n\r\n",
        b"HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n" + OK,
        b"HTTP/1.1 204 No Content\r\n\r\n",
        b"HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n",  # the answer to HEAD
    ]

    def handler(conn: socket.socket) -> None:
        for answer in answers:
            if not read_head(conn):
                return
            conn.sendall(answer)
        read_head(conn)
        conn.sendall(b"HTTP/1.0 200 OK\r\n\r\nuntil the end")

    with Raw(handler) as server, client() as http:
        assert http.get(server.url).text == "abcde"
        assert http.get(server.url).text == "ok"
        assert http.get(server.url).status_code == 204
        assert http.get(server.url).status_code == 304
        head = http.head(server.url)
        assert (head.status_code, head.content, head.headers["content-length"]) == (200, b"", "5")
        last = http.get(server.url)
        assert last.text == "until the end" and last.extensions["http_version"] == b"HTTP/1.0"
        assert server.accepted_count == 1  # every answer but the last kept the connection
        assert transport_of(http).pool.counts == (0, 0)


def test_headers_come_back_as_sent() -> None:
    answer = (
        b"HTTP/1.1 200 Fine\r\nSet-Cookie: a=1\r\nX-Name: caf\xe9 \r\nSet-Cookie: b=2\r\n"
        b"X-Folded: one\r\n two\r\nContent-Length: 0\r\n\r\n"
    )
    with Raw(keep_alive(answer)) as server, client() as http:
        response = http.get(server.url)
    assert response.headers.get_list("set-cookie") == ["a=1", "b=2"]
    assert response.headers.raw[1] == (b"X-Name", b"caf\xe9")
    assert response.headers["x-folded"] == "one two"
    assert response.reason_phrase == "Fine"


def test_a_huge_body_is_cut_off_by_the_sdk_size_cap() -> None:
    sent = [0]

    def endless(conn: socket.socket) -> None:
        read_head(conn)
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        chunk = b"%x\r\n%s\r\n" % (65536, b" " * 65536)
        with contextlib.suppress(OSError):
            while sent[0] < 1 << 30:  # a gigabyte, unless the client hangs up first
                conn.sendall(chunk)
                sent[0] += 65536

    with Raw(endless) as server, fv.Client("t", base_url=server.url, max_response_bytes=1 << 20) as sdk:
        assert sdk.transport_name == "stdlib"
        with pytest.raises(fv.ResponseTooLargeError):
            sdk.health()
    assert sent[0] < 64 << 20


# --- TLS ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-days", "2",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[Raw]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    with Raw(keep_alive(OK), context) as server:
        yield server


def test_tls_is_verified_against_the_given_authority(tls_server: Raw, certificate: tuple[Path, Path]) -> None:
    trusted = ssl.create_default_context(cafile=str(certificate[0]))
    with client(verify=trusted) as http:
        response = http.get(tls_server.url)
        assert response.text == "ok"
        assert response.extensions["network_stream"].get_extra_info("ssl_object") is not None
    with client() as http, pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        http.get(tls_server.url)  # a handshake failure never sent the request: a connect error


def test_the_hostname_is_checked(tls_server: Raw, certificate: tuple[Path, Path]) -> None:
    trusted = ssl.create_default_context(cafile=str(certificate[0]))
    url = tls_server.url.replace("127.0.0.1", "localhost")  # the certificate names 127.0.0.1 only
    with client(verify=trusted) as http, pytest.raises(httpx.ConnectError, match=r"match|mismatch"):
        http.get(url)


# --- which transport the client picks -------------------------------------------------------------


def test_proxies_and_http2_keep_httpx_transport(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    with StdlibClient() as http:
        assert isinstance(http._transport, StdlibTransport)
        assert all(isinstance(t, httpx.HTTPTransport) for t in http._mounts.values() if t is not None)
        assert http._mounts
    with pytest.raises(ImportError, match="'h2' package"):  # httpx's own transport needs h2 for it
        StdlibClient(http2=True)
