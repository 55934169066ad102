"""One action on this run's client (the root harness, ``both``) against a URL, so each test covers
``Client`` and ``AsyncClient`` on both transports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..harness import Both

__all__ = ["outcome", "run_client"]


async def run_client(both: Both, url: str, action: Callable[[Any], Any], **options: Any) -> Any:
    """``action(client)`` on a fresh client of this mode on ``url``, closed after; a listing as a list."""
    return await both.once(action, base_url=url, **options)


async def outcome(both: Both, url: str, action: Callable[[Any], Any], **options: Any) -> Exception:
    """The exception ``action`` raises (a test failure if it returns)."""
    try:
        value = await run_client(both, url, action, **options)
    except Exception as exc:
        return exc
    raise AssertionError(f"expected an error, got {value!r}")
