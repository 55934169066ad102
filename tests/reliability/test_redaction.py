"""Issue 15.6: a server that echoes the token (body, reason phrase, header, a value that fails to decode)
never gets it into an exception, a log line or the CLI's output; partial echoes count too.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import futurevuls_ext as fv
from futurevuls_ext._core.redact import MASK, Redactor, redact_text

from ..harness import Both
from ._capture import capture_logs, describe_exception, leaks
from ._clients import outcome, run_client
from ._measure import HANG_GUARD_SECONDS, child_env
from ._raw_server import Responder, json_answer, serving
from ._samples import SAMPLES

pytestmark = pytest.mark.anyio

TOKEN = f"fvgr-{secrets.token_hex(20)}"

ECHOES: dict[str, Responder] = {
    "401_json_message": json_answer(
        401, json.dumps({"message": f"invalid token {TOKEN}", "id": TOKEN}).encode()
    ),
    "401_text_body": json_answer(401, f"bad Authorization: {TOKEN}".encode()),
    "401_reason_phrase": json_answer(401, b"", reason=f"Unauthorized {TOKEN}"),
    "403_request_id_header": json_answer(403, b"{}", {"X-Request-Id": TOKEN}),
    "400_partial_echo": json_answer(400, json.dumps({"message": f"token {TOKEN[:20]}... is bad"}).encode()),
    "422_nested_body": json_answer(
        422, json.dumps({"error": {"message": TOKEN, "detail": [[{"t": TOKEN}]]}}).encode()
    ),
    "503_after_retries": json_answer(503, json.dumps({"message": TOKEN}).encode()),
    "200_not_json": json_answer(200, f"{TOKEN} <html>".encode()),
    "200_value_fails_decode": json_answer(200, json.dumps({"id": TOKEN, "serverName": TOKEN}).encode()),
}


def check_clean(text: str, where: str) -> None:
    assert leaks(TOKEN, text) == [], f"the token leaks into {where}: {leaks(TOKEN, text)}"


@pytest.mark.parametrize("case", sorted(ECHOES))
async def test_an_echoed_token_is_in_no_exception_or_log(both: Both, case: str) -> None:
    with serving(ECHOES[case]) as server, capture_logs() as logs:
        retry = fv.RetryPolicy(max_retries=1, backoff_base=0.01)
        exc = await outcome(both, server.url, lambda c: c.servers.get(1), api_token=TOKEN, retry=retry)
    assert isinstance(exc, fv.APIError), describe_exception(exc)
    assert server.requests and server.requests[0].headers["authorization"] == TOKEN  # it was sent
    text = describe_exception(exc)
    check_clean(text, "the exception")
    check_clean(repr(getattr(exc, "body", None)), "the exception's body")
    check_clean(logs.text, "the logs")
    if case != "200_value_fails_decode":  # cattrs names the field, not the value
        assert MASK in text, "the echoed token should be replaced by the mask"


def test_the_cli_prints_no_echoed_token(tmp_path: Path) -> None:
    report = tmp_path / "scan.nessus"
    report.write_bytes(SAMPLES["nessus"])
    with serving(ECHOES["401_json_message"]) as server:
        proc = subprocess.run(
            [sys.executable, "-m", "futurevuls_ext", "import", str(report), "--base-url", server.url],
            capture_output=True,
            text=True,
            env=child_env(FUTUREVULS_API_TOKEN=TOKEN),
            timeout=HANG_GUARD_SECONDS,
            check=False,
        )
    assert proc.returncode == 4, proc.stderr
    assert "401" in proc.stderr
    check_clean(proc.stdout + proc.stderr, "the CLI output")


# --- the helper itself --------------------------------------------------------------------------------


def test_redactor_masks_whole_and_partial_secrets() -> None:
    redactor = Redactor([TOKEN])
    assert redactor.text(f"a {TOKEN} b") == f"a {MASK} b"
    assert redactor.text(f"{TOKEN}{TOKEN}") == MASK
    assert redactor.text(f"x{TOKEN[5:25]}y") == f"x{MASK}y"
    assert redactor.text(TOKEN[:11]) == TOKEN[:11]  # shorter than a piece: not recognisable
    clean = "nothing to see"
    assert redactor.text(clean) is clean
    assert redact_text(f"[{TOKEN}]", [TOKEN]) == f"[{MASK}]"
    assert Redactor(["short"]).text("a short word") == "a short word"  # under MIN_SECRET: ignored


def test_redactor_walks_a_hostile_value_without_recursion() -> None:
    deep: Any = TOKEN
    for _ in range(100_000):
        deep = [deep]
    clean = Redactor([TOKEN]).value({"k": deep, TOKEN: (TOKEN, 1)})
    assert clean[MASK] == [MASK, 1]
    check_clean(repr(clean), "a redacted deep value")  # cut at MAX_DEPTH: repr-safe again


def test_redactor_cleans_the_exception_chain() -> None:
    def raise_chain() -> None:
        try:
            raise ValueError(f"inner {TOKEN}")
        except ValueError as inner:
            error = fv.APIStatusError(f"outer {TOKEN}", status_code=401, body={"m": TOKEN}, request_id=TOKEN)
            error.add_note(f"note {TOKEN}")
            raise error from inner

    redactor = Redactor([TOKEN])
    with pytest.raises(fv.APIStatusError) as caught, redactor.guard():
        raise_chain()
    check_clean(describe_exception(caught.value), "a redacted exception chain")
    assert caught.value.status_code == 401


async def test_logs_of_the_http_library_are_filtered(both: Both) -> None:
    """httpx logs the reason phrase at INFO; a client's token is masked there too."""
    action: Callable[[Any], Any] = lambda c: c.health()  # noqa: E731 - both clients
    with serving(json_answer(200, b"true", reason=f"OK {TOKEN}")) as server, capture_logs() as logs:
        assert await run_client(both, server.url, action, api_token=TOKEN) is True
    assert any(line.startswith("httpx ") for line in logs.lines)
    check_clean(logs.text, "httpx's log lines")
