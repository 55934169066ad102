"""Fault injection: latency, 429, 5xx bursts, dropped connections, slow bodies, malformed JSON.

Deterministic: the n-th request that matches the filter gets the n-th decision drawn
from ``random.Random(seed)``, so a sequential client sees the same faults on every run.

Faults that refuse a request (429, 5xx, drop) are decided *before* the request touches the state, so
the state shows only what was really served; slow bodies and malformed JSON corrupt the answer of a
request that *was* applied (a client that retries a POST after one creates a duplicate — which is
what the request log is for).
"""

from __future__ import annotations

import math
import random
import re
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any, Final

from attrs import Attribute, field, frozen

from .._exceptions import ConfigError

__all__ = ["FAULT_KINDS", "FaultConfig", "FaultDecision", "FaultInjector"]

FAULT_KINDS: Final = (
    "latency",
    "rate_limit",
    "server_error",
    "drop",
    "drop_after_apply",
    "slow_body",
    "malformed_json",
)
_SCRIPT_ALIASES: Final[Mapping[str, tuple[str | None, int]]] = {
    "": (None, 0),
    "ok": (None, 0),
    "none": (None, 0),
    "429": ("rate_limit", 429),
    "rate_limit": ("rate_limit", 429),
    "500": ("server_error", 500),
    "502": ("server_error", 502),
    "503": ("server_error", 503),
    "504": ("server_error", 504),
    "server_error": ("server_error", 500),
    "drop": ("drop", 0),
    "drop_after_apply": ("drop_after_apply", 0),
    "slow_body": ("slow_body", 200),
    "malformed_json": ("malformed_json", 200),
}


def _number(low: float, high: float | None = None) -> Callable[[object, Attribute[Any], object], None]:
    """An attrs validator: a real number (not a bool) in ``low..high``, else a ConfigError naming it."""
    span = f"from {low} to {high}" if high is not None else f">= {low}"

    def check(_instance: object, attribute: Attribute[Any], value: object) -> None:
        top = high if high is not None else math.inf
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not number or not low <= value <= top:  # type: ignore[operator]  # number: value is int | float
            raise ConfigError(f"FaultConfig.{attribute.name} must be a number {span}, not {value!r}")

    return check


_rate = _number(0.0, 1.0)


def _check_script(instance: object, attribute: object, value: tuple[str, ...]) -> None:
    unknown = [v for v in value if v not in _SCRIPT_ALIASES]
    if unknown:
        raise ConfigError(
            f"FaultConfig.script: unknown fault(s) {unknown}; use one of {sorted(_SCRIPT_ALIASES)}"
        )


