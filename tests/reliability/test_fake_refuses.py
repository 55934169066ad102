"""Issue 15.18: the fake refuses what the real API would, so users' tests against it catch the mistake.

A deeply nested (or otherwise undecodable) JSON body gets a goa-style 400 on a connection that stays
usable, never a traceback; CVE ids and integers with non-ASCII digits, integers past Go's int64 and
unknown user ids (assignee 999) are refused with 400.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import futurevuls_ext as fv
from futurevuls_ext.testing import FakeFutureVuls

from ..harness import Both
from ._clients import outcome, run_client

pytestmark = pytest.mark.anyio

GOA_KEYS = {"name", "id", "message", "temporary", "timeout", "fault"}
DEPTH = 100_000


@pytest.fixture
def fake() -> Iterator[FakeFutureVuls]:
    with FakeFutureVuls() as running:
        running.add_user("alice", user_id=1)
        server = running.add_server("web-1")
        running.add_task(server, "CVE-2024-1000", status="new")
        yield running


def _task_id(fake: FakeFutureVuls) -> int:
    return next(iter(fake.state.tasks.values())).id


def http_client(fake: FakeFutureVuls) -> httpx.Client:
    return httpx.Client(base_url=fake.url, headers={"Authorization": fake.token}, timeout=10)


BAD_BODIES = {
    "deep_array": b"[" * DEPTH + b"]" * DEPTH,
    "deep_object": b'{"a":' * DEPTH + b"1" + b"}" * DEPTH,
    "nan": b'{"status": NaN}',
    "infinity": b'{"priority": Infinity}',
    "overflowing_number": b'{"mainUserID": 1e999}',
    "not_json": b"{status: new}",
    "invalid_utf8": b'{"status": "\xff"}',
}


@pytest.mark.parametrize("case", sorted(BAD_BODIES))
def test_an_undecodable_body_is_a_goa_400(
    case: str, fake: FakeFutureVuls, capfd: pytest.CaptureFixture[str]
) -> None:
    task_id = _task_id(fake)
    with http_client(fake) as http:
        answer = http.put(
            f"/v1/task/{task_id}", content=BAD_BODIES[case], headers={"Content-Type": "application/json"}
        )
        assert answer.status_code == 400, answer.text[:300]
        body = answer.json()
        assert set(body) == GOA_KEYS and body["name"] == "bad_request"
        assert "not valid JSON" in body["message"]
        assert http.get("/health").json() is True  # the connection (and the server) carry on
    assert "Traceback" not in capfd.readouterr().err


INVALID_PATHS = {
    "fullwidth_server_id": "/v1/server/\uff11",
    "arabic_indic_server_id": "/v1/server/\u0661",
    "superscript_task_id": "/v1/task/\u00b9",
    "beyond_int64": "/v1/server/99999999999999999999",
    "five_thousand_digits": "/v1/server/" + "9" * 5000,
}


@pytest.mark.parametrize("case", sorted(INVALID_PATHS))
def test_non_ascii_or_huge_integers_are_400(
    case: str, fake: FakeFutureVuls, capfd: pytest.CaptureFixture[str]
) -> None:
    with http_client(fake) as http:
        answer = http.get(INVALID_PATHS[case])
    assert answer.status_code == 400, (answer.status_code, answer.text[:300])
    assert answer.json()["name"] == "invalid_field_type"
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize(
    "cve_id",
    ["CVE-\uff12\uff10\uff11\uff18-15919", "CVE-2018-\u0661\u0665\u0669\u0661\u0669", "CVE-2018-1591\u00b9"],
)
def test_non_ascii_cve_ids_are_refused(cve_id: str, fake: FakeFutureVuls) -> None:
    server_id = next(iter(fake.state.servers))
    with http_client(fake) as http:
        answer = http.post("/v1/externalScan", json={"serverID": server_id, "name": "x", "cveIDs": [cve_id]})
    assert answer.status_code == 400, answer.text
    assert answer.json()["name"] == "invalid_pattern"
    assert not fake.state.external_scans


@pytest.mark.parametrize("field", ["main_user_id", "sub_user_id"])
async def test_an_unknown_assignee_is_refused(both: Both, field: str, fake: FakeFutureVuls) -> None:
    task_id = _task_id(fake)
    exc = await outcome(
        both, fake.url, lambda c: c.tasks.update(task_id, **{field: 999}), api_token=fake.token
    )
    assert isinstance(exc, fv.BadRequestError), repr(exc)
    assert "no such user" in str(exc)


async def test_an_unknown_default_user_is_refused(both: Both, fake: FakeFutureVuls) -> None:
    server_id = next(iter(fake.state.servers))
    exc = await outcome(
        both, fake.url, lambda c: c.servers.update(server_id, default_user_id=999), api_token=fake.token
    )
    assert isinstance(exc, fv.BadRequestError), repr(exc)


async def test_a_known_assignee_is_accepted(both: Both, fake: FakeFutureVuls) -> None:
    task_id = _task_id(fake)
    task: Any = await run_client(
        both, fake.url, lambda c: c.tasks.update(task_id, main_user_id=1), api_token=fake.token
    )
    assert task.main_user_id == 1
