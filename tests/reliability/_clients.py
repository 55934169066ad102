"""Run one action with ``Client`` or ``AsyncClient`` against a URL, so each test covers both."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterable, Callable
from typing import Any

import anyio
import pytest

import futurevuls_ext as fv
from futurevuls_ext._transport import HttpBackend, aiohttp_available

__all__ = ["KINDS", "outcome", "run_client"]

KINDS: list[Any] = [
    "sync",
    "async-httpx",
    pytest.param(
        "async-aiohttp",
        marks=pytest.mark.skipif(not aiohttp_available(), reason="the aiohttp extra is not installed"),
    ),
]
"""Client, AsyncClient on httpx's transport, AsyncClient on the aiohttp extra's transport."""


async def _settle(value: Any) -> Any:
    if inspect.isawaitable(value):
        value = await value
    if isinstance(value, AsyncIterable):
        value = [item async for item in value]
    return value


def run_client(kind: str, url: str, action: Callable[[Any], Any], **options: Any) -> Any:
    """``action(client)`` with a ``kind`` (see :data:`KINDS`) client on ``url``; lists are collected."""
    if kind == "sync":
        with fv.Client(base_url=url, **options) as client:
            value = action(client)
            return list(value) if inspect.isgenerator(value) or isinstance(value, fv.SyncPager) else value

    async def main() -> Any:
        backend: HttpBackend = "aiohttp" if kind == "async-aiohttp" else "httpx"
        async with fv.AsyncClient(base_url=url, http_backend=backend, **options) as client:
            return await _settle(action(client))

    return anyio.run(main)


def outcome(kind: str, url: str, action: Callable[[Any], Any], **options: Any) -> Exception:
    """The exception ``action`` raises (a test failure if it returns)."""
    try:
        value = run_client(kind, url, action, **options)
    except Exception as exc:
        return exc
    raise AssertionError(f"expected an error, got {value!r}")
