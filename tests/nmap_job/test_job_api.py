"""The Python API of the job (client.nmap.add / update) against the fake, and the command's edges."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import futurevuls_ext as fv
from futurevuls_ext import APIError, ConfigError
from futurevuls_ext.cli import main
from futurevuls_ext.nmap_job import IpOutcome, XmlDirSource
from futurevuls_ext.testing import FakeFutureVuls

from ..harness import Both
from .helpers import StubNmap, nmap_xml

pytestmark = pytest.mark.integration

WEB, DB = 100, 101
A = ("CVE-2023-38408", "CVE-2023-51385")
B0 = "CVE-2020-0001"


def xml_dir(tmp_path: Path, answers: dict[str, tuple[str, ...]]) -> XmlDirSource:
    folder = tmp_path / "xml"
    folder.mkdir(exist_ok=True)
    for ip, cves in answers.items():
        (folder / f"{ip}.xml").write_text(nmap_xml(ip, cves), encoding="utf-8")
    return XmlDirSource(folder=folder)


@pytest.mark.anyio
async def test_add_and_update_from_python(both: Both, fake: FakeFutureVuls, tmp_path: Path) -> None:
    mapping = tmp_path / "m.txt"
    source = xml_dir(tmp_path, {"192.0.2.20": A})
    both.connect_fake(fake)
    added = await both.run(
        lambda c: c.nmap.add("192.0.2.20", "nmap", DB, source=source, mapping_path=mapping)
    )
    [outcome] = added.outcomes
    assert (outcome.action, outcome.cve_ids, added.ok) == ("created", frozenset(A), True)
    again = await both.run(
        lambda c: c.nmap.add("192.0.2.20", "nmap", DB, source=source, mapping_path=mapping)
    )
    assert [o.action for o in again.outcomes] == ["unchanged"]
    source = xml_dir(tmp_path, {"192.0.2.20": A[:1]})
    seen: list[IpOutcome] = []
    result = await both.run(
        lambda c: c.nmap.update(source=source, mapping_path=mapping, progress=seen.append, parallel=2)
    )
    assert [(o.action, o.removed) for o in seen] == [("updated", frozenset(A[1:]))]
    assert result.to_dict()["counts"]["updated"] == 1
    assert fake.state.external_scans[outcome.external_scan_id or 0].cve_ids == [A[0]]


@pytest.mark.anyio
async def test_two_unclaimed_results_of_the_same_name_adopt_the_lowest_and_heal_the_other(
    both: Both, fake: FakeFutureVuls, tmp_path: Path
) -> None:
    """The import's convergence rules: the lowest unclaimed result is adopted, the other emptied."""
    source = xml_dir(tmp_path, {"192.0.2.20": A})
    mapping = tmp_path / "m.txt"
    both.connect_fake(fake)
    low, high = [
        (await both.run(lambda c: c.external_scans.create(server_id=DB, name="nmap", cve_ids=[B0]))).id
        for _ in range(2)
    ]
    result = await both.run(
        lambda c: c.nmap.add("192.0.2.20", "nmap", DB, source=source, mapping_path=mapping)
    )
    [outcome] = result.outcomes
    assert (outcome.action, outcome.external_scan_id) == ("updated", low)
    assert f"adopted existing result {low}" in outcome.reason and f"result {high}" in outcome.reason
    assert mapping.read_text(encoding="utf-8").splitlines()[-1] == f"192.0.2.20,{low},{DB}"
    assert fake.state.external_scans[low].cve_ids == sorted(A)
    assert fake.state.external_scans[high].cve_ids == []
    again = await both.run(
        lambda c: c.nmap.add("192.0.2.20", "nmap", DB, source=source, mapping_path=mapping)
    )
    assert [o.action for o in again.outcomes] == ["unchanged"]


def test_unknown_server_is_an_api_error_and_records_nothing(
    fake: FakeFutureVuls, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xml = tmp_path / "scan.xml"
    xml.write_text(nmap_xml("192.0.2.20", A), encoding="utf-8")
    mapping = tmp_path / "m.txt"
    code = main(
        ["nmap", "add", "192.0.2.20", "nmap", "999", "--from-xml", str(xml), "--mapping", str(mapping)]
    )
    assert code == 4
    assert "API error" in capsys.readouterr().err
    assert not mapping.exists() and fake.state.external_scans == {}
    with fv.Client(fake.token, base_url=fake.url) as client, pytest.raises(APIError):
        client.nmap.add(
            "192.0.2.20",
            "nmap",
            999,
            source=xml_dir(tmp_path, {"192.0.2.20": A}),
            mapping_path=mapping,
        )


@pytest.mark.parametrize(("name", "server_id"), [("  ", WEB), ("nmap", 0)])
def test_bad_name_or_server_id(fake: FakeFutureVuls, tmp_path: Path, name: str, server_id: int) -> None:
    with fv.Client(fake.token, base_url=fake.url) as client, pytest.raises(ConfigError):
        client.nmap.add(
            "127.0.0.1", name, server_id, source=xml_dir(tmp_path, {}), mapping_path=tmp_path / "m"
        )


def test_nmap_without_a_subcommand_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nmap"]) == 2
    assert "add,update" in capsys.readouterr().out


def test_real_process_end_to_end(fake: FakeFutureVuls, stub: StubNmap, tmp_path: Path) -> None:
    """``python -m futurevuls_ext nmap add`` in its own process: stub nmap on PATH, fake API on loopback."""
    stub.answer("127.0.0.1", A)
    mapping = tmp_path / "m.txt"
    env = {**os.environ, "FUTUREVULS_API_TOKEN": fake.token, "FUTUREVULS_BASE_URL": fake.url}
    argv = [sys.executable, "-m", "futurevuls_ext", "nmap", "add", "127.0.0.1", "nmap", str(WEB)]
    done = subprocess.run(
        [*argv, "--mapping", str(mapping), "--json"], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert '"action": "created"' in done.stdout
    assert len(fake.state.external_scans) == 1 and mapping.exists()
    assert "FUTUREVULS_API_TOKEN" not in stub.calls()[0]["env"]


@pytest.mark.parametrize("value", ["0", "-5", "soon"])
def test_nmap_timeout_must_be_positive(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["nmap", "update", "--nmap-timeout", value])
    assert info.value.code == 2
    assert "positive number of seconds" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_parallel_must_be_a_count(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["nmap", "update", "--parallel", value])
    assert info.value.code == 2
    assert "whole number >= 1" in capsys.readouterr().err
