"""The user's API token is in no log line (any level, httpx/httpcore too), repr, exception or CLI output.

A distinctive token is used for the fake server, so a leak anywhere is found by plain substring search
(and by any 12-character piece of it, so partial leaks count too).
"""

from __future__ import annotations

import io
import json
import secrets
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import anyio
import pytest

import futurevuls_ext as fv
from futurevuls_ext._transport import HttpBackend
from futurevuls_ext.parsers import parse_report
from futurevuls_ext.testing import FakeFutureVuls, FaultConfig

from ._capture import capture_logs, describe_exception, leaks
from ._importing import make_report, seed_servers
from ._measure import HANG_GUARD_SECONDS, child_env
from ._samples import SAMPLES

pytestmark = pytest.mark.integration

TOKEN = f"fvgr-{secrets.token_hex(20)}"
"""The user's token (the fake accepts it)."""
WRONG = f"fvgr-{secrets.token_hex(20)}"
"""A token the fake rejects: still the user's secret."""
SECRETS = (TOKEN, WRONG)
ASYNC_BACKENDS: tuple[HttpBackend, ...] = ("httpx", "aiohttp")


def assert_clean(text: str, where: str) -> None:
    for secret in SECRETS:
        assert leaks(secret, text) == [], f"the API token leaks into {where}"


@pytest.fixture
def fake() -> Iterator[FakeFutureVuls]:
    faults = FaultConfig(script=("429", "503", "drop", "slow_body", "malformed_json"), retry_after=0)
    with FakeFutureVuls(TOKEN, faults=faults) as running:
        seed_servers(running)
        yield running


def exercise_sync(url: str, texts: list[str]) -> None:
    """Successful calls, retried faults, and every kind of failure, with Client."""
    with fv.Client(TOKEN, base_url=url, max_retries=4) as client:
        texts += [repr(client), str(client), repr(client.profile), repr(vars(client))]
        texts += [repr(getattr(client, "_settings", None)), repr(getattr(client._settings, "config", None))]
        for call in (client.health, lambda: list(client.servers.list()), lambda: client.servers.get(999_999)):
            try:
                texts.append(repr(call()))
            except fv.FutureVulsError as exc:
                texts.append(describe_exception(exc))
        result = client.import_report(make_report(pseudo=2), create_pseudo_servers=True)
        texts += [
            repr(result),
            str(result),
            json.dumps(result.to_dict() if hasattr(result, "to_dict") else ""),
        ]
        scans = list(client.external_scans.list())
        texts.append(repr(scans))
    for token, base in ((WRONG, url), (TOKEN, "http://127.0.0.1:9"), (TOKEN, url)):
        with fv.Client(token, base_url=base, max_retries=0, timeout=5) as client:
            try:
                client.servers.get(12345)
            except fv.FutureVulsError as exc:
                texts.append(describe_exception(exc))
    try:
        fv.Client(TOKEN, base_url="http://example.invalid")  # plain http off loopback: refused
    except fv.FutureVulsError as exc:
        texts.append(describe_exception(exc))


async def exercise_async(url: str, texts: list[str], backend: HttpBackend) -> None:
    """The same with AsyncClient on the ``backend`` transport."""
    async with fv.AsyncClient(TOKEN, base_url=url, max_retries=4, http_backend=backend) as client:
        texts += [repr(client), str(client), repr(vars(client))]
        texts.append(repr([s async for s in client.servers.list()]))
        result = await client.import_report(make_report(shift=1), concurrency=4)
        texts += [repr(result), str(result)]
    for token, base in ((WRONG, url), (TOKEN, "http://127.0.0.1:9")):
        async with fv.AsyncClient(
            token, base_url=base, max_retries=1, timeout=5, http_backend=backend
        ) as client:
            try:
                await client.servers.get(1)
            except fv.FutureVulsError as exc:
                texts.append(describe_exception(exc))


def test_token_is_in_no_log_repr_or_exception(fake: FakeFutureVuls) -> None:
    texts: list[str] = []
    with capture_logs() as logs:
        exercise_sync(fake.url, texts)
        for backend in ASYNC_BACKENDS:
            anyio.run(exercise_async, fake.url, texts, backend)
        try:
            parse_report(io.BytesIO(b"\x00garbage"))
        except fv.ParseError as exc:
            texts.append(describe_exception(exc))
    assert len(logs.lines) > 5, "nothing was logged: the capture is not working"
    assert any(line.startswith("httpx ") for line in logs.lines), "httpx's request lines were not captured"
    assert sum("Exception" in t or "Error" in t for t in texts) >= 5  # the failures really happened
    assert_clean(logs.text, "the logs")
    assert_clean("\n".join(texts), "a repr or an exception")


