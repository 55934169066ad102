from __future__ import annotations

import datetime as dt
import enum
import gc
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from futurevuls_ext import ApiProfile, ConfigError
from futurevuls_ext._config import make_config
from futurevuls_ext._core import request as request_module
from futurevuls_ext._core.request import ApiRequest, build_request, expand_path, query


class Color(enum.Enum):
    RED = "red"


def config(token: str | None = "tok-123", base_url: str = "https://rest.vuls.biz") -> object:
    return make_config(
        token, base_url=base_url, timeout=5, max_retries=1, profile=ApiProfile(), allow_insecure_http=False
    )


def test_query_repeats_lists_and_formats_values() -> None:
    assert query(
        filterStatus=["new", Color.RED], filterIgnore=True, day=dt.date(2026, 1, 2), skip=None, n=3
    ) == (
        ("filterStatus", "new"),
        ("filterStatus", "red"),
        ("filterIgnore", "true"),
        ("day", "2026-01-02"),
        ("n", "3"),
    )


def test_expand_path_quotes_values() -> None:
    assert expand_path("/v1/server/uuid/{u}", {"u": "a/b c"}) == "/v1/server/uuid/a%2Fb%20c"
    with pytest.raises(ValueError, match="needs a value for 'id'"):
        expand_path("/v1/x/{id}", {})


def test_build_request_sets_raw_token_and_user_agent() -> None:
    cfg = make_config(
        "tok-123",
        base_url="https://rest.vuls.biz/",
        timeout=5,
        max_retries=1,
        profile=None,
        allow_insecure_http=False,
    )
    request = build_request(cfg, ApiRequest(method="GET", path="/v1/servers", params=(("page", "1"),)))
    assert request.headers["Authorization"] == "tok-123"
    assert request.headers["User-Agent"].startswith("futurevuls-ext/")
    assert str(request.url) == "https://rest.vuls.biz/v1/servers?page=1"


def test_build_request_with_base_path() -> None:
    cfg = make_config(
        "t",
        base_url="https://proxy.example/fv",
        timeout=5,
        max_retries=1,
        profile=None,
        allow_insecure_http=False,
    )
    request = build_request(cfg, ApiRequest(method="POST", path="/v1/externalScan", json={"a": 1}))
    assert str(request.url) == "https://proxy.example/fv/v1/externalScan"
    assert request.content == b'{"a":1}'


def test_missing_token_raises_config_error_only_when_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FUTUREVULS_API_TOKEN", raising=False)
    cfg = make_config(
        None,
        base_url="https://rest.vuls.biz",
        timeout=5,
        max_retries=1,
        profile=None,
        allow_insecure_http=False,
    )
    assert (
        "Authorization"
        not in build_request(cfg, ApiRequest(method="GET", path="/health", needs_auth=False)).headers
    )
    with pytest.raises(ConfigError, match="FUTUREVULS_API_TOKEN"):
        build_request(cfg, ApiRequest(method="GET", path="/v1/servers"))


def test_token_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUTUREVULS_API_TOKEN", "env-token")
    cfg = make_config(
        None,
        base_url="https://rest.vuls.biz",
        timeout=5,
        max_retries=1,
        profile=None,
        allow_insecure_http=False,
    )
    assert cfg.require_token() == "env-token"


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://rest.vuls.biz", True),
        ("http://127.0.0.1:8080", True),
        ("http://localhost:1", True),
        ("http://[::1]:1", True),
        ("http://rest.vuls.biz", False),
        ("ftp://rest.vuls.biz", False),
        ("not a url", False),
    ],
)
def test_base_url_rules(url: str, allowed: bool) -> None:
    def build() -> object:
        return make_config(
            "t", base_url=url, timeout=5, max_retries=1, profile=None, allow_insecure_http=False
        )

    if allowed:
        build()
    else:
        with pytest.raises(ConfigError):
            build()


def test_insecure_http_opt_in() -> None:
    cfg = make_config(
        "t", base_url="http://fv.internal", timeout=5, max_retries=1, profile=None, allow_insecure_http=True
    )
    assert cfg.base_url == httpx.URL("http://fv.internal")


