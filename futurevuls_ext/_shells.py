"""The two thin I/O shells. They send, sleep and loop; every decision is in :mod:`._core`."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from typing import Any, TypeVar

import anyio
import cattrs
import httpx

from ._config import ClientConfig
from ._core.call import Call, PagedCall, decode
from ._core.paging import page_step
from ._core.redact import Redactor
from ._core.request import ApiRequest, build_request
from ._core.response import checked_json
from ._core.retry import Outcome, RetryPolicy, retry_flow

__all__ = ["AsyncShell", "SyncShell"]

T = TypeVar("T")


class SyncShell:
    """Sends requests with ``httpx.Client`` and sleeps with ``time.sleep``."""

    def __init__(
        self, config: ClientConfig, http: httpx.Client, converter: cattrs.Converter, policy: RetryPolicy
    ) -> None:
        self.config = config
        self.http = http
        self.converter = converter
        self.policy = policy
        self.redactor = Redactor([config.api_token.reveal()] if config.api_token is not None else [])

    def send(self, api_request: ApiRequest) -> Any:
        """Send with retries; the decoded JSON body of the final 2xx response (errors redacted)."""
        with self.redactor.guard():
            return self._send(api_request)

    def _send(self, api_request: ApiRequest) -> Any:
        request = build_request(self.config, api_request)
        flow = retry_flow(self.policy, request, idempotent=api_request.idempotent)
        outcome: Outcome = None
        while True:
            try:
                step = flow.send(outcome)
            except StopIteration as done:
                return checked_json(done.value)
            if isinstance(step, httpx.Request):
                try:
                    outcome = self.http.send(step)
                except httpx.TransportError as exc:
                    outcome = exc
            else:
                time.sleep(step)
                outcome = None

    def call(self, call: Call[T]) -> T:
        """Send ``call`` and decode its answer."""
        data = self.send(call.request)
        with self.redactor.guard():
            return decode(
                call.decode, self.converter, data, method=call.request.method, url=call.request.path
            )

    def paginate(self, call: PagedCall[T]) -> Iterator[T]:
        """Lazily iterate every item of every page."""
        page: int | None = 1
        while page is not None:
            request = call.page_request(page)
            items, page = page_step(page, self.send(request), call.items_key)
            for index, raw in enumerate(items):
                where = f"$.{call.items_key}[{index}]"
                with self.redactor.guard():
                    item = decode(
                        call.decode_item, self.converter, raw, method="GET", url=request.path, path=where
                    )
                yield item


class AsyncShell:
    """Sends requests with ``httpx.AsyncClient`` and sleeps with ``anyio.sleep``."""

    def __init__(
        self, config: ClientConfig, http: httpx.AsyncClient, converter: cattrs.Converter, policy: RetryPolicy
    ) -> None:
        self.config = config
        self.http = http
        self.converter = converter
        self.policy = policy
        self.redactor = Redactor([config.api_token.reveal()] if config.api_token is not None else [])

    async def send(self, api_request: ApiRequest) -> Any:
        """Send with retries; the decoded JSON body of the final 2xx response (errors redacted)."""
        with self.redactor.guard():
            return await self._send(api_request)

    async def _send(self, api_request: ApiRequest) -> Any:
        request = build_request(self.config, api_request)
        flow = retry_flow(self.policy, request, idempotent=api_request.idempotent)
        outcome: Outcome = None
        while True:
            try:
                step = flow.send(outcome)
            except StopIteration as done:
                return checked_json(done.value)
            if isinstance(step, httpx.Request):
                try:
                    outcome = await self.http.send(step)
                except httpx.TransportError as exc:
                    outcome = exc
            else:
                await anyio.sleep(step)
                outcome = None

    async def call(self, call: Call[T]) -> T:
        """Send ``call`` and decode its answer."""
        data = await self.send(call.request)
        with self.redactor.guard():
            return decode(
                call.decode, self.converter, data, method=call.request.method, url=call.request.path
            )

    async def paginate(self, call: PagedCall[T]) -> AsyncIterator[T]:
        """Lazily iterate every item of every page."""
        page: int | None = 1
        while page is not None:
            request = call.page_request(page)
            items, page = page_step(page, await self.send(request), call.items_key)
            for index, raw in enumerate(items):
                where = f"$.{call.items_key}[{index}]"
                with self.redactor.guard():
                    item = decode(
                        call.decode_item, self.converter, raw, method="GET", url=request.path, path=where
                    )
                yield item