def test_the_capture_would_see_a_leak() -> None:
    """Guard against a vacuous test: a token logged or raised is found, even cut short."""
    with capture_logs() as logs:
        import logging

        # not "httpx": the SDK's RedactingFilter sits there now and would (rightly) mask it
        logging.getLogger("tests.capture").debug("Authorization: %s", TOKEN[3:20])
    assert leaks(TOKEN, logs.text)
    assert leaks(TOKEN, describe_exception(ValueError(f"bad token {TOKEN}")))


def run_cli(*args: str, token: str = TOKEN) -> tuple[int, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "futurevuls_ext", *args],
        capture_output=True,
        text=True,
        env=child_env(FUTUREVULS_API_TOKEN=token, PYTHONWARNINGS="always", PYTHONDEVMODE="1"),
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )
    return proc.returncode, proc.stdout + proc.stderr


def test_token_is_in_no_cli_output(fake: FakeFutureVuls, tmp_path: Path) -> None:
    """Successful and failing ``import`` runs; ``fake`` (scripted faults) gives one failing run too."""
    report = tmp_path / "scan.nessus"
    report.write_bytes(SAMPLES["nessus"].replace(b"10.0.0.", b"10.2.0."))
    broken = tmp_path / "broken.nessus"
    broken.write_bytes(SAMPLES["nessus"][:200])
    with FakeFutureVuls(TOKEN) as clean:
        seed_servers(clean)
        url = clean.url
        runs = [
            run_cli("import", str(report), "--base-url", url),
            run_cli("import", str(report), "--base-url", url, "--json"),
            run_cli("import", str(report), "--base-url", url, "--dry-run", "--json"),
        ]
        failing = [
            ("import", str(report), "--base-url", url, "--json", WRONG),
            ("import", str(broken), "--base-url", url, TOKEN),
            ("import", str(tmp_path / "missing.nessus"), "--base-url", url, TOKEN),
            ("import", str(report), "--base-url", "http://example.invalid", TOKEN),
            ("import", str(report), "--base-url", fake.url, "--create-pseudo-servers", TOKEN),
        ]
        with ThreadPoolExecutor(max_workers=len(failing)) as pool:  # independent runs
            runs += pool.map(lambda a: run_cli(*a[:-1], token=a[-1]), failing)
    codes = [code for code, _ in runs]
    assert codes[:3] == [0, 0, 0], runs[:3]
    assert all(code != 0 for code in codes[3:7]), runs
    for code, output in runs:
        assert_clean(output, f"CLI output (exit {code})")


MALFORMED = {
    "newline": f"{TOKEN[:20]}\n{TOKEN[20:]}",  # e.g. two lines pasted into the variable
    "nul": f"{TOKEN[:20]}\x00{TOKEN[20:]}",
    "non_ascii": f"{TOKEN[:20]}\u00e9{TOKEN[20:]}",  # a lookalike character
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_token_is_refused_without_echoing_it(case: str) -> None:
    """A token that cannot travel in a header fails with our error, and the error does not show it."""
    token = MALFORMED[case]
    error: BaseException | None = None
    with capture_logs() as logs, FakeFutureVuls(TOKEN) as clean:
        try:
            with fv.Client(token, base_url=clean.url, max_retries=0) as client:
                list(client.servers.list())
        except Exception as exc:  # any type: the assertions below say which are acceptable
            error = exc
    assert error is not None, "a token with a control or non-ASCII character was sent"
    text = describe_exception(error) + logs.text
    for piece in (TOKEN[:20], TOKEN[20:]):
        assert leaks(piece, text) == [], f"the token leaks into {type(error).__name__}: {error}"
    assert isinstance(error, fv.FutureVulsError), f"{type(error).__name__} escaped: {error}"


def test_malformed_token_is_not_echoed_by_the_cli(tmp_path: Path) -> None:
    report = tmp_path / "scan.nessus"
    report.write_bytes(SAMPLES["nessus"])
    with FakeFutureVuls(TOKEN) as clean, ThreadPoolExecutor(max_workers=len(MALFORMED)) as pool:
        runs = list(
            pool.map(
                lambda token: run_cli("import", str(report), "--base-url", clean.url, token=token),
                [MALFORMED["newline"], MALFORMED["non_ascii"]],  # NUL cannot be put in an environment
            )
        )
    for code, output in runs:
        assert code != 0
        assert_clean(output, f"CLI output (exit {code})")
        assert "Traceback" not in output
