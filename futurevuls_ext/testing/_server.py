"""HTTP plumbing: a ThreadingHTTPServer on 127.0.0.1, the routing table, auth, faults, the request log."""

from __future__ import annotations

import contextlib
import json
import math
import re
import socket
import sys
import threading
import time
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Final
from urllib.parse import parse_qs, urlsplit

from attrs import frozen

from ..profile import ApiProfile, split_route
from . import (
    _external_scans,
    _handlers_groupset,
    _handlers_misc,
    _handlers_roles,
    _handlers_servers,
    _handlers_tasks,
)
from ._errors import HttpError, goa_body
from ._faults import FaultDecision, FaultInjector
from ._http import EMPTY, Handler, Request, Response
from ._state import FakeState, RequestRecord

__all__ = ["App", "FakeHTTPServer", "Route", "build_routes"]

OPEN_PATHS: Final = frozenset({"/health"})
MAX_BODY: Final = 64 * 1024 * 1024
_PARAM: Final = re.compile(r"\{([^}]+)\}")
_ERROR_NAMES: Final = {
    500: "internal_error",
    502: "bad_gateway",
    503: "service_unavailable",
    504: "gateway_timeout",
}


@frozen
class Route:
    """One route: method, compiled path pattern, handler."""

    method: str
    template: str
    pattern: re.Pattern[str]
    handler: Handler


def _route(method: str, template: str, handler: Handler) -> Route:
    regex = _PARAM.sub(
        lambda m: f"(?P<{m.group(1)}>[^/]+)", re.escape(template).replace(r"\{", "{").replace(r"\}", "}")
    )
    return Route(method, template, re.compile(f"^{regex}$"), handler)


def build_routes(profile: ApiProfile) -> list[Route]:
    """Every route the fake serves: the confirmed ones plus the profile's unconfirmed ones.

    The profile's routes come first, so an override wins; routes without parameters come before
    routes with parameters.
    """
    table: list[tuple[str, str, Handler]] = list(_external_scans.routes(profile))
    pseudo_method, pseudo_path = split_route(profile.pseudo_server_create)
    table.append((pseudo_method, pseudo_path, _handlers_servers.create_pseudo_server))
    if not _handlers_servers.same_route(profile.server_tags.update, "PUT", "/v1/server/{serverID}"):
        method, path = split_route(profile.server_tags.update)
        table.append((method, path, _handlers_servers.update_server_tags))
    if _handlers_servers.same_route(profile.role_ssvc.update, "PUT", "/v1/role/{roleID}"):
        table.append(("PUT", "/v1/role/{roleID}", _handlers_roles.update_role))
    else:
        method, path = split_route(profile.role_ssvc.update)
        table.append((method, path, _handlers_roles.update_role_ssvc_only))
        table.append(("PUT", "/v1/role/{roleID}", _handlers_roles.update_role_name_only))
    for module in (_handlers_misc, _handlers_servers, _handlers_roles, _handlers_tasks, _handlers_groupset):
        table.extend(module.ROUTES)
    routes = [_route(m, p, h) for m, p, h in table]
    return sorted(routes, key=lambda r: "{" in r.template)  # stable: literal routes first


class App:
    """What the request handler needs: state, routes, token, profile, faults."""

    def __init__(
        self,
        *,
        state: FakeState,
        token: str,
        profile: ApiProfile,
        faults: FaultInjector | None,
        strict: bool,
        log_limit: int | None = None,
    ) -> None:
        self.log_limit = log_limit
        self.state = state
        self.token = token
        self.profile = profile
        self.faults = faults
        self.strict = strict
        self.routes = build_routes(profile)

    def match(self, method: str, path: str) -> tuple[Route | None, dict[str, str], bool]:
        """The route for ``method path``, its parameters, and whether the path exists at all."""
        path_exists = False
        for route in self.routes:
            found = route.pattern.match(path)
            if found is None:
                continue
            path_exists = True
            if route.method == method:
                return route, found.groupdict(), True
        return None, {}, path_exists


class FakeHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server that can close its keep-alive connections when stopped."""

    daemon_threads = True
    block_on_close = True
    allow_reuse_address = True
    # socketserver's default backlog of 5 resets connections when a client opens dozens at once
    # (an import at concurrency 32); a real API front end accepts far more.
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], app: App) -> None:
        self.app = app
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore clients that went away; print anything else."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)

    def close_connections(self) -> None:
        """Shut every open client connection, so handler threads end."""
        with self.connections_lock:
            for conn in list(self.connections):
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    timeout = 120
    server: FakeHTTPServer
    server_version = "FakeFutureVuls"
    sys_version = ""

    def setup(self) -> None:
        super().setup()
        with self.server.connections_lock:
            self.server.connections.add(self.connection)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        with self.server.connections_lock:
            self.server.connections.discard(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the request log is in ``state.requests``."""

    def do_GET(self) -> None:
        self._handle()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    def _read_body(self) -> bytes | None:
        """The request body; None (and the connection closed) when it is malformed or too large."""
        try:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                chunks: list[bytes] = []
                total = 0
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                    total += size
                    if size == 0 or total > MAX_BODY:
                        self.rfile.readline()
                        return b"".join(chunks) if total <= MAX_BODY else None
                    chunks.append(self.rfile.read(size))
                    self.rfile.readline()
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return None
        if length > MAX_BODY or length < 0:
            return None
        return self.rfile.read(length) if length > 0 else b""

    def _handle(self) -> None:
        app = self.server.app
        split = urlsplit(self.path)
        path = split.path
        query = parse_qs(split.query, keep_blank_values=True)
        raw = self._read_body()
        if raw is None:
            self.close_connection = True
            self._send(
                Response(
                    status=413,
                    body=goa_body("request_too_large", f"body over {MAX_BODY} bytes or unreadable framing"),
                ),
                None,
            )
            return
        body, problem = _decode_body(raw)
        authorized = self.headers.get("Authorization") == app.token
        decision = app.faults.decide(self.command, path) if app.faults is not None else FaultDecision()
        if decision.latency:
            time.sleep(decision.latency)

        def record(status: int, fault: str | None) -> None:
            self._record(path=path, query=query, body=body, status=status, fault=fault, authorized=authorized)

        if decision.kind == "drop":
            record(0, "drop")
            self._drop()
            return
        if decision.kind in ("rate_limit", "server_error"):
            response = self._fault_response(decision)
            record(response.status, decision.kind)
            self._send(response, None)
            return
        response = self._dispatch(
            app=app, path=path, query=query, body=body, problem=problem, authorized=authorized
        )
        if decision.kind == "drop_after_apply":
            record(0, "drop_after_apply")  # applied (or refused) as usual; the answer is lost
            self._drop()
            return
        record(response.status, decision.kind)
        self._send(response, decision)

    def _drop(self) -> None:
        """Close the connection without an answer."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _fault_response(self, decision: FaultDecision) -> Response:
        if decision.kind == "rate_limit":
            retry = str(self.server.app.faults.config.retry_after) if self.server.app.faults else "1"
            return Response(
                status=429,
                headers={"Retry-After": retry},
                body=goa_body("rate_limit", "too many requests (injected fault)", temporary=True),
            )
        name = _ERROR_NAMES.get(decision.status, "internal_error")
        return Response(
            status=decision.status,
            body=goa_body(
                name, f"{decision.status} (injected fault)", fault=True, temporary=decision.status != 500
            ),
        )

    def _dispatch(
        self,
        *,
        app: App,
        path: str,
        query: dict[str, list[str]],
        body: Any,
        problem: str | None,
        authorized: bool,
    ) -> Response:
        route, params, path_exists = app.match(self.command, path)
        try:
            if not (route is not None and path in OPEN_PATHS) and not authorized:
                raise HttpError(
                    401,
                    "unauthorized",
                    "invalid token: send the raw API token in the Authorization header (no 'Bearer' prefix)",
                )
            if route is None:
                if path_exists:
                    raise HttpError(405, "method_not_allowed", f"{self.command} is not allowed on {path}")
                raise HttpError(404, "not_found", f"no route for {self.command} {path}")
            if problem is not None:
                raise HttpError(400, "bad_request", f"request body is not valid JSON: {problem}")
            request = Request(
                method=self.command,
                path=path,
                query=query,
                body=body,
                params=params,
                profile=app.profile,
                strict=app.strict,
            )
            with app.state.lock:
                return route.handler(app.state, request)
        except HttpError as exc:
            return Response(status=exc.status, body=goa_body(exc.name, exc.message), headers=exc.headers)
        except Exception:
            traceback.print_exc(file=sys.stderr)
            return Response(status=500, body=goa_body("internal_error", "fake server bug", fault=True))

    def _record(
        self,
        *,
        path: str,
        query: dict[str, list[str]],
        body: Any,
        status: int,
        fault: str | None,
        authorized: bool,
    ) -> None:
        state = self.server.app.state
        entry = RequestRecord(
            method=self.command,
            path=path,
            query=query,
            body=body,
            status=status,
            fault=fault,
            authorized=authorized,
        )
        with state.lock:
            state.requests.append(entry)
            limit = self.server.app.log_limit
            if limit is not None and len(state.requests) > limit:
                del state.requests[: len(state.requests) - limit]

    def _send(self, response: Response, decision: FaultDecision | None) -> None:
        payload = b"" if response.body is EMPTY else _dumps(response.body)
        kind = decision.kind if decision is not None else None
        if kind == "malformed_json":
            payload = (payload or b"{}")[: max(1, len(payload) // 2)] + b"\x00{"
        headers = {"Server": self.server_version, "Date": self.date_time_string()}
        if response.body is not EMPTY or kind == "malformed_json":
            headers["Content-Type"] = "application/json"
        headers["Content-Length"] = str(len(payload))
        headers.update(response.headers)
        head = f"{self.protocol_version} {response.status} {HTTPStatus(response.status).phrase}\r\n"
        head += "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
        if kind != "slow_body" or self.server.app.faults is None:
            self.wfile.write(head.encode("latin-1") + payload)  # one send: no small-packet stalls
            return
        self.wfile.write(head.encode("latin-1"))
        config = self.server.app.faults.config
        step = max(1, -(-len(payload) // config.slow_body_chunks))
        for start in range(0, len(payload), step):
            self.wfile.write(payload[start : start + step])
            self.wfile.flush()
            time.sleep(config.slow_body_delay)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number {text[:40]} out of range")  # Go: cannot unmarshal into float64
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"invalid character {name[0]!r} looking for beginning of value")  # as Go says


def _decode_body(raw: bytes) -> tuple[Any, str | None]:
    """The JSON request body (None when empty) and what is wrong with it, as Go's decoder would see it.

    Refused like the real API refuses them: invalid JSON, ``NaN``/``Infinity``, numbers out of float range,
    and nesting too deep to decode (Go stops at 10,000 levels; this fake where Python's decoder does).
    A refused body is kept as text for the request log.
    """
    if not raw:
        return None, None
    try:
        return json.loads(raw, parse_float=_finite, parse_constant=_no_constant), None
    except RecursionError:
        problem = "exceeded max depth"
    except ValueError as exc:
        problem = str(exc)[:200]
    return raw.decode("utf-8", "replace"), problem


def _dumps(body: Any) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
