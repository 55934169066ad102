"""Retry decisions as pure code: ``RetryPolicy`` and the ``retry_flow`` generator both shells drive.

``retry_flow`` yields an ``httpx.Request`` to send (the shell sends it and sends back the response, or the
transport exception) or a ``float`` number of seconds to sleep (the shell sleeps and sends back None). It
returns the final response; it raises our errors for failures that are not retried.
"""

from __future__ import annotations

import email.utils
import random
from collections.abc import Callable, Generator
from datetime import UTC, datetime
from typing import Final

import httpx
from attrs import frozen

from .._exceptions import APIConnectionError, APITimeoutError
from .attempt import DeadlineExceeded
from .redact import get_logger
from .response import status_error

__all__ = ["Outcome", "RetryPolicy", "Step", "parse_retry_after", "retry_flow"]

logger = get_logger("futurevuls_ext.retry")

Outcome = httpx.Response | httpx.TransportError | None
Step = httpx.Request | float

_NOT_SENT: Final = (httpx.ConnectError, httpx.ConnectTimeout)


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date; None if absent/bad."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now or datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())


@frozen(kw_only=True)
class RetryPolicy:
    """When and how long to wait before sending a request again.

    Idempotent requests (GET, PUT, DELETE, or marked ``retry_safe``) are retried on every status in
    ``retry_statuses``, on connection errors and on timeouts. A POST is retried only when the API
    cannot have acted on it: a 429 answer, or a connection that was never established.

    Attributes:
        max_retries: retries after the first attempt (0 disables retrying).
        retry_statuses: statuses retried (429 for every method; the others for idempotent requests).
        backoff_base: first backoff delay in seconds, doubled each retry.
        backoff_max: cap of the exponential backoff.
        max_retry_after: a ``Retry-After`` longer than this raises ``RateLimitError`` instead of sleeping.
        jitter: fraction of the delay added at random (0.25 = up to +25 %).
    """

    max_retries: int = 3
    retry_statuses: frozenset[int] = frozenset({429, 502, 503, 504})
    backoff_base: float = 0.5
    backoff_max: float = 8.0
    max_retry_after: float = 120.0
    jitter: float = 0.25

    def backoff(self, attempt: int, rand: Callable[[], float] = random.random) -> float:
        """Exponential backoff with jitter for retry number ``attempt`` (0-based)."""
        base = min(self.backoff_base * (2.0**attempt), self.backoff_max)
        return base * (1.0 + self.jitter * rand())

    def delay(
        self,
        attempt: int,
        outcome: httpx.Response | httpx.TransportError,
        *,
        idempotent: bool,
        now: datetime | None = None,
        rand: Callable[[], float] = random.random,
    ) -> float | None:
        """Seconds to wait before retry ``attempt``, or None when the outcome is final.

        Raises:
            RateLimitError: on a 429 whose ``Retry-After`` exceeds ``max_retry_after``.
        """
        if isinstance(outcome, httpx.Response):
            if outcome.status_code not in self.retry_statuses:
                return None
            retry_after = parse_retry_after(outcome.headers.get("Retry-After"), now=now)
            if retry_after is not None and retry_after > self.max_retry_after:
                raise status_error(outcome, retry_after=retry_after)
            # A 429 is the API refusing the request without acting on it, so even a POST may be resent;
            # after a 5xx the API may have acted, so only idempotent requests are.
            refused_unprocessed = outcome.status_code == 429
            if not (idempotent or refused_unprocessed) or attempt >= self.max_retries:
                return None
            return retry_after if retry_after is not None else self.backoff(attempt, rand)
        # A connect failure never reached the server: safe to resend even a POST.
        if attempt >= self.max_retries or not (idempotent or isinstance(outcome, _NOT_SENT)):
            return None
        return self.backoff(attempt, rand)


def _transport_error(exc: httpx.TransportError, request: httpx.Request) -> APIConnectionError:
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    if isinstance(exc, DeadlineExceeded):
        what = f"timed out: {exc}"
    else:
        what = "timed out" if cls is APITimeoutError else f"failed ({type(exc).__name__}: {exc})"
    return cls(f"{request.method} {request.url} {what}", method=request.method, url=str(request.url))


def retry_flow(
    policy: RetryPolicy,
    request: httpx.Request,
    *,
    idempotent: bool,
    now: Callable[[], datetime] | None = None,
    rand: Callable[[], float] = random.random,
) -> Generator[Step, Outcome, httpx.Response]:
    """Drive one request through its retries; see the module docstring for the protocol."""
    attempt = 0
    while True:
        outcome = yield request
        if outcome is None:
            raise RuntimeError("retry_flow expects a response or a transport error after a request")
        delay = policy.delay(attempt, outcome, idempotent=idempotent, now=now() if now else None, rand=rand)
        if delay is None:
            if isinstance(outcome, httpx.TransportError):
                raise _transport_error(outcome, request) from outcome
            return outcome
        what = outcome.status_code if isinstance(outcome, httpx.Response) else type(outcome).__name__
        if what == 429:  # the API asked us to slow down: worth a warning
            logger.warning(
                "rate limited: %s %s answered 429; waiting %.1fs (retry %d of %d)",
                request.method,
                request.url,
                delay,
                attempt + 1,
                policy.max_retries,
            )
        else:
            logger.info(
                "retrying %s %s after %s in %.2fs (retry %d of %d)",
                request.method,
                request.url,
                what,
                delay,
                attempt + 1,
                policy.max_retries,
            )
        attempt += 1
        yield delay
