"""The batch drivers: order, per-call errors, the concurrency bound (counted, not timed)."""

from __future__ import annotations

import threading
from typing import Any

import anyio
import anyio.lowlevel
import pytest

from futurevuls_ext import NotFoundError
from futurevuls_ext._core.call import Call, ignore_body
from futurevuls_ext._core.request import ApiRequest
from futurevuls_ext.exposure._drive import call_many_async, call_many_sync
from futurevuls_ext.resources._common import InvalidArgumentError


def _calls(n: int) -> list[Call[None]]:
    return [
        Call(request=ApiRequest(method="GET", path=f"/v1/task/{i}"), decode=ignore_body) for i in range(n)
    ]


class _Counting:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.inflight = 0
        self.peak = 0

    def enter(self) -> None:
        with self.lock:
            self.inflight += 1
            self.peak = max(self.peak, self.inflight)

    def leave(self) -> None:
        with self.lock:
            self.inflight -= 1

    @staticmethod
    def answer(call: Call[Any]) -> str:
        number = int(call.request.path.rsplit("/", 1)[1])
        if number % 5 == 3:
            raise NotFoundError("no such task", status_code=404, method="GET", url=call.request.path)
        return call.request.path


class _SyncShell(_Counting):
    def call(self, call: Call[Any]) -> str:
        self.enter()
        try:
            threading.Event().wait(0.001)
            return self.answer(call)
        finally:
            self.leave()


class _AsyncShell(_Counting):
    async def call(self, call: Call[Any]) -> str:
        self.enter()
        try:
            await anyio.lowlevel.checkpoint()
            return self.answer(call)
        finally:
            self.leave()


def _check(results: list[Any]) -> None:
    assert len(results) == 20
    for i, result in enumerate(results):
        if i % 5 == 3:
            assert isinstance(result, NotFoundError)
        else:
            assert result == f"/v1/task/{i}"


@pytest.mark.parametrize("concurrency", [1, 3])
def test_sync_order_errors_and_bound(concurrency: int) -> None:
    shell = _SyncShell()
    _check(call_many_sync(shell, _calls(20), concurrency=concurrency))  # type: ignore[arg-type]
    assert 1 <= shell.peak <= concurrency


@pytest.mark.anyio
async def test_async_order_errors_and_bound() -> None:
    shell = _AsyncShell()
    _check(await call_many_async(shell, _calls(20), concurrency=4))  # type: ignore[arg-type]
    assert 1 <= shell.peak <= 4


def test_bad_concurrency() -> None:
    with pytest.raises(InvalidArgumentError, match="concurrency"):
        call_many_sync(_SyncShell(), _calls(1), concurrency=0)  # type: ignore[arg-type]