def test_base_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUTUREVULS_BASE_URL", "http://127.0.0.1:9999")
    cfg = make_config("t", base_url=None, timeout=5, max_retries=1, profile=None, allow_insecure_http=False)
    assert cfg.base_url == httpx.URL("http://127.0.0.1:9999")
    monkeypatch.delenv("FUTUREVULS_BASE_URL")
    cfg = make_config("t", base_url=None, timeout=5, max_retries=1, profile=None, allow_insecure_http=False)
    assert cfg.base_url == httpx.URL("https://rest.vuls.biz")


@pytest.mark.parametrize("token", ["abc\ndef", "abc\x00def", "tök-en", "two words"])
def test_tokens_that_cannot_be_headers_are_refused_without_echo(token: str) -> None:
    with pytest.raises(ConfigError) as info:
        make_config(token, base_url=None, timeout=5, max_retries=1, profile=None, allow_insecure_http=False)
    assert token not in str(info.value)
    assert "abc" not in str(info.value)


@given(
    st.dictionaries(st.text(max_size=6), st.lists(st.text(max_size=6), min_size=1, max_size=3), max_size=4),
    st.sampled_from(["https://rest.vuls.biz", "https://h.example/base/", "http://127.0.0.1:8080/x"]),
)
def test_build_request_url_is_what_httpx_params_would_build(values: dict[str, list[str]], base: str) -> None:
    """The one-string URL equals httpx's own ``copy_with(path=...)`` + ``params=`` construction.

    (As :func:`query` builds them, a repeated key's pairs are adjacent; httpx would group them anyway.)
    """
    params = [(key, value) for key, items in values.items() for value in items]
    config = make_config("t", base_url=base, timeout=5, max_retries=0, profile=None, allow_insecure_http=True)
    built = build_request(config, ApiRequest(method="GET", path="/v1/cve/CVE%2F1", params=tuple(params)))
    root = httpx.URL(base)
    expected = httpx.Request(
        "GET", root.copy_with(path=root.path.rstrip("/") + "/v1/cve/CVE%2F1"), params=tuple(params) or None
    ).url
    assert built.url == expected
    assert str(built.url) == str(expected)


def test_headers_are_built_once_per_config_and_go_with_it() -> None:
    one: Any = config("tok-1")
    other: Any = config("tok-2")
    request = ApiRequest(method="GET", path="/v1/servers")
    first = build_request(one, request)
    assert build_request(one, request).headers is not first.headers  # httpx copies them per request
    assert request_module._built_for(one)["tok-1"] is request_module._built_for(one)["tok-1"]
    assert build_request(other, request).headers["authorization"] == "tok-2"
    assert first.headers["authorization"] == "tok-1"
    held = len(request_module._HEADERS)
    del one, other, first
    gc.collect()
    assert len(request_module._HEADERS) == held - 2  # a dropped client's token is not kept here


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@given(st.dictionaries(st.text(max_size=6), _JSON, max_size=4), st.sampled_from(["POST", "PUT", "PATCH"]))
def test_json_request_is_what_httpx_json_would_build(payload: dict[str, Any], method: str) -> None:
    """Body and headers (names, values, order) equal httpx's own ``json=`` construction, every time."""
    cfg: Any = config()
    expected = httpx.Request(
        method,
        "https://rest.vuls.biz/v1/externalScan",
        json=payload,
        headers=request_module._headers(cfg, "tok-123"),
    )
    for _ in range(2):  # the second one comes from the per-length header cache
        built = build_request(cfg, ApiRequest(method=method, path="/v1/externalScan", json=payload))
        assert built.content == expected.content
        assert built.headers.raw == expected.headers.raw
        assert b"".join(built.stream) == expected.content  # type: ignore[arg-type]
        assert built.url == expected.url


def test_json_request_refuses_nan_and_keeps_few_header_sets() -> None:
    cfg: Any = config()
    with pytest.raises(ValueError, match="JSON compliant"):
        build_request(cfg, ApiRequest(method="POST", path="/v1/x", json={"score": float("nan")}))
    for size in range(2 * request_module._MAX_BODY_HEADERS):
        built = build_request(cfg, ApiRequest(method="POST", path="/v1/x", json={"n": "x" * size}))
        assert built.headers["content-length"] == str(len(built.content))
    assert len(request_module._built_for(cfg)) <= request_module._MAX_BODY_HEADERS + 2
