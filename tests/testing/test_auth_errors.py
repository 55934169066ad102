"""Auth (raw token, no Bearer), /health open, goa-style error bodies, 404/405, strict keys."""

from __future__ import annotations

import httpx
import pytest

from futurevuls_ext.testing import FakeFutureVuls

GOA_KEYS = {"name", "id", "message", "temporary", "timeout", "fault"}


def test_health_is_open_and_true(fake: FakeFutureVuls) -> None:
    response = httpx.get(f"{fake.url}/health")
    assert response.status_code == 200
    assert response.json() is True


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "wrong"}, {"Authorization": "Bearer {token}"}, {"Authorization": "token {token}"}],
)
def test_missing_or_wrong_authorization_is_401(fake: FakeFutureVuls, headers: dict[str, str]) -> None:
    sent = {k: v.format(token=fake.token) for k, v in headers.items()}
    response = httpx.get(f"{fake.url}/v1/servers", headers=sent)
    assert response.status_code == 401
    body = response.json()
    assert set(body) == GOA_KEYS
    assert body["name"] == "unauthorized"
    assert fake.token not in response.text
    assert fake.requests[-1].authorized is False


def test_raw_token_is_accepted(client: httpx.Client) -> None:
    assert client.get("/v1/servers").status_code == 200


def test_explicit_token_is_used() -> None:
    with FakeFutureVuls("my-token") as fake:
        assert fake.token == "my-token"
        assert httpx.get(f"{fake.url}/v1/roles", headers={"Authorization": "my-token"}).status_code == 200


def test_random_tokens_differ() -> None:
    assert FakeFutureVuls().token != FakeFutureVuls().token


def test_unknown_route_is_404_with_goa_body(client: httpx.Client) -> None:
    response = client.get("/v1/nothing")
    assert response.status_code == 404
    assert set(response.json()) == GOA_KEYS


def test_wrong_method_on_known_path_is_405(client: httpx.Client) -> None:
    assert client.post("/v1/servers", json={}).status_code == 405


def test_missing_object_is_404(client: httpx.Client) -> None:
    for path in (
        "/v1/server/999",
        "/v1/task/999",
        "/v1/role/999",
        "/v1/cve/CVE-2000-0001",
        "/v1/pkgCpe/pkg/9",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["name"] == "not_found"


def test_validation_error_body_shape(client: httpx.Client, fake: FakeFutureVuls) -> None:
    server_id = fake.add_server("s")
    task_id = fake.add_task(server_id, "CVE-2024-0001")
    response = client.put(f"/v1/task/{task_id}", json={"status": "done"})
    assert response.status_code == 400
    body = response.json()
    assert set(body) == GOA_KEYS
    assert body["name"] == "invalid_enum_value"
    assert '"done"' in body["message"]
    assert body["fault"] is False
    assert body["temporary"] is False


def test_unknown_body_key_is_rejected_in_strict_mode(client: httpx.Client, fake: FakeFutureVuls) -> None:
    server_id = fake.add_server("s")
    response = client.put(f"/v1/server/{server_id}", json={"serverroleId": 1})
    assert response.status_code == 400
    assert "serverroleId" in response.json()["message"]


def test_unknown_query_parameter_is_rejected_in_strict_mode(client: httpx.Client) -> None:
    response = client.get("/v1/tasks", params={"filter_cve_id": "CVE-2024-0001"})
    assert response.status_code == 400


def test_lenient_mode_ignores_unknown_keys() -> None:
    with (
        FakeFutureVuls(strict=False) as fake,
        httpx.Client(base_url=fake.url, headers={"Authorization": fake.token}) as http,
    ):
        assert http.get("/v1/tasks", params={"filter_cve_id": "x"}).status_code == 200


def test_invalid_json_body_is_400(client: httpx.Client, fake: FakeFutureVuls) -> None:
    server_id = fake.add_server("s")
    response = client.put(
        f"/v1/server/{server_id}", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400


def test_request_log_records_method_path_query_body(client: httpx.Client, fake: FakeFutureVuls) -> None:
    client.get("/v1/tasks", params=[("filterStatus", "new"), ("filterStatus", "defer")])
    client.post("/v1/server/pseudo", json={"serverName": "p"})
    get, post = fake.requests[-2:]
    assert (get.method, get.path, get.query) == ("GET", "/v1/tasks", {"filterStatus": ["new", "defer"]})
    assert (post.method, post.body, post.status) == ("POST", {"serverName": "p"}, 200)


def test_url_requires_running_server() -> None:
    from futurevuls_ext import ConfigError

    fake = FakeFutureVuls()
    with pytest.raises(ConfigError):
        _ = fake.url
    fake.start()
    fake.start()  # idempotent
    fake.stop()
    fake.stop()


def test_request_log_limit_keeps_the_newest() -> None:
    with FakeFutureVuls(log_limit=3) as fake, httpx.Client(base_url=fake.url) as http:
        for n in range(5):
            http.get("/health", params={"n": n})
        assert [r.query["n"] for r in fake.requests] == [["2"], ["3"], ["4"]]


def test_oversized_body_is_413_and_closes(fake: FakeFutureVuls) -> None:
    import socket

    port = int(fake.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"POST /v1/server/pseudo HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999\r\n\r\n")
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert fake.state.servers == {}
