"""`futurevuls-ext import` against the fake server: summary, JSON, dry run and exit codes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from futurevuls_ext.cli import main
from futurevuls_ext.demo import data_path
from futurevuls_ext.testing import FakeFutureVuls

pytestmark = pytest.mark.integration


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeFutureVuls]:
    with FakeFutureVuls(dataset="demo") as running:
        monkeypatch.setenv("FUTUREVULS_API_TOKEN", running.token)
        monkeypatch.setenv("FUTUREVULS_BASE_URL", running.url)
        yield running


def test_import_summary_and_idempotent_rerun(
    fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(data_path("perimeter.nessus"))]) == 0
    assert "created 2" in capsys.readouterr().out
    assert main(["import", str(data_path("perimeter.nessus")), "--json"]) == 0
    (result,) = json.loads(capsys.readouterr().out)
    assert result["counts"]["unchanged"] == 2
    assert result["counts"]["created"] == 0


def test_unresolved_hosts_exit_1_and_dry_run_writes_nothing(
    fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]
) -> None:
    nmap = str(data_path("edge.nmap.xml"))  # 198.51.100.77 matches no server
    assert main(["import", nmap, "--dry-run", "--json"]) == 1
    (result,) = json.loads(capsys.readouterr().out)
    assert [row["host"] for row in result["unresolved"]] == ["198.51.100.77"]
    assert result["dry_run"] is True
    assert not [r for r in fake.requests if r.method in {"POST", "PUT", "DELETE"}]
    assert main(["import", nmap, "--create-pseudo-servers", "--name", "nmap-edge"]) == 0


def test_bad_report_exits_3(fake: FakeFutureVuls, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.nessus"
    bad.write_bytes(b"<NessusClientData_v2><Report><ReportHost name='x'>")
    assert main(["import", str(bad), "--format", "nessus"]) == 3
    assert "bad.nessus" in capsys.readouterr().err


def test_server_map_file(fake: FakeFutureVuls, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    api_01 = next(s.id for s in fake.state.servers.values() if s.name == "api-01")
    mapping = tmp_path / "map.csv"
    mapping.write_text(f"host,server_id\n203.0.113.20,{api_01}\n")
    assert main(["import", str(data_path("qualys.csv")), "--server-map", str(mapping), "--json"]) == 0
    (result,) = json.loads(capsys.readouterr().out)
    assert [row["server_id"] for row in result["created"]] == [api_01]


def _cut_report(tmp_path: Path) -> Path:
    """perimeter.nessus cut off in the middle of its last host (the hosts before it are complete)."""
    data = data_path("perimeter.nessus").read_bytes()
    cut = tmp_path / "cut.nessus"
    cut.write_bytes(data[: data.rindex(b"<ReportHost") + 40])
    return cut


@pytest.mark.parametrize("cut_first", [False, True])
def test_prune_refuses_a_truncated_input_in_either_order(
    fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str], tmp_path: Path, cut_first: bool
) -> None:
    full, cut = str(data_path("perimeter.nessus")), str(_cut_report(tmp_path))
    files = [cut, full] if cut_first else [full, cut]
    assert main(["import", *files, "--prune", "--dry-run"]) == 3
    assert "refusing to prune" in capsys.readouterr().err
    assert main(["import", cut, "--prune", "--dry-run"]) == 3
    capsys.readouterr()
    assert main(["import", *files, "--dry-run", "--json"]) == 0  # without --prune: complete hosts imported
    (result,) = json.loads(capsys.readouterr().out)
    assert any("truncated" in warning for warning in result["warnings"])


def test_new_formats_import_by_detected_name(
    fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    openvas = str(data_path("greenbone.openvas.xml"))  # detected as 'openvas', named after it
    zap = str(data_path("shop.zap.json"))
    server_map = tmp_path / "map.csv"
    server_map.write_text(f"shop.demo.example,{_server_id(fake, 'web-02')}\n", encoding="utf-8")
    assert main(["import", openvas, zap, "--server-map", str(server_map), "--json"]) == 0
    results = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(results) == {"openvas", "zap"}
    assert results["openvas"]["counts"]["created"] == 1
    assert results["zap"]["counts"]["created"] == 1
    assert main(["import", openvas, "--format", "openvas", "--json"]) == 0
    (again,) = json.loads(capsys.readouterr().out)
    assert again["counts"]["unchanged"] == 1


def _server_id(fake: FakeFutureVuls, name: str) -> int:
    from futurevuls_ext import Client

    with Client(fake.token, base_url=fake.url) as client:
        return next(s.id for s in client.servers.list() if s.server_name == name)


@pytest.mark.parametrize("extra", [True, False])
def test_import_takes_the_async_client_when_the_aiohttp_extra_is_installed(
    fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, extra: bool
) -> None:
    import futurevuls_ext as fv
    from futurevuls_ext.cli import import_

    used: list[str] = []
    for cls in (fv.Client, fv.AsyncClient):
        original = cls.__init__

        def spy(self: object, *args: object, __init: object = original, **kwargs: object) -> None:
            used.append(type(self).__name__)
            __init(self, *args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(cls, "__init__", spy)
    monkeypatch.setattr(import_, "aiohttp_available", lambda: extra)
    assert main(["import", str(data_path("perimeter.nessus"))]) == 0
    assert "created 2" in capsys.readouterr().out
    assert used == (["AsyncClient"] if extra else ["Client"])
