"""FakeFutureVuls: the fake server's public face (start/stop, url/token, state, seeding, faults)."""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self

from .._exceptions import ConfigError
from ..profile import ApiProfile
from ._faults import FaultConfig, FaultInjector
from ._seeding import Seeder
from ._server import App, FakeHTTPServer
from ._state import FakeState, RequestRecord

__all__ = ["FakeFutureVuls"]

HOST = "127.0.0.1"


class FakeFutureVuls(Seeder):
    """A FutureVuls API on loopback: real HTTP over real sockets, state in memory.

    Args:
        token: the API token clients must send (raw, in ``Authorization``); random when None.
        port: TCP port on 127.0.0.1; 0 picks a free one.
        dataset: ``"demo"``, a mapping, or a path to a JSON/TOML dataset file (see ``load_dataset``).
        profile: the :class:`~futurevuls_ext.ApiProfile` whose unconfirmed routes and keys to serve
            (defaults when None).
        faults: a :class:`FaultConfig` to inject latency, 429s, 5xx bursts, drops, slow or bad bodies.
        strict: reject unknown body keys and query parameters with 400 (default), to catch client typos.
        log_limit: keep only the newest this many entries of the request log (None: keep all).

    Use it as a context manager::

        with FakeFutureVuls(dataset="demo") as fake:
            client = fv.Client(fake.token, base_url=fake.url)
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        port: int = 0,
        dataset: str | os.PathLike[str] | Mapping[str, Any] | None = None,
        profile: ApiProfile | None = None,
        faults: FaultConfig | None = None,
        strict: bool = True,
        log_limit: int | None = None,
    ) -> None:
        if token is not None and (not isinstance(token, str) or not token.strip()):
            raise ConfigError("FakeFutureVuls token must be a non-empty string (or None for a random one)")
        if profile is not None and not isinstance(profile, ApiProfile):
            raise ConfigError(f"FakeFutureVuls profile= must be an ApiProfile, not {type(profile).__name__}")
        self.token = token if token is not None else f"fvgr-fake-{secrets.token_hex(12)}"
        self.port = _whole_number("port", port, low=0, high=65535, hint="0 picks a free one")
        if log_limit is not None:
            _whole_number("log_limit", log_limit, low=0, high=None, hint="None keeps every entry")
        self.profile = profile if profile is not None else ApiProfile()
        self.faults = faults
        self.strict = strict
        self.log_limit = log_limit
        self.state = FakeState()
        self._injector = FaultInjector(faults) if faults is not None else None
        self._server: FakeHTTPServer | None = None
        self._thread: threading.Thread | None = None
        if dataset is not None:
            from ._dataset import load_dataset

            load_dataset(self, dataset)

    def __repr__(self) -> str:
        where = self.url if self._server is not None else "stopped"
        return f"<FakeFutureVuls {where} servers={len(self.state.servers)} tasks={len(self.state.tasks)}>"

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:54321`` (no trailing slash). Only while running."""
        if self._server is None:
            raise ConfigError("FakeFutureVuls is not running: call start() or use it in a with block")
        return f"http://{HOST}:{self._server.server_address[1]}"

    @property
    def requests(self) -> list[RequestRecord]:
        """A copy of the request log, oldest first."""
        with self.state.lock:
            return list(self.state.requests)

    @property
    def fault_counts(self) -> dict[str, int]:
        """How many faults of each kind were injected (``rate_limit``, ``server_error``, ``drop``...)."""
        return dict(self._injector.counts) if self._injector is not None else {}

    def start(self) -> Self:
        """Bind the port and serve in a daemon thread; returns self."""
        if self._server is not None:
            return self
        app = App(
            state=self.state,
            token=self.token,
            profile=self.profile,
            faults=self._injector,
            strict=self.strict,
            log_limit=self.log_limit,
        )
        try:
            self._server = FakeHTTPServer((HOST, self.port), app)
        except OSError as exc:
            raise ConfigError(f"FakeFutureVuls cannot listen on {HOST}:{self.port}: {exc}") from exc
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="FakeFutureVuls",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close every connection and join the threads. Safe to call twice."""
        server, thread = self._server, self._thread
        if server is None:
            return
        server.shutdown()
        server.close_connections()
        server.server_close()
        if thread is not None:
            thread.join()
        self._server = self._thread = None

    def serve_forever(self) -> None:
        """Start (if needed) and block until interrupted (Ctrl-C), then stop."""
        self.start()
        try:
            threading.Event().wait()
        finally:
            self.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def _whole_number(name: str, value: object, *, low: int, high: int | None, hint: str) -> int:
    """``value`` as a whole number in ``low..high``, else a ConfigError naming the argument."""
    span = f"from {low} to {high}" if high is not None else f"of at least {low}"
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or value < low
        or (high is not None and value > high)
    ):
        raise ConfigError(f"FakeFutureVuls {name}= must be a whole number {span} ({hint}), not {value!r}")
    return value
