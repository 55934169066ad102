"""The SDK's HTTP clients keep no cookies: the API authenticates by token, and parsing every answer's
``Set-Cookie`` into a cookie jar was a large share of httpx's CPU per request (issue 17)."""

from __future__ import annotations

import anyio
import httpx
import pytest

from futurevuls_ext._transport import aiohttp_available, make_async_http, make_sync_http

SET_COOKIE = {"Set-Cookie": "session=abc; Path=/"}


def _answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers=SET_COOKIE, json={"cookie": request.headers.get("cookie")})


def test_the_sync_client_never_stores_or_sends_a_cookie() -> None:
    http, _ = make_sync_http("auto", httpx.MockTransport(_answer), {"base_url": "http://127.0.0.1:9"})
    with http:
        assert http.get("/a").json() == {"cookie": None}
        assert http.get("/b").json() == {"cookie": None}
        assert len(http.cookies) == 0
        with pytest.raises(TypeError, match="keeps no cookies"):
            http.cookies = {"session": "x"}


@pytest.mark.parametrize("backend", ["auto", "httpx"])
def test_both_sync_transports_keep_no_cookies(backend: str) -> None:
    http, _ = make_sync_http(backend, None, {"base_url": "http://127.0.0.1:9"})
    with http:
        answer = httpx.Response(200, headers=SET_COOKIE, request=httpx.Request("GET", "http://127.0.0.1:9/"))
        http.cookies.extract_cookies(answer)
        assert len(http.cookies) == 0


def test_the_async_client_never_stores_or_sends_a_cookie() -> None:
    async def go() -> None:
        http, _ = make_async_http("auto", httpx.MockTransport(_answer), {"base_url": "http://127.0.0.1:9"})
        async with http:
            assert (await http.get("/a")).json() == {"cookie": None}
            assert (await http.get("/b")).json() == {"cookie": None}
            assert len(http.cookies) == 0

    anyio.run(go)


@pytest.mark.skipif(not aiohttp_available(), reason="needs the aiohttp extra")
def test_the_aiohttp_client_ignores_set_cookie() -> None:
    async def go() -> None:
        http, name = make_async_http("aiohttp", None, {"base_url": "http://127.0.0.1:9"})
        async with http:
            assert name == "aiohttp"
            answer = httpx.Response(
                200, headers=SET_COOKIE, request=httpx.Request("GET", "http://127.0.0.1:9/")
            )
            http.cookies.extract_cookies(answer)
            assert len(http.cookies) == 0

    anyio.run(go)
