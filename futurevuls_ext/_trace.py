"""Request traces: one JSON line per HTTP attempt, token redacted, to attach to a bug report.

``Client(trace="fv-trace.jsonl")`` (or a writable text stream, or ``--trace FILE`` on the command line)
writes, for every attempt the client makes::

    {"time": "...", "attempt": 1, "method": "GET", "path": "/v1/servers?page=1&limit=100",
     "request_headers": {...}, "request_body": null, "status": 200, "response_headers": {...},
     "response_body": "...", "elapsed_ms": 12.3, "decision": "done"}

``decision`` is what the client did next: ``done``, ``retry in 0.52 s``, ``retry``, or ``raised`` and
the error it raised. Bodies are cut at :data:`BODY_LIMIT` characters. The token, and every
piece of it anywhere in a header or a body (a server echoing it in an error), is masked by the one
redaction helper (:mod:`futurevuls_ext._core.redact`).

The shells stay unaware of the format: they hand :meth:`Tracer.wrap` their retry flow, and the wrapper
watches the requests it yields, the outcomes sent back and the step that follows each outcome.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
from collections.abc import Generator
from pathlib import Path
from typing import IO, Any, Final, TypeVar

import httpx

from ._core.redact import MASK, Redactor
from ._core.response import loads, status_error
from ._exceptions import ConfigError

__all__ = ["BODY_LIMIT", "TraceTarget", "Tracer", "open_tracer"]

BODY_LIMIT: Final = 8192
"""Characters of a request or response body kept in a trace line; the rest is cut (and said so)."""
_SHOWN_REQUEST_HEADERS: Final = ("content-type", "user-agent", "accept")
_SHOWN_RESPONSE_HEADERS: Final = (
    "content-type",
    "content-length",
    "date",
    "retry-after",
    "x-request-id",
    "server",
)

TraceTarget = str | os.PathLike[str] | IO[str]
"""Where a trace goes: a file path (appended to) or a writable text stream."""

R = TypeVar("R")


def _cut(text: str) -> str:
    if len(text) <= BODY_LIMIT:
        return text
    return f"{text[:BODY_LIMIT]}... [cut: {len(text) - BODY_LIMIT} more characters]"


def _body(content: bytes) -> Any:
    """A JSON body as its value (when short enough), any other body as (cut) text; None when empty."""
    if not content:
        return None
    text = content.decode("utf-8", "replace")
    if len(text) <= BODY_LIMIT:
        try:
            return loads(text)  # hostile bodies (deep nesting, NaN, 1e999) stay text
        except ValueError:
            pass
    return _cut(text)


def _response_body(response: httpx.Response) -> Any:
    try:
        return _body(response.content)
    except httpx.ResponseNotRead:
        return "[body not read]"


def _final(response: Any) -> str:
    """The decision for the last attempt: ``done``, or the status error the client raises for it."""
    if not isinstance(response, httpx.Response) or response.is_success:
        return "done"
    error = status_error(response)
    return f"raised {type(error).__name__}: {error}"


def _headers(headers: httpx.Headers, names: tuple[str, ...]) -> dict[str, str]:
    return {name: headers[name] for name in names if name in headers}


class Tracer:
    """Writes one redacted JSON line per attempt to a text stream (thread-safe).

    Args:
        stream: where the lines go; flushed after each line.
        secrets: strings to mask (the API token).
        owned: close ``stream`` on :meth:`close` (a file the tracer opened).
    """

    def __init__(self, stream: IO[str], secrets: list[str], *, owned: bool = False) -> None:
        self._stream = stream
        self._redactor = Redactor(secrets)
        self._owned = owned
        self._lock = threading.Lock()

    def record(
        self,
        *,
        request: httpx.Request,
        outcome: httpx.Response | BaseException,
        attempt: int,
        elapsed_ms: float,
        decision: str,
    ) -> None:
        """Write the line of one attempt."""
        line: dict[str, Any] = {
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "attempt": attempt,
            "method": request.method,
            "path": request.url.raw_path.decode("ascii", "replace"),
            "request_headers": {
                **_headers(request.headers, _SHOWN_REQUEST_HEADERS),
                **({"authorization": MASK} if "authorization" in request.headers else {}),
            },
            "request_body": _body(request.content),
        }
        if isinstance(outcome, httpx.Response):
            line["status"] = outcome.status_code
            line["response_headers"] = _headers(outcome.headers, _SHOWN_RESPONSE_HEADERS)
            line["response_body"] = _response_body(outcome)
        else:
            line["status"] = None
            line["error"] = f"{type(outcome).__name__}: {outcome}"
        line["elapsed_ms"] = round(elapsed_ms, 1)
        line["decision"] = decision
        text = json.dumps(self._redactor.value(line), ensure_ascii=False, default=str)
        with self._lock:
            self._stream.write(text + "\n")
            self._stream.flush()

    def wrap(self, flow: Generator[Any, Any, R]) -> Generator[Any, Any, R]:
        """``flow`` (a retry flow yielding requests and sleeps), tracing every request it yields."""
        attempt = 0
        sent: Any = None
        pending: tuple[httpx.Request, float] | None = None
        while True:
            try:
                step = flow.send(sent)
            except StopIteration as done:
                if pending is not None:
                    self._finish(pending, sent, attempt, _final(done.value))
                return done.value  # type: ignore[no-any-return]
            except BaseException as exc:
                if pending is not None:
                    self._finish(pending, sent, attempt, f"raised {type(exc).__name__}: {exc}")
                raise
            if pending is not None:
                decision = f"retry in {step:.2f} s" if isinstance(step, int | float) else "retry"
                self._finish(pending, sent, attempt, decision)
                pending = None
            if isinstance(step, httpx.Request):
                attempt += 1
                pending = (step, time.monotonic())
            sent = yield step

    def _finish(
        self, pending: tuple[httpx.Request, float], outcome: Any, attempt: int, decision: str
    ) -> None:
        request, started = pending
        if not isinstance(outcome, httpx.Response | BaseException):
            return
        self.record(
            request=request,
            outcome=outcome,
            attempt=attempt,
            elapsed_ms=(time.monotonic() - started) * 1000.0,
            decision=decision,
        )

    def close(self) -> None:
        """Close the file the tracer opened (a stream given by the caller stays open)."""
        if self._owned:
            self._stream.close()


def open_tracer(target: TraceTarget | None, secrets: list[str]) -> Tracer | None:
    """A :class:`Tracer` for ``target`` (a path is opened for appending now), or None.

    Raises:
        ConfigError: the trace file cannot be opened for writing, or the stream is not writable,
            before any request is sent.
    """
    if target is None:
        return None
    if isinstance(target, str | os.PathLike):
        path = Path(target)
        try:
            stream: IO[str] = path.open("a", encoding="utf-8")
        except OSError as exc:
            raise ConfigError(
                f"cannot write the trace file {str(path)!r}: {exc.strerror or exc}; "
                "pass trace= a writable path or stream"
            ) from None
        return Tracer(stream, secrets, owned=True)
    if not callable(getattr(target, "write", None)) or not callable(getattr(target, "flush", None)):
        raise ConfigError(f"trace= must be a path or a writable text stream, got {type(target).__name__}")
    writable = getattr(target, "writable", None)
    if callable(writable) and not writable():
        raise ConfigError("the trace stream given as trace= is not writable")
    return Tracer(target, secrets)
