"""One attempt of a request, sync or async: under one deadline, body streamed through the size cap.

The shells call :func:`attempt_sync` / :func:`attempt_async` instead of ``http.send``. Both work on any
httpx transport (they only use ``send(..., stream=True)`` and ``iter_raw``), and return what the retry
flow expects: the complete, decoded response, or a transport error (:class:`DeadlineExceeded` when the
attempt ran out of time). :class:`ResponseTooLargeError` and undecodable bodies are raised.

* async: the whole attempt runs in a cancel scope with the attempt's deadline (``anyio.fail_after``);
* sync, on the stdlib transport (the default): the attempt runs on the caller's thread; the transport
  cuts every wait (pool, connect, each send and receive) to the attempt's deadline (request extension
  :data:`~._stdlib_transport.DEADLINE`), so the attempt ends by then however the server trickles.
  Handing each attempt to another thread cost more CPU, through the GIL, than the attempt itself.
* sync, on any other transport: the attempt runs on a helper thread while the caller waits at most
  ``timeout``. When time is up
  the caller gets its timeout at once; the helper shuts the connection down (immediately once the
  response headers are in, else when its current socket operation ends, each bounded by ``timeout``).
  Helpers are long-lived and reused (:class:`_Helpers`): starting a thread per attempt cost more CPU
  than the rest of the attempt's own code. A helper is only handed an attempt while idle, so one stuck
  in an abandoned attempt never delays another; it ends after that attempt instead of going back.
"""

from __future__ import annotations

import contextlib
import os
import queue
import socket
import threading
import time
from typing import Protocol

import anyio
import httpx

from ._core.attempt import AttemptLimits, already_read, body_reader, deadline_exceeded
from ._core.body import decoded_response
from ._stdlib_transport import DEADLINE, honours_deadline

__all__ = ["attempt_async", "attempt_sync"]


def _shutdown_stream(stream: object) -> None:
    """Wake a thread blocked on a network stream: shut its socket down (when the transport exposes it)."""
    get_extra_info = getattr(stream, "get_extra_info", None)
    sock = get_extra_info("socket") if callable(get_extra_info) else None
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


_STREAM_EVENTS = frozenset({"connection.connect_tcp.complete", "connection.start_tls.complete"})
"""httpcore trace events whose ``return_value`` is the new connection's network stream."""


_IDLE_SECONDS = 10.0
"""How long an idle helper thread waits for its next attempt before it ends."""


class _Job(Protocol):
    """What a helper runs: a callable that says afterwards whether its caller gave up on it."""

    abandoned: bool

    def __call__(self) -> None: ...


class _Helpers:
    """Long-lived helper threads for sync attempts, each taking one attempt at a time.

    :meth:`start` hands the attempt to an idle helper, or starts a new one when none is idle: a helper
    busy (or stuck) with an attempt is never waited for. A helper names itself ``fv-attempt`` while it
    runs one and ``fv-attempt-idle`` while it waits; it ends after ``idle_seconds`` without work, and
    after an attempt whose caller gave up (that attempt's connection was shut down under it).
    """

    def __init__(self, idle_seconds: float = _IDLE_SECONDS) -> None:
        self.idle_seconds = idle_seconds
        self._lock = threading.Lock()
        self._idle: list[queue.SimpleQueue[_Job]] = []

    def start(self, run: _Job) -> None:
        """Run ``run`` on a helper thread now."""
        with self._lock:
            inbox = self._idle.pop() if self._idle else None
        if inbox is None:
            inbox = queue.SimpleQueue()
            threading.Thread(target=self._serve, args=(inbox,), name="fv-attempt", daemon=True).start()
        inbox.put(run)

    def _serve(self, inbox: queue.SimpleQueue[_Job]) -> None:
        thread = threading.current_thread()
        while True:
            try:
                run = inbox.get(timeout=self.idle_seconds)
            except queue.Empty:
                with self._lock:
                    if inbox in self._idle:  # else start() has just taken it: an attempt is on its way
                        self._idle.remove(inbox)
                        return
                continue
            thread.name = "fv-attempt"
            run()
            if run.abandoned:
                return
            thread.name = "fv-attempt-idle"
            with self._lock:
                self._idle.append(inbox)

    def forget(self) -> None:
        """Drop every idle helper (in a forked child: their threads do not exist there)."""
        self._lock = threading.Lock()
        self._idle = []


_HELPERS = _Helpers()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_HELPERS.forget)


_OUTER_TRACE = "futurevuls_ext.outer_trace"
"""Request extension keeping a ``trace`` hook the request came with, called after the attempt's own."""

_RUNNING = threading.local()
"""``run``: the attempt the current helper thread is running (transports call ``trace`` on it)."""


def _dispatch_trace(event: str, info: dict[str, object]) -> None:
    """The ``trace`` hook of every sync request: passes the event to the attempt of this thread."""
    run: _SyncRun | None = getattr(_RUNNING, "run", None)
    if run is not None:
        run.trace(event, info)


