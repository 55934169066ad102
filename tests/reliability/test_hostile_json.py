"""Issue 15.3: any body the SDK cannot decode (100k nested brackets, ``1e999``, ``NaN``, a huge integer,
invalid UTF-8, a paging envelope of junk) becomes ``ResponseValidationError`` for a 2xx and the
``APIStatusError`` of the status otherwise, never a bare Python error; the CLI shows no traceback.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import futurevuls_ext as fv

from ..harness import Both
from ._clients import outcome, run_client
from ._measure import HANG_GUARD_SECONDS, child_env
from ._raw_server import RawRequest, RawServer, json_answer, serving
from ._samples import SAMPLES

pytestmark = pytest.mark.anyio

TOKEN = "fvgr-json-tests-0123456789"
DEPTH = 100_000

HOSTILE: dict[str, bytes] = {
    "deep_array": b"[" * DEPTH + b"]" * DEPTH,
    "deep_object": b'{"a":' * DEPTH + b"1" + b"}" * DEPTH,
    "deep_unclosed": b"[" * DEPTH,
    "deep_but_short": b"[" * 4000 + b"]" * 4000,  # under a trace's 8 KiB body cut: decoded there too
    "deep_in_a_message": b'{"message": ' + b"[" * DEPTH + b"]" * DEPTH + b"}",
    "overflowing_number": b'{"servers": [], "paging": {"totalPage": 1e999}}',
    "negative_overflow": b'{"message": -1e999}',
    "nan": b'{"servers": [], "paging": {"totalPage": NaN}}',
    "infinity": b'{"servers": [Infinity]}',
    "huge_integer": b'{"servers": [], "paging": {"totalPage": ' + b"9" * 100_000 + b"}}",
    "invalid_utf8": b'{"servers": ["\xff\xfe\xc3("]}',
    "lone_surrogate": b'{"message": "\\ud800 bad \\udfff"}',
}
PAGING_JUNK: dict[str, Any] = {
    "total_page_bool": {"totalPage": True},
    "total_page_fraction": {"totalPage": 2.5},
    "total_page_text": {"totalPage": "many"},
    "total_page_fullwidth": {"totalPage": "\uff12"},
    "page_object": {"page": {"n": 1}, "totalPage": 2},
}
STATUS_CLASSES = {400: fv.BadRequestError, 401: fv.AuthenticationError, 503: fv.ServerError}


def list_servers(client: Any) -> Any:
    return client.servers.list()


def _routed(sock: socket.socket, request: RawRequest) -> None:
    """``/<status>/<case>/...`` answers HOSTILE[case] (or a paging case) with that status."""
    _, status, case, *_ = request.path.split("/")
    if case in HOSTILE:
        body = HOSTILE[case]
    else:
        paging = {"page": 1, "limit": 100, "offset": 0, "totalCount": 1, **PAGING_JUNK[case]}
        body = json.dumps({"servers": [], "paging": paging}).encode()
    json_answer(int(status), body)(sock, request)


@pytest.fixture(scope="module")
def server() -> Iterator[RawServer]:
    """One server for the whole module, routed by the base URL's path."""
    with serving(_routed, lifetime=600) as running:
        yield running


def url(server: RawServer, status: int, case: str) -> str:
    return f"{server.url}/{status}/{case}"


NOT_HOSTILE_IN_2XX = {"lone_surrogate"}  # valid JSON; a listing without "servers" is an empty page


@pytest.mark.parametrize("case", sorted(set(HOSTILE) - NOT_HOSTILE_IN_2XX))
async def test_a_hostile_2xx_body_is_a_response_validation_error(
    both: Both, case: str, server: RawServer
) -> None:
    exc = await outcome(both, url(server, 200, case), list_servers, api_token=TOKEN)
    assert isinstance(exc, fv.ResponseValidationError), f"{type(exc).__name__}: {str(exc)[:300]}"
    assert len(str(exc)) < 2000  # the message quotes a few bytes, not the body


@pytest.mark.parametrize("status", sorted(STATUS_CLASSES))
@pytest.mark.parametrize("case", sorted(HOSTILE))
async def test_a_hostile_error_body_keeps_its_status(
    both: Both, status: int, case: str, server: RawServer
) -> None:
    exc = await outcome(both, url(server, status, case), list_servers, api_token=TOKEN, max_retries=0)
    assert isinstance(exc, STATUS_CLASSES[status]), f"{type(exc).__name__}: {str(exc)[:300]}"
    assert exc.status_code == status
    str(exc).encode("utf-8")  # printable: no lone surrogates left in the message
    assert len(str(exc)) < 2000


@pytest.mark.parametrize("case", sorted(PAGING_JUNK))
async def test_a_junk_paging_envelope_is_a_response_validation_error(
    both: Both, case: str, server: RawServer
) -> None:
    exc = await outcome(both, url(server, 200, case), list_servers, api_token=TOKEN)
    assert isinstance(exc, fv.ResponseValidationError), repr(exc)
    assert "$.paging." in str(exc)


async def test_a_deep_but_decodable_value_is_not_a_bare_error(both: Both) -> None:
    """Nesting the JSON decoder accepts, inside a model field: a decoding error at most."""
    deep = "[" * 500 + "]" * 500
    body = f'{{"id": 1, "serverName": {deep}, "serverUuid": {deep}}}'.encode()
    with serving(json_answer(200, body)) as server:
        exc = await outcome(
            both, server.url, lambda c: c.servers.get(1), api_token=TOKEN, strict_responses=True
        )
    assert isinstance(exc, fv.ResponseValidationError), repr(exc)


@pytest.mark.parametrize("status", [200, 401, 500])
def test_the_cli_shows_no_traceback(status: int, tmp_path: Path) -> None:
    report = tmp_path / "scan.nessus"
    report.write_bytes(SAMPLES["nessus"])
    with serving(json_answer(status, HOSTILE["deep_array"])) as server:
        proc = subprocess.run(
            [sys.executable, "-m", "futurevuls_ext", "import", str(report), "--base-url", server.url],
            capture_output=True,
            text=True,
            env=child_env(FUTUREVULS_API_TOKEN=TOKEN),
            timeout=HANG_GUARD_SECONDS,
            check=False,
        )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert "RecursionError" not in proc.stderr
    assert proc.returncode == 4, proc.stderr[-2000:]


@pytest.mark.parametrize("status", [200, 400])
async def test_a_trace_of_a_hostile_body_is_written(
    both: Both, status: int, server: RawServer, tmp_path: Path
) -> None:
    trace = tmp_path / "trace.jsonl"
    exc = await outcome(
        both, url(server, status, "deep_but_short"), list_servers, api_token=TOKEN, trace=str(trace)
    )
    assert isinstance(exc, fv.APIError), repr(exc)
    lines = trace.read_text(encoding="utf-8").splitlines()
    assert lines and all(json.loads(line)["status"] == status for line in lines)


async def test_doctor_survives_hostile_bodies(both: Both, server: RawServer) -> None:
    report = await run_client(both, url(server, 200, "deep_but_short"), lambda c: c.doctor(), api_token=TOKEN)
    assert report is not None
