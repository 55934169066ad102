"""A recording ``httpx.MockTransport`` router, and the resource tests' view of the root harness."""

from __future__ import annotations

import json
from collections.abc import AsyncIterable, Awaitable, Callable, Iterable
from typing import Any, TypeVar
from urllib.parse import parse_qsl

import httpx

from futurevuls_ext import AsyncClient, Client
from futurevuls_ext.profile import ApiProfile

from ..harness import Both

T = TypeVar("T")
BASE_URL = "https://rest.vuls.biz"
TOKEN = "test-token-not-a-secret"


class Reply:
    """One canned answer: a JSON value (``None`` = empty body) and a status."""

    def __init__(self, body: Any = None, status: int = 200) -> None:
        self.body = body
        self.status = status


class Recorder:
    """Answers ``(method, path)`` with queued replies (the last one repeats) and records every request."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], list[Reply]] = {}
        self.requests: list[httpx.Request] = []

    def add(self, method: str, path: str, *bodies: Any, status: int = 200) -> None:
        """Queue replies for a route; each body is a JSON value or a :class:`Reply`."""
        replies = [b if isinstance(b, Reply) else Reply(b, status) for b in bodies] or [Reply(None, status)]
        self.routes.setdefault((method, path), []).extend(replies)

    def handler(self, request: httpx.Request) -> httpx.Response:
        """The MockTransport handler."""
        self.requests.append(request)
        queue = self.routes.get((request.method, request.url.path))
        if not queue:
            return httpx.Response(404, json={"name": "not_found", "message": f"no route {request.url.path}"})
        reply = queue.pop(0) if len(queue) > 1 else queue[0]
        if reply.body is None:
            return httpx.Response(reply.status)
        return httpx.Response(reply.status, json=reply.body)

    @property
    def last(self) -> httpx.Request:
        """The last request sent."""
        return self.requests[-1]

    def sent(self) -> list[tuple[str, str]]:
        """(method, path) of every request, in order."""
        return [(r.method, r.url.path) for r in self.requests]


def params(request: httpx.Request) -> list[tuple[str, str]]:
    """The query pairs of a request, repeated keys kept, in order."""
    return parse_qsl(request.url.query.decode("ascii"), keep_blank_values=True)


def body(request: httpx.Request) -> Any:
    """The JSON body of a request (None when empty)."""
    return json.loads(request.content) if request.content else None


def page(items_key: str, items: list[Any], *, page: int, total_page: int, limit: int = 100) -> dict[str, Any]:
    """A list response with its ``paging`` envelope."""
    paging = {"page": page, "limit": limit, "offset": 0, "totalCount": len(items), "totalPage": total_page}
    return {"paging": paging, items_key: items}


class Api:
    """A resource test's calls through the root harness (``both``): this run's client over the recorder.

    ``one`` / ``many`` take the sync and the async form of a call for readability where they differ;
    the root harness runs the one of this run's mode (and awaits it when it is async).
    """

    def __init__(self, both: Both, recorder: Recorder) -> None:
        self.both = both
        self.recorder = recorder
        self._connect(None)

    def _connect(self, profile: ApiProfile | None) -> None:
        self.both.connect(self.recorder.handler, api_token=TOKEN, base_url=BASE_URL, profile=profile)

    @property
    def mode(self) -> str:
        """``"sync"`` or ``"async"``."""
        return "async" if self.both.is_async else "sync"

    @property
    def client(self) -> Any:
        """This run's client (``Client`` or ``AsyncClient``)."""
        return self.both.client

    async def use_profile(self, profile: ApiProfile) -> None:
        """Connect a new client of this mode with ``profile``."""
        self._connect(profile)

    async def one(self, sync: Callable[[Client], T], async_: Callable[[AsyncClient], Awaitable[T]]) -> T:
        """The result of one call, through the client of this run's mode."""
        result: T = await self.both.run(async_ if self.both.is_async else sync)
        return result

    async def many(
        self, sync: Callable[[Client], Iterable[T]], async_: Callable[[AsyncClient], AsyncIterable[T]]
    ) -> list[T]:
        """Every item of a listing, through the client of this run's mode."""
        return await self.both.items(async_ if self.both.is_async else sync)
