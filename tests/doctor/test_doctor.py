"""doctor against the fake started with each alternative profile: the right family, GETs only, a profile."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import attrs
import httpx
import pytest

import futurevuls_ext as fv
from futurevuls_ext.cli import main
from futurevuls_ext.doctor import SCAN_FAMILIES, ScanFamily
from futurevuls_ext.parsers import ScanReport
from futurevuls_ext.testing import FakeFutureVuls

from ..importer.factories import host

pytestmark = pytest.mark.integration

TOP_LEVEL = [f for f in SCAN_FAMILIES if not f.nested]


def profile_for(family: ScanFamily, **role_keys: str) -> fv.ApiProfile:
    base = fv.ApiProfile()
    return attrs.evolve(
        base,
        external_scans=attrs.evolve(base.external_scans, **family.profile_routes()),
        role_ssvc=attrs.evolve(base.role_ssvc, **role_keys),
    )


def only_gets(fake: FakeFutureVuls) -> None:
    assert fake.requests, "doctor sent nothing"
    assert {r.method for r in fake.requests} == {"GET"}


def import_with(fake: FakeFutureVuls, profile: fv.ApiProfile) -> fv.ImportResult:
    server_id = min(fake.state.servers)
    report = ScanReport(format="nessus", source="<doctor>", hosts=(host("10.9.9.9", ("CVE-2024-0001",)),))
    with fv.Client(fake.token, base_url=fake.url, profile=profile) as client:
        return client.import_report(report, server_id=server_id, name="doctor-check")


@pytest.mark.parametrize("family", SCAN_FAMILIES, ids=lambda f: f.name)
def test_doctor_names_the_family_the_fake_serves(family: ScanFamily, tmp_path: Path) -> None:
    with FakeFutureVuls(dataset="demo", profile=profile_for(family)) as fake:
        with fv.Client(fake.token, base_url=fake.url) as client:  # the default profile: a guess
            report = client.doctor()
        only_gets(fake)
        assert report.scan_family == family.name
        assert report.scope == "group"
        assert report.exit_code == 0, report.table()
        exists = [p for p in report.probes if p.verdict == "exists"]
        assert {p.family for p in exists} == {family.name}
        assert any("id from the list answer" in p.note for p in exists)  # the item route, with a real id
        path = tmp_path / "profile.toml"
        path.write_text(report.profile_toml(), encoding="utf-8")
        loaded = fv.ApiProfile.from_file(path)
        assert loaded.external_scans.list == f"GET {family.collection}"
        assert loaded == report.profile
        text = path.read_text(encoding="utf-8")
        assert "# found by probe" in text and "# default, not found" in text
        fake.requests.clear()
        result = import_with(fake, loaded)
        assert len(result.created) == 1 and not result.failed, result
        assert any(s.name == "doctor-check" for s in fake.state.external_scans.values())
        again = import_with(fake, loaded)  # idempotent through these routes too: nothing written
        assert len(again.unchanged) == 1 and not again.created and not again.updated


def test_the_guessed_profile_fails_where_the_written_one_works() -> None:
    family = TOP_LEVEL[1]  # snake_case
    with FakeFutureVuls(dataset="demo", profile=profile_for(family)) as fake:
        with pytest.raises(fv.NotFoundError):
            import_with(fake, fv.ApiProfile())


def test_doctor_reads_the_role_ssvc_keys_a_real_role_answer_carries() -> None:
    keys = {"exposure_key": "ssvc_system_exposure", "human_impact_key": "ssvc_human_impact_level"}
    with FakeFutureVuls(dataset="demo", profile=profile_for(SCAN_FAMILIES[0], **keys)) as fake:
        with fv.Client(fake.token, base_url=fake.url) as client:
            report = client.doctor()
    assert {"ssvc_system_exposure", "ssvc_human_impact_level"} <= set(report.role_ssvc_keys)
    assert report.profile.role_ssvc.exposure_key == "ssvc_system_exposure"
    assert report.profile.role_ssvc.human_impact_key == "ssvc_human_impact_level"
    assert report.source("role_ssvc.exposure_key") == "found by probe"


@pytest.mark.anyio
async def test_await_client_doctor_gives_the_same_report() -> None:
    family = SCAN_FAMILIES[2]
    with FakeFutureVuls(dataset="demo", profile=profile_for(family)) as fake:
        async with fv.AsyncClient(fake.token, base_url=fake.url) as client:
            report = await client.doctor()
        only_gets(fake)
    assert report.scan_family == family.name
    assert report.exit_code == 0


def test_cli_doctor_json_and_write_profile_then_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    family = TOP_LEVEL[2]  # kebab-case
    written = tmp_path / "fv-profile.toml"
    trace = tmp_path / "doctor-trace.jsonl"
    with FakeFutureVuls(dataset="demo", profile=profile_for(family)) as fake:
        monkeypatch.setenv("FUTUREVULS_API_TOKEN", fake.token)
        monkeypatch.setenv("FUTUREVULS_BASE_URL", fake.url)
        code = main(["doctor", "--json", "--write-profile", str(written), "--trace", str(trace)])
        out = capsys.readouterr().out
        only_gets(fake)
        assert code == 0
        data = json.loads(out)
        assert data["external_scans"]["family"] == family.name
        assert data["profile"]["external_scans.list"]["source"] == "found by probe"
        assert len(trace.read_text(encoding="utf-8").splitlines()) == len(fake.requests)
        assert fake.token not in trace.read_text(encoding="utf-8")
        assert fv.ApiProfile.from_file(written).external_scans.list == f"GET {family.collection}"
        monkeypatch.setenv("FUTUREVULS_API_PROFILE", str(written))
        assert import_with(fake, fv.ApiProfile.from_env()).created


def test_cli_doctor_table_exit_1_when_something_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    absent = fv.ApiProfile(
        external_scans=attrs.evolve(
            fv.ApiProfile().external_scans,
            list="GET /v2/scans",
            get="GET /v2/scan/{externalScanID}",
            create="POST /v2/scan",
            update="PUT /v2/scan/{externalScanID}",
            delete="DELETE /v2/scan/{externalScanID}",
        )
    )
    with FakeFutureVuls(dataset="demo", profile=absent) as fake:
        monkeypatch.setenv("FUTUREVULS_API_TOKEN", fake.token)
        monkeypatch.setenv("FUTUREVULS_BASE_URL", fake.url)
        code = main(["doctor"])
    out = capsys.readouterr().out
    assert code == 1
    assert "NOT FOUND" in out and "something was not found" in out


class _Html(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<html><body>Internal error</body></html>"
        self.send_response(500)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def html_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Html)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], url: str, token: str
) -> tuple[int, str]:
    monkeypatch.setenv("FUTUREVULS_API_TOKEN", token)
    monkeypatch.setenv("FUTUREVULS_BASE_URL", url)
    code = main(["doctor", "--timeout", "3"])
    return code, capsys.readouterr().err


def test_bad_targets_give_one_line_and_the_cli_codes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], html_server: str
) -> None:
    token = "fvgr-doctor-token-0123456789abcdef"
    code, err = _cli(monkeypatch, capsys, "http://127.0.0.1:9", token)  # a dead port
    assert code == 4 and err.count("\n") == 1 and "cannot reach" in err
    code, err = _cli(monkeypatch, capsys, html_server, token)
    assert code == 4 and err.count("\n") == 1 and "does not answer like FutureVuls" in err
    code, err = _cli(monkeypatch, capsys, "http://api.example.com", token)  # plain http, not loopback
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    with FakeFutureVuls() as fake:
        code, err = _cli(monkeypatch, capsys, fake.url, token)  # not this fake's token
    assert code == 4 and err.count("\n") == 1 and "not accepted" in err
    assert token not in err


def test_an_unresolvable_host_is_one_clear_failure() -> None:
    def no_dns(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)

    with fv.Client("t" * 20, base_url="https://fv.invalid", transport=httpx.MockTransport(no_dns)) as client:
        report = client.doctor()
    assert report.exit_code == 4
    assert report.failure is not None and "Name or service not known" in report.failure


@pytest.mark.parametrize(
    ("backend", "expected"),
    [("auto", "http.client (the standard library)"), ("httpx", "httpx's own (httpcore)")],
)
def test_doctor_names_the_transport(backend: str, expected: str) -> None:
    with FakeFutureVuls() as fake:
        with fv.Client(fake.token, base_url=fake.url, http_backend=backend) as client:  # type: ignore[arg-type]
            report = client.doctor()
    assert {c.name: c.detail for c in report.checks}["transport"] == expected
    assert f"[info] transport    {expected}\n" in report.table()