@frozen(kw_only=True)
class FaultConfig:
    """What to inject, how often, and where. Rates are probabilities per matching request.

    Example::

        FaultConfig(seed=7, rate_limit_rate=0.1, retry_after=0, error_rate=0.05, error_burst=3,
                    methods=frozenset({"GET"}))
        FaultConfig(script=("429", "503", "ok"))   # exactly these answers for the first 3 requests
    """

    seed: int = 0
    """Seed of the fault generator."""
    latency: float = field(default=0.0, validator=_number(0.0))
    """Seconds added before every matching request is answered."""
    latency_jitter: float = field(default=0.0, validator=_number(0.0))
    """Up to this many more seconds, drawn uniformly."""
    rate_limit_rate: float = field(default=0.0, validator=_rate)
    """Probability of a 429 answer."""
    retry_after: int = field(default=1, validator=_number(0))
    """The 429's ``Retry-After`` header, in seconds."""
    error_rate: float = field(default=0.0, validator=_rate)
    """Probability that a burst of server errors starts at this request."""
    error_burst: int = field(default=1, validator=_number(1))
    """Consecutive matching requests answered with a server error once a burst starts."""
    error_statuses: tuple[int, ...] = (500, 502, 503)
    """Statuses a burst draws from."""
    drop_rate: float = field(default=0.0, validator=_rate)
    """Probability of closing the connection without answering (the request is not applied)."""
    drop_after_apply_rate: float = field(default=0.0, validator=_rate)
    """Probability of applying the request, then closing the connection without answering (a lost
    response: the client cannot tell whether its POST happened)."""
    slow_body_rate: float = field(default=0.0, validator=_rate)
    """Probability of sending the body in pieces with pauses."""
    slow_body_delay: float = field(default=0.05, validator=_number(0.0))
    """Pause between pieces of a slow body, in seconds."""
    slow_body_chunks: int = field(default=4, validator=_number(1))
    """Number of pieces of a slow body."""
    malformed_json_rate: float = field(default=0.0, validator=_rate)
    """Probability of a 200 whose JSON body is cut short."""
    script: tuple[str, ...] = field(default=(), validator=_check_script)
    """Faults for the first matching requests, in order (``"429"``, ``"503"``, ``"drop"``, ``"ok"``...),
    before the random rates apply."""
    methods: frozenset[str] | None = None
    """Only requests with these methods (None: all)."""
    paths: tuple[str, ...] | None = None
    """Only paths matching one of these regular expressions (``re.search``; None: all)."""

    def __attrs_post_init__(self) -> None:
        total = self.rate_limit_rate + self.error_rate + self.drop_rate + self.slow_body_rate
        total += self.drop_after_apply_rate
        if total + self.malformed_json_rate > 1.0:
            raise ConfigError("FaultConfig: the fault rates add up to more than 1")
        if any(not 500 <= s <= 599 for s in self.error_statuses) or not self.error_statuses:
            raise ConfigError(f"FaultConfig.error_statuses must be 5xx codes, got {self.error_statuses}")


@frozen(kw_only=True)
class FaultDecision:
    """The fault (if any) for one request."""

    kind: str | None = None
    status: int = 0
    latency: float = 0.0


class FaultInjector:
    """Draws decisions for matching requests and counts what it injected (thread-safe)."""

    def __init__(self, config: FaultConfig) -> None:
        self.config = config
        self._rng = random.Random(config.seed)
        self._lock = threading.Lock()
        self._script = list(config.script)
        self._burst_left = 0
        self._paths = [re.compile(p) for p in config.paths] if config.paths is not None else None
        self.counts: Counter[str] = Counter()

    def matches(self, method: str, path: str) -> bool:
        """Whether faults apply to this request."""
        if self.config.methods is not None and method not in self.config.methods:
            return False
        return self._paths is None or any(p.search(path) for p in self._paths)

    def decide(self, method: str, path: str) -> FaultDecision:
        """The next decision for this request (no fault when it does not match)."""
        if not self.matches(method, path):
            return FaultDecision()
        config = self.config
        with self._lock:
            latency = config.latency + (
                self._rng.uniform(0, config.latency_jitter) if config.latency_jitter else 0
            )
            kind, status = self._draw()
            if latency > 0:
                self.counts["latency"] += 1
            if kind is not None:
                self.counts[kind] += 1
        return FaultDecision(kind=kind, status=status, latency=latency)

    def _draw(self) -> tuple[str | None, int]:
        config = self.config
        if self._script:
            return _SCRIPT_ALIASES[self._script.pop(0)]
        if self._burst_left > 0:
            self._burst_left -= 1
            return "server_error", self._rng.choice(config.error_statuses)
        roll = self._rng.random()
        for kind, rate in (
            ("rate_limit", config.rate_limit_rate),
            ("server_error", config.error_rate),
            ("drop", config.drop_rate),
            ("drop_after_apply", config.drop_after_apply_rate),
            ("slow_body", config.slow_body_rate),
            ("malformed_json", config.malformed_json_rate),
        ):
            if roll < rate:
                if kind == "server_error":
                    self._burst_left = config.error_burst - 1
                    return kind, self._rng.choice(config.error_statuses)
                return kind, 429 if kind == "rate_limit" else (0 if kind.startswith("drop") else 200)
            roll -= rate
        return None, 0
