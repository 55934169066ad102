"""Issue 15.1: ``timeout`` bounds one attempt end to end (connect + send + whole body), sync and async,
whatever the server trickles; retries add only their backoff.

The bounds asserted are generous (several times the timeout): they catch "minutes instead of seconds",
not speed. A trickled answer here would take 100+ seconds to arrive in full.
"""

from __future__ import annotations

import threading
import time

import pytest

import futurevuls_ext as fv

from ..harness import Both
from ._clients import outcome, run_client
from ._raw_server import http_head, json_answer, serving, trickle

pytestmark = pytest.mark.anyio

TIMEOUT = 0.5
SLACK = 4.0
"""Seconds allowed on top of the timeouts and backoffs: a loaded CI machine, thread start-up."""

BODY = b'{"servers": [], "paging": {"page": 1, "limit": 100, "offset": 0, "totalCount": 0, "totalPage": 0}}'
HEAD = http_head(200, {"Content-Type": "application/json", "Content-Length": str(len(BODY) + 1000)})
TRICKLES = {
    "body_one_byte_at_a_time": trickle(HEAD, BODY + b" " * 1000, every=0.1, head_at_once=True),
    "headers_one_byte_at_a_time": trickle(HEAD, BODY, every=0.1),
    "headers_then_silence": trickle(HEAD, b" ", every=30.0, head_at_once=True),
}
BODY_TRICKLE = TRICKLES["body_one_byte_at_a_time"]


def attempt_threads() -> int:
    return sum(1 for t in threading.enumerate() if t.name == "fv-attempt")


@pytest.mark.parametrize("case", sorted(TRICKLES))
async def test_a_trickling_server_cannot_stretch_one_attempt(both: Both, case: str) -> None:
    with serving(TRICKLES[case]) as server:
        started = time.monotonic()
        exc = await outcome(
            both, server.url, lambda c: c.servers.list(), api_token="t" * 20, timeout=TIMEOUT, max_retries=0
        )
        elapsed = time.monotonic() - started
    assert isinstance(exc, fv.APITimeoutError), repr(exc)
    # the deadline's own message, or httpx's per-read timeout when that fires first (same bound)
    assert "timed out" in str(exc)
    assert elapsed < TIMEOUT + SLACK, f"one attempt took {elapsed:.1f}s with timeout={TIMEOUT}"


async def test_retries_add_only_their_backoff(both: Both) -> None:
    """Two retries: three attempts of at most ``timeout`` each, plus backoffs of 0.2 s and 0.4 s (+25 %)."""
    with serving(BODY_TRICKLE) as server:
        started = time.monotonic()
        policy = fv.RetryPolicy(max_retries=2, backoff_base=0.2)
        exc = await outcome(
            both, server.url, lambda c: c.servers.list(), api_token="t" * 20, timeout=0.3, retry=policy
        )
        elapsed = time.monotonic() - started
        assert len(server.requests) == 3
    assert isinstance(exc, fv.APITimeoutError)
    backoff = (0.2 + 0.4) * 1.25
    assert elapsed < 3 * 0.3 + backoff + SLACK, f"{elapsed:.1f}s"


@pytest.mark.parametrize("case", sorted(TRICKLES))
def test_an_abandoned_sync_attempt_lets_go_of_its_connection(case: str) -> None:
    """The helper thread is woken (its new connection shut down) and ends; nothing keeps reading."""
    with serving(TRICKLES[case]) as server:
        client = fv.Client("t" * 20, base_url=server.url, timeout=0.5, max_retries=0)
        try:
            with pytest.raises(fv.APITimeoutError):
                list(client.servers.list())
            ends = time.monotonic() + 3  # the client stays open: closing it would end the thread anyway
            while attempt_threads() and time.monotonic() < ends:
                time.sleep(0.05)
            assert attempt_threads() == 0
        finally:
            client.close()


async def test_a_post_that_ran_out_of_time_is_not_resent(both: Both) -> None:
    """The API may have acted on it: a deadline overrun is not a refused connection."""
    with serving(BODY_TRICKLE) as server:
        exc = await outcome(
            both,
            server.url,
            lambda c: c.servers.create_pseudo("x"),
            api_token="t" * 20,
            timeout=0.5,
            max_retries=3,
        )
        assert len(server.requests) == 1
    assert isinstance(exc, fv.APITimeoutError)


async def test_a_prompt_answer_is_unaffected(both: Both) -> None:
    with serving(json_answer(200, BODY)) as server:
        assert (
            await run_client(
                both, server.url, lambda c: c.servers.list(), api_token="t" * 20, timeout=TIMEOUT
            )
            == []
        )


@pytest.mark.parametrize("timeout", [0, -1, float("nan"), float("inf"), True])
def test_a_timeout_must_be_a_finite_positive_number(timeout: float) -> None:
    with pytest.raises(fv.ConfigError, match="timeout"):
        fv.Client("t" * 20, timeout=timeout)


async def test_the_deadline_error_says_what_timeout_bounds(both: Both) -> None:
    with serving(BODY_TRICKLE) as server:
        exc = await outcome(
            both, server.url, lambda c: c.servers.list(), api_token="t" * 20, timeout=0.5, max_retries=0
        )
    assert isinstance(exc, fv.APITimeoutError)
    assert "timeout=0.5s" in str(exc) and "whole body" in str(exc), str(exc)
