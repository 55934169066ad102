"""``decoded_response``: the read copy of a streamed response equals ``httpx.Response(content=body)``."""

from __future__ import annotations

import httpx
import pytest

from futurevuls_ext._core import body as body_module
from futurevuls_ext._core.body import decoded_response


def _streamed(headers: list[tuple[bytes, bytes]]) -> httpx.Response:
    request = httpx.Request("GET", "https://rest.vuls.biz/v1/servers")
    return httpx.Response(
        200,
        headers=headers,
        stream=httpx.ByteStream(b"wire bytes"),
        request=request,
        extensions={"network_stream": object(), "http_version": b"HTTP/1.1"},
    )


def _reference(response: httpx.Response, body: bytes) -> httpx.Response:
    """The previous implementation: a second ``Response`` built with ``content=``."""
    wire = {b"content-encoding", b"content-length", b"transfer-encoding"}
    return httpx.Response(
        response.status_code,
        headers=[(k, v) for k, v in response.headers.raw if k.lower() not in wire],
        content=body,
        request=response.request,
        extensions={k: v for k, v in response.extensions.items() if k != "network_stream"},
    )


@pytest.mark.parametrize("body", [b"", b"{}", '{"name": "caf\u00e9"}'.encode(), b"x" * 70_000])
@pytest.mark.parametrize(
    "headers",
    [
        [(b"Content-Type", b"application/json"), (b"Content-Length", b"99"), (b"X-Request-Id", b"r1")],
        [(b"content-encoding", b"gzip"), (b"Transfer-Encoding", b"chunked"), (b"Retry-After", b"3")],
        [],
    ],
)
def test_decoded_response_equals_a_response_built_with_content(
    body: bytes, headers: list[tuple[bytes, bytes]]
) -> None:
    streamed = _streamed(headers)
    got, want = decoded_response(streamed, body), _reference(streamed, body)
    assert got.headers.raw == want.headers.raw
    assert got.content == want.content == body
    assert got.text == want.text
    assert (got.status_code, got.request, got.extensions) == (want.status_code, want.request, want.extensions)
    assert "network_stream" not in got.extensions
    assert got.is_stream_consumed and got.is_closed
    assert list(got.iter_bytes()) == list(want.iter_bytes())
    if body.startswith(b"{"):
        assert got.json() == want.json()


def test_the_fallback_reads_the_body_through_httpx(monkeypatch: pytest.MonkeyPatch) -> None:
    """On an httpx where the direct way does not work, ``read()`` fills the body in."""
    monkeypatch.setattr(body_module, "_load", body_module._read)
    got = decoded_response(_streamed([(b"Content-Encoding", b"gzip")]), b"decoded")
    assert got.content == b"decoded"
    assert got.is_closed
    assert body_module._content_slot_works()