class _SyncRun:
    """One sync attempt on its helper thread."""

    def __init__(self, http: httpx.Client, request: httpx.Request, limits: AttemptLimits) -> None:
        self.http = http
        self.request = request
        self.limits = limits
        self.done = threading.Event()
        self.abandoned = False
        self.stream: object = None
        extensions = request.extensions
        if extensions.get("trace") is not _dispatch_trace:  # the first attempt of this request
            # a new dict, not an update: httpx hands the dict itself on to the transport
            request.extensions = {
                **extensions,
                "trace": _dispatch_trace,
                _OUTER_TRACE: extensions.get("trace"),
            }
        self.outer_trace = request.extensions.get(_OUTER_TRACE)
        self.response: httpx.Response | None = None
        self.result: httpx.Response | BaseException | None = None

    def trace(self, event: str, info: dict[str, object]) -> None:
        """The httpcore trace hook: keep a new connection's stream, so the wait for headers can be cut too."""
        if event in _STREAM_EVENTS:
            self.stream = info.get("return_value")
            if self.abandoned:
                _shutdown_stream(self.stream)
        if callable(self.outer_trace):
            self.outer_trace(event, info)

    def __call__(self) -> None:
        _RUNNING.run = self
        try:
            response = self.http.send(self.request, stream=True)
            self.response = response
            try:
                if already_read(response, self.limits):
                    self.result = response
                    return
                reader = body_reader(response, self.limits)
                for chunk in response.iter_raw():
                    if self.abandoned:
                        return
                    reader.feed(chunk)
                self.result = decoded_response(response, reader.finish())
            finally:
                response.close()
        except BaseException as exc:  # handed to the caller's thread
            self.result = exc
        finally:
            _RUNNING.run = None
            self.done.set()

    def abandon(self) -> None:
        """The caller gave up: stop reading and close the connection as soon as possible."""
        self.abandoned = True
        stream = self.response.extensions.get("network_stream") if self.response is not None else self.stream
        if stream is not None:
            _shutdown_stream(stream)


def attempt_sync(
    http: httpx.Client, request: httpx.Request, limits: AttemptLimits
) -> httpx.Response | httpx.TransportError:
    """Send ``request`` once; the complete decoded response, or the transport error."""
    if honours_deadline(http, request.url):
        return _attempt_inline(http, request, limits)
    run = _SyncRun(http, request, limits)
    _HELPERS.start(run)
    try:
        finished = run.done.wait(limits.timeout)
    except BaseException:  # Ctrl-C while waiting
        run.abandon()
        raise
    if not finished:
        run.abandon()
        return deadline_exceeded(request, limits.timeout)
    result = run.result
    if isinstance(result, httpx.TransportError | httpx.Response):
        return result
    assert result is not None
    raise result


def _attempt_inline(
    http: httpx.Client, request: httpx.Request, limits: AttemptLimits
) -> httpx.Response | httpx.TransportError:
    """The attempt on this thread, through a transport that ends it by its deadline."""
    deadline = time.monotonic() + limits.timeout
    request.extensions = {**request.extensions, DEADLINE: deadline}  # a new dict: this attempt's own
    response: httpx.Response | None = None
    try:
        response = http.send(request, stream=True)
        reader = body_reader(response, limits)
        for chunk in response.iter_raw():
            reader.feed(chunk)
        return decoded_response(response, reader.finish())
    except httpx.TimeoutException as exc:
        # a connect timeout stays one (the request was never sent); any other wait cut by the deadline
        # is the deadline's, as on the other transports
        late = time.monotonic() >= deadline and not isinstance(exc, httpx.ConnectTimeout)
        return deadline_exceeded(request, limits.timeout) if late else exc
    except httpx.TransportError as exc:
        return exc
    finally:
        if response is not None:
            response.close()


async def attempt_async(
    http: httpx.AsyncClient, request: httpx.Request, limits: AttemptLimits
) -> httpx.Response | httpx.TransportError:
    """Send ``request`` once; the complete decoded response, or the transport error."""
    response: httpx.Response | None = None
    # what anyio.fail_after does, without its two generator context managers per attempt
    scope = anyio.CancelScope(deadline=anyio.current_time() + limits.timeout)
    try:
        with scope:
            response = await http.send(request, stream=True)
            if already_read(response, limits):
                return response
            reader = body_reader(response, limits)
            async for chunk in response.aiter_raw():
                reader.feed(chunk)
            return decoded_response(response, reader.finish())
        # reached only when the scope cancelled the attempt, and only its deadline does that
        return deadline_exceeded(request, limits.timeout)
    except TimeoutError:
        return deadline_exceeded(request, limits.timeout)
    except httpx.TransportError as exc:
        return exc
    finally:
        if response is not None and not response.is_closed:  # a body read to its end is closed already
            with anyio.CancelScope(shield=True):
                await response.aclose()
