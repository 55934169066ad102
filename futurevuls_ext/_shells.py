"""The two thin I/O shells. They send, sleep and loop; every decision is in :mod:`._core`."""

from __future__ import annotations

import time
from collections.abc import Generator
from typing import Any, Generic, TypeVar

import anyio
import cattrs
import httpx

from ._attempt import attempt_async, attempt_sync
from ._config import ClientConfig
from ._core.attempt import AttemptLimits
from ._core.call import Call, PagedCall, decode, decode_page
from ._core.paging import Page, PageCursor
from ._core.redact import Redactor
from ._core.request import ApiRequest, build_request
from ._core.response import checked_json
from ._core.retry import Outcome, RetryPolicy, Step, retry_flow
from ._exceptions import ClientClosedError, closed_message
from ._pagers import AsyncPager, SyncPager
from ._trace import Tracer

__all__ = ["NO_RETRY", "AsyncShell", "SyncShell"]

NO_RETRY = RetryPolicy(max_retries=0)

T = TypeVar("T")
HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)


class _Shell(Generic[HttpT]):
    """What both shells hold, and every step of theirs that is not I/O."""

    def __init__(
        self,
        config: ClientConfig,
        http: HttpT,
        converter: cattrs.Converter,
        policy: RetryPolicy,
        *,
        tracer: Tracer | None = None,
    ) -> None:
        self.config = config
        self.http: HttpT = http
        self.converter = converter
        self.policy = policy
        self.tracer = tracer
        self.redactor = Redactor([config.api_token.reveal()] if config.api_token is not None else [])
        self.limits = AttemptLimits(timeout=config.timeout, max_response_bytes=config.max_response_bytes)

    def _flow(self, api_request: ApiRequest, policy: RetryPolicy) -> Generator[Step, Outcome, httpx.Response]:
        """The retry flow of ``api_request`` (traced when the client traces): what the shell's loop runs."""
        request = build_request(self.config, api_request)
        flow = retry_flow(policy, request, idempotent=api_request.idempotent)
        return flow if self.tracer is None else self.tracer.wrap(flow)

    def _decoded(self, call: Call[T], data: Any) -> T:
        with self.redactor.guard():
            return decode(
                call.decode, self.converter, data, method=call.request.method, url=call.request.path
            )

    def _page_of(self, call: PagedCall[T], cursor: PageCursor, request: ApiRequest, data: Any) -> Page[T]:
        """The page of the answer ``data`` to ``request``; the cursor moves on (or refuses a runaway)."""
        number = cursor.current()
        raw, info = cursor.advance(data, call.items_key, url=request.path)
        with self.redactor.guard():
            return decode_page(call, self.converter, raw, number=number, info=info, url=request.path)


class SyncShell(_Shell[httpx.Client]):
    """Sends requests with ``httpx.Client`` and sleeps with ``time.sleep``."""

    def send(self, api_request: ApiRequest) -> Any:
        """Send with retries; the decoded JSON body of the final 2xx response (errors redacted)."""
        if self.http.is_closed:
            raise ClientClosedError(closed_message("Client", "close()"))
        with self.redactor.guard():
            return checked_json(self._exchange(api_request, self.policy))

    def probe(self, api_request: ApiRequest) -> httpx.Response:
        """Send once, without retries or a status check: the read response (``doctor``'s probes)."""
        with self.redactor.guard():
            return self._exchange(api_request, NO_RETRY)

    def _exchange(self, api_request: ApiRequest, policy: RetryPolicy) -> httpx.Response:
        flow = self._flow(api_request, policy)
        outcome: Outcome = None
        while True:
            try:
                step = flow.send(outcome)
            except StopIteration as done:
                response: httpx.Response = done.value
                return response
            if isinstance(step, httpx.Request):
                outcome = attempt_sync(self.http, step, self.limits)
            else:
                time.sleep(step)
                outcome = None

    def call(self, call: Call[T]) -> T:
        """Send ``call`` and decode its answer."""
        return self._decoded(call, self.send(call.request))

    def page(self, call: PagedCall[T], cursor: PageCursor) -> Page[T]:
        """Fetch and decode the cursor's page; the cursor moves on (or refuses a runaway listing)."""
        request = call.page_request(cursor.current())
        return self._page_of(call, cursor, request, self.send(request))

    def paginate(self, call: PagedCall[T]) -> SyncPager[T]:
        """Every item of every page, fetched lazily (see :class:`SyncPager`)."""
        return SyncPager(self, call)


class AsyncShell(_Shell[httpx.AsyncClient]):
    """Sends requests with ``httpx.AsyncClient`` and sleeps with ``anyio.sleep``."""

    async def send(self, api_request: ApiRequest) -> Any:
        """Send with retries; the decoded JSON body of the final 2xx response (errors redacted)."""
        if self.http.is_closed:
            raise ClientClosedError(closed_message("AsyncClient", "aclose()"))
        with self.redactor.guard():
            return checked_json(await self._exchange(api_request, self.policy))

    async def probe(self, api_request: ApiRequest) -> httpx.Response:
        """Send once, without retries or a status check: the read response (``doctor``'s probes)."""
        with self.redactor.guard():
            return await self._exchange(api_request, NO_RETRY)

    async def _exchange(self, api_request: ApiRequest, policy: RetryPolicy) -> httpx.Response:
        flow = self._flow(api_request, policy)
        outcome: Outcome = None
        while True:
            try:
                step = flow.send(outcome)
            except StopIteration as done:
                response: httpx.Response = done.value
                return response
            if isinstance(step, httpx.Request):
                outcome = await attempt_async(self.http, step, self.limits)
            else:
                await anyio.sleep(step)
                outcome = None

    async def call(self, call: Call[T]) -> T:
        """Send ``call`` and decode its answer."""
        return self._decoded(call, await self.send(call.request))

    async def page(self, call: PagedCall[T], cursor: PageCursor) -> Page[T]:
        """Fetch and decode the cursor's page; the cursor moves on (or refuses a runaway listing)."""
        request = call.page_request(cursor.current())
        return self._page_of(call, cursor, request, await self.send(request))

    def paginate(self, call: PagedCall[T]) -> AsyncPager[T]:
        """Every item of every page, fetched lazily (see :class:`AsyncPager`)."""
        return AsyncPager(self, call)
