"""Client core through both shells: every test runs with Client and AsyncClient (the root harness)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import futurevuls_ext as fv
from futurevuls_ext._core.call import Call, PagedCall, ignore_body
from futurevuls_ext._core.program import answer, list_all
from futurevuls_ext._core.request import ApiRequest

from ..harness import Both

pytestmark = pytest.mark.anyio

Handler = Callable[[httpx.Request], httpx.Response]
TOKEN = "fvgr-00000000-secret-token"


class Api:
    """The scenario of one test through the root harness (``both``): sync or async client, MockTransport.

    Calls go through the client's program driver (``client._runner``, the one internal entry point)
    with :func:`~futurevuls_ext._core.program.answer` / :func:`list_all`; sleeps are skipped.
    """

    def __init__(self, both: Both) -> None:
        self.both = both

    def _connect(self, handler: Handler, options: dict[str, Any]) -> None:
        self.both.connect(handler, **{"api_token": TOKEN, "base_url": "https://rest.vuls.biz", **options})

    async def health(self, handler: Handler, **options: Any) -> bool:
        self._connect(handler, options)
        healthy: bool = await self.both.run(lambda c: c.health())
        return healthy

    async def call(self, handler: Handler, call: Call[Any], **options: Any) -> Any:
        self._connect(handler, options)
        return await self.both.run(lambda c: c._runner.run(answer(call)))

    async def paginate(self, handler: Handler, call: PagedCall[Any], **options: Any) -> list[Any]:
        self._connect(handler, options)
        items: list[Any] = await self.both.run(lambda c: c._runner.run(list_all(call)))
        return items


@pytest.fixture
def api(both: Both, monkeypatch: pytest.MonkeyPatch) -> Api:
    monkeypatch.setattr("time.sleep", lambda _s: None)

    async def no_sleep(_s: float) -> None:
        return None

    monkeypatch.setattr("anyio.sleep", no_sleep)
    return Api(both)


def identity(_c: Any, data: Any) -> Any:
    return data


def get(path: str = "/v1/servers") -> Call[Any]:
    return Call(request=ApiRequest(method="GET", path=path), decode=identity)


def post(path: str = "/v1/externalScan", *, retry_safe: bool | None = None) -> Call[Any]:
    return Call(
        request=ApiRequest(method="POST", path=path, json={"a": 1}, retry_safe=retry_safe), decode=identity
    )


async def test_health_needs_no_token(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FUTUREVULS_API_TOKEN", raising=False)
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=True)

    assert (await api.health(handler, api_token=None)) is True
    assert "Authorization" not in seen[0].headers
    assert seen[0].url.path == "/health"


async def test_missing_token_raises_config_error(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FUTUREVULS_API_TOKEN", raising=False)
    with pytest.raises(fv.ConfigError, match="FUTUREVULS_API_TOKEN"):
        (await api.call(lambda r: httpx.Response(200, json={}), get(), api_token=None))


async def test_raw_token_header_and_user_agent(api: Api) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"ok": 1})

    assert (await api.call(handler, get())) == {"ok": 1}
    assert seen[0].headers["Authorization"] == TOKEN
    assert seen[0].headers["User-Agent"] == f"futurevuls-ext/{fv.__version__}"
    assert seen[0].headers["Accept"] == "application/json"


@pytest.mark.parametrize(
    ("status", "body", "cls", "message"),
    [
        (
            400,
            {"name": "bad_request", "id": "abc", "message": "limit must be <= 1000"},
            fv.BadRequestError,
            "limit must be <= 1000",
        ),
        (401, {"error": {"message": "invalid token"}}, fv.AuthenticationError, "invalid token"),
        (403, {"error": "no permission"}, fv.PermissionDeniedError, "no permission"),
        (404, "not found here", fv.NotFoundError, "not found here"),
        (409, {}, fv.ConflictError, "Conflict"),
        (422, {"message": "bad"}, fv.UnprocessableEntityError, "bad"),
        (500, {"message": "boom", "fault": True}, fv.ServerError, "boom"),
        (418, {"message": "teapot"}, fv.APIStatusError, "teapot"),
    ],
)
async def test_status_to_error_mapping(api: Api, status: int, body: object, cls: type, message: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if isinstance(body, str):
            return httpx.Response(status, text=body)
        return httpx.Response(status, json=body)

    with pytest.raises(fv.APIStatusError) as info:
        (await api.call(handler, get()))
    assert type(info.value) is cls
    assert info.value.status_code == status
    assert info.value.message == message
    assert TOKEN not in str(info.value)


async def test_goa_error_id_becomes_request_id(api: Api) -> None:
    body = {
        "name": "bad_request",
        "id": "req-9",
        "message": "m",
        "temporary": False,
        "timeout": False,
        "fault": False,
    }
    with pytest.raises(fv.BadRequestError) as info:
        (await api.call(lambda r: httpx.Response(400, json=body), get()))
    assert info.value.request_id == "req-9"
    assert "req-9" in str(info.value)


async def test_retries_429_and_5xx_to_success(api: Api) -> None:
    answers = iter(
        [
            httpx.Response(429, headers={"Retry-After": "1"}),
            httpx.Response(503),
            httpx.Response(200, json=[1]),
        ]
    )
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.method)
        return next(answers)

    assert (await api.call(handler, get())) == [1]
    assert calls == ["GET", "GET", "GET"]


async def test_post_is_never_resent_on_5xx(api: Api) -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.method)
        return httpx.Response(503, json={"message": "down"})

    with pytest.raises(fv.ServerError):
        (await api.call(handler, post()))
    assert calls == ["POST"]


async def test_post_marked_safe_is_retried(api: Api) -> None:
    answers = iter([httpx.Response(502), httpx.Response(200, json={"id": 1})])
    assert (await api.call(lambda r: next(answers), post(retry_safe=True))) == {"id": 1}


async def test_post_read_error_is_not_resent_but_connect_error_is(api: Api) -> None:
    calls: list[int] = []

    def read_fail(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        raise httpx.ReadError("connection reset", request=request)

    with pytest.raises(fv.APIConnectionError):
        (await api.call(read_fail, post()))
    assert len(calls) == 1

    attempts = iter([True, False])

    def connect_then_ok(request: httpx.Request) -> httpx.Response:
        if next(attempts):
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(200, json={"id": 2})

    assert (await api.call(connect_then_ok, post())) == {"id": 2}


async def test_timeouts_retry_then_raise_timeout_error(api: Api) -> None:
    calls: list[int] = []

    def slow(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(fv.APITimeoutError):
        (await api.call(slow, get(), max_retries=2))
    assert len(calls) == 3


async def test_retry_after_beyond_cap_raises_without_sleeping(api: Api) -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(429, headers={"Retry-After": "3600"})

    with pytest.raises(fv.RateLimitError) as info:
        (await api.call(handler, get()))
    assert info.value.retry_after == 3600
    assert calls == [1]


async def test_empty_body_and_invalid_json(api: Api) -> None:
    assert (
        await api.call(
            lambda r: httpx.Response(200),
            Call(request=ApiRequest(method="DELETE", path="/v1/x/1"), decode=ignore_body),
        )
    ) is None
    with pytest.raises(fv.ResponseValidationError, match="not valid JSON"):
        (await api.call(lambda r: httpx.Response(200, text="{oops"), get()))


def paged_handler(
    total: int, page_size: int, seen: list[httpx.Request], item: Callable[[int], Any] = lambda n: n
) -> Handler:
    items = [item(n) for n in range(total)]

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        page = int(request.url.params["page"])
        limit = int(request.url.params["limit"])
        chunk = items[(page - 1) * limit : page * limit]
        total_page = (total + limit - 1) // limit
        return httpx.Response(
            200,
            json={
                "paging": {
                    "page": page,
                    "limit": limit,
                    "offset": 0,
                    "totalCount": total,
                    "totalPage": total_page,
                },
                "servers": chunk,
            },
        )

    return handler


@pytest.mark.parametrize(("total", "expected_requests"), [(0, 1), (1, 1), (3, 1), (4, 2), (7, 3)])
async def test_pagination_fetches_every_page_once(api: Api, total: int, expected_requests: int) -> None:
    seen: list[httpx.Request] = []
    call = PagedCall(
        request=ApiRequest(method="GET", path="/v1/servers"),
        items_key="servers",
        decode_item=identity,
        page_size=3,
    )
    assert (await api.paginate(paged_handler(total, 3, seen), call)) == list(range(total))
    assert len(seen) == expected_requests
    pages = [int(r.url.params["page"]) for r in seen]
    # page 1 first; the pages after it are fetched at once, so they may arrive in any order
    assert pages[0] == 1 and sorted(pages) == list(range(1, expected_requests + 1))


async def test_pagination_is_lazy(both: Both) -> None:
    seen: list[httpx.Request] = []
    server = lambda n: {"id": n, "serverName": f"s{n}", "serverUuid": f"u{n}"}  # noqa: E731
    handler = paged_handler(10, 2, seen, server)  # servers with only their ids: decoded tolerantly
    both.connect(handler, api_token=TOKEN, base_url="https://rest.vuls.biz", strict_responses=False)
    pager = both.client.servers.list(page_size=2)
    assert seen == []
    if both.is_async:
        first = await anext(aiter(pager))
    else:
        first = next(iter(pager))
    assert first.id == 0
    assert len(seen) == 1


async def test_token_never_in_repr_logs_or_errors(api: Api, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    answers = iter([httpx.Response(503), httpx.Response(401, json={"message": "invalid token"})])
    with pytest.raises(fv.AuthenticationError) as info:
        (await api.call(lambda r: next(answers), get()))
    client = fv.Client(api_token=TOKEN)
    texts = [
        repr(client),
        str(client),
        repr(client._settings.config),
        str(info.value),
        repr(info.value),
        caplog.text,
    ]
    client.close()
    assert "retrying GET" in caplog.text
    for text in texts:
        assert TOKEN not in text


def test_plain_http_to_remote_host_is_refused() -> None:
    with pytest.raises(fv.ConfigError, match="unencrypted"):
        fv.Client(api_token=TOKEN, base_url="http://rest.vuls.biz")


async def test_a_bad_list_item_names_its_position(api: Api) -> None:
    import cattrs

    def as_int(converter: cattrs.Converter, data: object) -> int:
        return converter.structure(data, int)

    def handler(request: httpx.Request) -> httpx.Response:
        body = {
            "paging": {"page": 1, "limit": 3, "offset": 0, "totalCount": 3, "totalPage": 1},
            "servers": [1, 2, "x"],
        }
        return httpx.Response(200, json=body)

    call = PagedCall(
        request=ApiRequest(method="GET", path="/v1/servers"), items_key="servers", decode_item=as_int
    )
    with pytest.raises(fv.ResponseValidationError, match=r"\$\.servers\[2\]"):
        (await api.paginate(handler, call))


async def test_post_refused_with_429_is_resent(api: Api) -> None:
    answers = iter([httpx.Response(429, headers={"Retry-After": "0"}), httpx.Response(200, json={"id": 3})])
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.method)
        return next(answers)

    assert (await api.call(handler, post())) == {"id": 3}
    assert calls == ["POST", "POST"]
