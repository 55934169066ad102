from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from futurevuls_ext import APIConnectionError, APITimeoutError, RateLimitError
from futurevuls_ext._core.retry import RetryPolicy, parse_retry_after, retry_flow

NOW = datetime(2026, 11, 22, 12, 0, 0, tzinfo=UTC)
REQ = httpx.Request("GET", "https://rest.vuls.biz/v1/servers")


def resp(status: int, retry_after: str | None = None, request: httpx.Request = REQ) -> httpx.Response:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return httpx.Response(status, headers=headers, request=request)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("3", 3.0),
        ("0", 0.0),
        ("2.5", 2.5),
        ("-4", 0.0),
        ("Sun, 22 Nov 2026 12:00:30 GMT", 30.0),
        ("Sun, 22 Nov 2026 11:59:00 GMT", 0.0),
        ("Sun, 22 Nov 2026 12:05:00 GMT", 300.0),
        ("soon", None),
    ],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header, now=NOW) == expected


def no_jitter() -> float:
    return 0.0


@pytest.mark.parametrize(
    ("status", "header", "idempotent", "attempt", "expected"),
    [
        (429, "7", True, 0, 7.0),
        (429, None, True, 0, 0.5),
        (503, None, True, 1, 1.0),
        (502, None, True, 2, 2.0),
        (504, None, True, 10, None),  # retries exhausted (max_retries=3 by default)
        (500, None, True, 0, None),  # 500 is not retried
        (404, None, True, 0, None),
        (503, None, False, 0, None),  # a POST is not resent after a 5xx: the API may have acted on it
        (429, "2", False, 0, 2.0),  # ... but a 429 means it did not
        (429, "Sun, 22 Nov 2026 12:00:10 GMT", True, 0, 10.0),
    ],
)
def test_delay_table(
    status: int, header: str | None, idempotent: bool, attempt: int, expected: float | None
) -> None:
    policy = RetryPolicy()
    assert (
        policy.delay(attempt, resp(status, header), idempotent=idempotent, now=NOW, rand=no_jitter)
        == expected
    )


def test_backoff_is_capped_and_jittered() -> None:
    policy = RetryPolicy(backoff_base=0.5, backoff_max=8.0, jitter=0.25)
    assert policy.backoff(10, rand=no_jitter) == 8.0
    assert policy.backoff(10, rand=lambda: 1.0) == 10.0
    assert policy.backoff(0, rand=lambda: 0.5) == pytest.approx(0.5 * 1.125)


@pytest.mark.parametrize("idempotent", [True, False])
def test_retry_after_over_the_cap_raises_rate_limit(idempotent: bool) -> None:
    policy = RetryPolicy(max_retry_after=120)
    with pytest.raises(RateLimitError) as info:
        policy.delay(0, resp(429, "600"), idempotent=idempotent, now=NOW)
    assert info.value.retry_after == 600.0
    assert info.value.status_code == 429


def test_connection_errors_retry_idempotent_and_unsent_posts_only() -> None:
    policy = RetryPolicy()
    read_error = httpx.ReadError("reset")
    connect_error = httpx.ConnectError("refused")
    assert policy.delay(0, read_error, idempotent=True, rand=no_jitter) == 0.5
    assert policy.delay(0, read_error, idempotent=False, rand=no_jitter) is None
    assert policy.delay(0, connect_error, idempotent=False, rand=no_jitter) == 0.5


def drive(flow: object, outcomes: list[httpx.Response | httpx.TransportError]) -> tuple[list[object], object]:
    """Run a retry flow against scripted outcomes; return the steps seen and the result (or exception)."""
    steps: list[object] = []
    gen = flow
    assert hasattr(gen, "send")
    queue = list(outcomes)
    outcome: object = None
    while True:
        try:
            step = gen.send(outcome)
        except StopIteration as done:
            return steps, done.value
        except Exception as exc:
            return steps, exc
        steps.append(step)
        outcome = queue.pop(0) if isinstance(step, httpx.Request) else None


def test_flow_retries_then_succeeds() -> None:
    flow = retry_flow(RetryPolicy(), REQ, idempotent=True, rand=no_jitter)
    steps, result = drive(flow, [resp(503), resp(429, "1"), resp(200)])
    assert [s if isinstance(s, float) else "send" for s in steps] == ["send", 0.5, "send", 1.0, "send"]
    assert isinstance(result, httpx.Response)
    assert result.status_code == 200


def test_flow_returns_last_response_when_exhausted() -> None:
    flow = retry_flow(RetryPolicy(max_retries=1), REQ, idempotent=True, rand=no_jitter)
    steps, result = drive(flow, [resp(503), resp(503)])
    assert isinstance(result, httpx.Response)
    assert result.status_code == 503
    assert len([s for s in steps if isinstance(s, httpx.Request)]) == 2


@pytest.mark.parametrize(
    ("error", "expected"),
    [(httpx.ReadTimeout("slow"), APITimeoutError), (httpx.ReadError("reset"), APIConnectionError)],
)
def test_flow_maps_transport_errors(error: httpx.TransportError, expected: type[Exception]) -> None:
    flow = retry_flow(RetryPolicy(max_retries=0), REQ, idempotent=True)
    _, result = drive(flow, [error])
    assert type(result) is expected
