"""Issue 15.2: every response body is capped (``max_response_bytes``, default 64 MiB), counted after
decompression while streaming: a huge answer or a gzip bomb raises ``ResponseTooLargeError`` naming the
limit, and memory stays near the limit (tracemalloc peak), sync and async.
"""

from __future__ import annotations

import json
import socket
import tracemalloc
import zlib
from collections.abc import Awaitable
from typing import Any

import pytest

import futurevuls_ext as fv
from futurevuls_ext._core.body import DEFAULT_MAX_RESPONSE_BYTES

from ..harness import Both
from ._clients import outcome, run_client
from ._raw_server import RawRequest, Responder, http_head, json_answer, serving

pytestmark = pytest.mark.anyio

MIB = 1 << 20
TOKEN = "fvgr-size-tests-0123456789"
EMPTY_LIST = json.dumps({"servers": [], "paging": {"page": 1, "limit": 100, "totalCount": 0, "totalPage": 1}})


def compressed(size: int, wbits: int, *, level: int = 6) -> bytes:
    """``size`` bytes of a JSON-looking answer (mostly spaces), compressed with ``wbits``."""
    out = zlib.compressobj(level, zlib.DEFLATED, wbits)
    parts = [out.compress(b'{"servers": [')]
    chunk = b" " * MIB
    parts += [out.compress(chunk) for _ in range(size // MIB)]
    parts += [out.compress(b"]}"), out.flush()]
    return b"".join(parts)


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """256 MiB of body in about 260 KB of gzip."""
    return compressed(256 * MIB, zlib.MAX_WBITS | 16)


def encoded_answer(status: int, body: bytes, encoding: str) -> Responder:
    return json_answer(status, body, {"Content-Encoding": encoding})


def chunked_answer(status: int, size: int) -> Responder:
    """``size`` bytes sent chunked (no Content-Length to refuse up front)."""

    def respond(sock: socket.socket, request: RawRequest) -> None:
        del request
        sock.sendall(http_head(status, {"Content-Type": "application/json", "Transfer-Encoding": "chunked"}))
        piece = b" " * (256 * 1024)
        for _ in range(size // len(piece)):
            sock.sendall(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        sock.sendall(b"0\r\n\r\n")

    return respond


async def peak_mib(run: Awaitable[Any]) -> tuple[Any, float]:
    tracemalloc.start()
    try:
        result = await run
        return result, tracemalloc.get_traced_memory()[1] / MIB
    finally:
        tracemalloc.stop()


async def test_a_gzip_bomb_stops_at_the_default_limit(both: Both, gzip_bomb: bytes) -> None:
    with serving(encoded_answer(200, gzip_bomb, "gzip")) as server:
        exc, peak = await peak_mib(outcome(both, server.url, lambda c: c.servers.list(), api_token=TOKEN))
    assert isinstance(exc, fv.ResponseTooLargeError), repr(exc)
    assert exc.limit == DEFAULT_MAX_RESPONSE_BYTES == 64 * MIB
    assert "max_response_bytes=67108864" in str(exc) and "64 MiB" in str(exc) and "decompression" in str(exc)
    assert exc.status_code == 200
    assert peak < 64 + 24, f"peak traced memory {peak:.0f} MiB for a 64 MiB limit"


BOMBS = {
    "gzip": ("gzip", zlib.MAX_WBITS | 16),
    "deflate_zlib": ("deflate", zlib.MAX_WBITS),
    "deflate_raw": ("deflate", -zlib.MAX_WBITS),
    "gzip_twice": ("gzip, gzip", None),
}


@pytest.mark.parametrize("name", sorted(BOMBS))
async def test_every_encoding_is_counted_after_decompression(both: Both, name: str) -> None:
    encoding, wbits = BOMBS[name]
    body = (
        compressed(24 * MIB, zlib.MAX_WBITS | 16, level=1) if wbits is None else compressed(24 * MIB, wbits)
    )
    if wbits is None:  # gzip inside gzip
        body = zlib.compress(body, wbits=zlib.MAX_WBITS | 16)
    with serving(encoded_answer(200, body, encoding)) as server:
        exc, peak = await peak_mib(
            outcome(both, server.url, lambda c: c.servers.list(), api_token=TOKEN, max_response_bytes=4 * MIB)
        )
    assert isinstance(exc, fv.ResponseTooLargeError), repr(exc)
    assert exc.limit == 4 * MIB and "max_response_bytes=4194304" in str(exc)
    assert peak < 4 + 8, f"peak {peak:.1f} MiB"


@pytest.mark.parametrize("status", [200, 404, 503])
async def test_a_huge_plain_answer_is_refused_by_its_content_length(both: Both, status: int) -> None:
    body = b" " * (3 * MIB)
    with serving(json_answer(status, body)) as server:
        exc = await outcome(
            both,
            server.url,
            lambda c: c.servers.list(),
            api_token=TOKEN,
            max_response_bytes=MIB,
            max_retries=0,
        )
    assert isinstance(exc, fv.ResponseTooLargeError), repr(exc)
    assert exc.declared == 3 * MIB and exc.status_code == status
    assert f"HTTP {status}" in str(exc)


async def test_a_huge_chunked_answer_stops_at_the_limit(both: Both) -> None:
    with serving(chunked_answer(200, 8 * MIB)) as server:
        exc, peak = await peak_mib(
            outcome(both, server.url, lambda c: c.servers.list(), api_token=TOKEN, max_response_bytes=MIB)
        )
    assert isinstance(exc, fv.ResponseTooLargeError), repr(exc)
    assert exc.declared is None
    assert peak < 1 + 6


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "identity", None])
async def test_answers_within_the_limit_decode(both: Both, encoding: str | None) -> None:
    raw = EMPTY_LIST.encode()
    body = {
        "gzip": zlib.compress(raw, wbits=zlib.MAX_WBITS | 16),
        "deflate": zlib.compress(raw),
        "identity": raw,
        None: raw,
    }[encoding]
    headers = {"Content-Encoding": encoding} if encoding else {}
    with serving(json_answer(200, body, headers)) as server:
        assert (
            await run_client(
                both, server.url, lambda c: c.servers.list(), api_token=TOKEN, max_response_bytes=len(raw)
            )
            == []
        )
        assert server.requests[0].headers["accept-encoding"] == "gzip, deflate"


async def test_the_limit_is_exact(both: Both) -> None:
    raw = EMPTY_LIST.encode()
    with serving(encoded_answer(200, zlib.compress(raw), "deflate")) as server:
        exc = await outcome(
            both, server.url, lambda c: c.servers.list(), api_token=TOKEN, max_response_bytes=len(raw) - 1
        )
    assert isinstance(exc, fv.ResponseTooLargeError)


@pytest.mark.parametrize(
    ("encoding", "body"),
    [("br", b"\x1b\x03\x00"), ("gzip", b"\x1f\x8bnot gzip at all"), ("deflate", b"\x78\x9c\xff\xff\xff")],
)
async def test_undecodable_encodings_are_response_validation_errors(
    both: Both, encoding: str, body: bytes
) -> None:
    with serving(encoded_answer(200, body, encoding)) as server:
        exc = await outcome(both, server.url, lambda c: c.servers.list(), api_token=TOKEN)
    assert isinstance(exc, fv.ResponseValidationError), repr(exc)
    assert "HTTP 200" in str(exc) or encoding in str(exc)


@pytest.mark.parametrize("value", [0, -1, True, 1.5, "64MiB", None])
def test_max_response_bytes_must_be_a_positive_integer(value: Any) -> None:
    with pytest.raises(fv.ConfigError, match="max_response_bytes"):
        fv.Client(TOKEN, max_response_bytes=value)


async def test_the_fake_answers_fit_the_default_limit(both: Both) -> None:
    from futurevuls_ext.testing import FakeFutureVuls

    with FakeFutureVuls(dataset="demo") as fake:
        assert await run_client(both, fake.url, lambda c: c.servers.list(), api_token=fake.token)
