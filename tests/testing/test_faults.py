"""Fault injection: each kind, filters, counts, and determinism under the seed."""

from __future__ import annotations

import httpx
import pytest

from futurevuls_ext import ConfigError
from futurevuls_ext.testing import FakeFutureVuls, FaultConfig

from .conftest import make_client


def _statuses(faults: FaultConfig, n: int) -> list[int]:
    with FakeFutureVuls(faults=faults) as fake, make_client(fake) as http:
        out = []
        for _ in range(n):
            try:
                out.append(http.get("/v1/roles").status_code)
            except httpx.TransportError:
                out.append(0)
        return out


def test_latency_is_added_and_counted() -> None:
    with (
        FakeFutureVuls(faults=FaultConfig(latency=0.005, latency_jitter=0.005)) as fake,
        make_client(fake) as http,
    ):
        for _ in range(3):
            assert http.get("/v1/roles").status_code == 200
        assert fake.fault_counts == {"latency": 3}


def test_rate_limit_answers_429_with_retry_after_and_does_not_touch_state() -> None:
    with (
        FakeFutureVuls(faults=FaultConfig(script=("429",), retry_after=2)) as fake,
        make_client(fake) as http,
    ):
        refused = http.post("/v1/server/pseudo", json={"serverName": "p"})
        assert refused.status_code == 429
        assert refused.headers["Retry-After"] == "2"
        assert refused.json()["temporary"] is True
        assert fake.state.servers == {}
        assert http.post("/v1/server/pseudo", json={"serverName": "p"}).status_code == 200
        assert len(fake.state.servers) == 1
        posts = [r for r in fake.requests if r.method == "POST"]
        assert [(r.status, r.fault) for r in posts] == [(429, "rate_limit"), (200, None)]
        assert fake.fault_counts == {"rate_limit": 1}


def test_scripted_server_errors() -> None:
    assert _statuses(FaultConfig(script=("500", "502", "503", "ok")), 5) == [500, 502, 503, 200, 200]


def test_random_server_errors_come_in_bursts() -> None:
    statuses = _statuses(FaultConfig(seed=3, error_rate=0.15, error_burst=3, error_statuses=(502, 503)), 80)
    runs, current = [], 0
    for status in [*statuses, 200]:
        if status >= 500:
            current += 1
        elif current:
            runs.append(current)
            current = 0
    assert runs, "expected at least one burst with this seed"
    assert all(run >= 3 for run in runs[:-1] or runs)
    assert set(statuses) <= {200, 502, 503}


def test_dropped_connection_gets_no_response() -> None:
    with FakeFutureVuls(faults=FaultConfig(script=("drop",))) as fake, make_client(fake) as http:
        with pytest.raises(httpx.TransportError):
            http.get("/v1/roles")
        assert http.get("/v1/roles").status_code == 200
        assert (fake.requests[0].status, fake.requests[0].fault) == (0, "drop")
        assert fake.fault_counts == {"drop": 1}


def test_slow_body_arrives_complete() -> None:
    faults = FaultConfig(script=("slow_body",), slow_body_delay=0.005, slow_body_chunks=5)
    with FakeFutureVuls(faults=faults, dataset="demo") as fake, make_client(fake) as http:
        body = http.get("/v1/servers").json()
        assert body["paging"]["totalCount"] == len(fake.state.servers)
        assert fake.fault_counts == {"slow_body": 1}


def test_malformed_json_body() -> None:
    with FakeFutureVuls(faults=FaultConfig(script=("malformed_json",))) as fake, make_client(fake) as http:
        response = http.get("/v1/roles")
        assert response.status_code == 200
        with pytest.raises(ValueError, match=r"."):
            response.json()
        assert http.get("/v1/roles").json()["paging"]["totalCount"] == 1
        assert fake.fault_counts == {"malformed_json": 1}


def test_faults_apply_only_to_the_chosen_methods_and_paths() -> None:
    faults = FaultConfig(script=("503", "503"), methods=frozenset({"POST"}), paths=(r"^/v1/server/",))
    with FakeFutureVuls(faults=faults) as fake, make_client(fake) as http:
        assert http.get("/v1/servers").status_code == 200
        assert http.post("/v1/lockfile", json={}).status_code == 400  # POST, other path: untouched
        assert http.post("/v1/server/pseudo", json={"serverName": "a"}).status_code == 503
        assert http.post("/v1/server/pseudo", json={"serverName": "a"}).status_code == 503
        assert http.post("/v1/server/pseudo", json={"serverName": "a"}).status_code == 200
        assert fake.fault_counts == {"server_error": 2}


MIXED = {
    "rate_limit_rate": 0.1,
    "error_rate": 0.1,
    "error_burst": 2,
    "drop_rate": 0.05,
    "malformed_json_rate": 0.05,
    "retry_after": 0,
}


def test_same_seed_same_faults() -> None:
    first = _statuses(FaultConfig(seed=42, **MIXED), 60)  # type: ignore[arg-type]
    again = _statuses(FaultConfig(seed=42, **MIXED), 60)  # type: ignore[arg-type]
    other = _statuses(FaultConfig(seed=43, **MIXED), 60)  # type: ignore[arg-type]
    assert first == again
    assert first != other
    assert {429, 200} <= set(first)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"error_rate": 0.6, "drop_rate": 0.6},
        {"script": ("418",)},
        {"error_statuses": (404,)},
        {"drop_rate": 1.5},
    ],
)
def test_invalid_fault_config(kwargs: dict[str, object]) -> None:
    with pytest.raises((ConfigError, ValueError)):
        FaultConfig(**kwargs)  # type: ignore[arg-type]


def test_drop_after_apply_loses_the_answer_of_an_applied_post() -> None:
    with FakeFutureVuls(faults=FaultConfig(script=("drop_after_apply",))) as fake, make_client(fake) as http:
        with pytest.raises(httpx.TransportError):
            http.post("/v1/server/pseudo", json={"serverName": "p"})
        assert [s.name for s in fake.state.servers.values()] == ["p"]  # it happened
        assert (fake.requests[0].status, fake.requests[0].fault) == (0, "drop_after_apply")
        assert fake.fault_counts == {"drop_after_apply": 1}


@pytest.mark.parametrize(
    ("keyword", "value"),
    [("latency", -1), ("latency", float("nan")), ("latency", "1"), ("latency", True), ("error_rate", 2.0)],
)
def test_a_bad_fault_setting_is_a_config_error_naming_it(keyword: str, value: object) -> None:
    with pytest.raises(ConfigError, match=rf"FaultConfig\.{keyword} must be a number"):
        FaultConfig(**{keyword: value})  # type: ignore[arg-type]
