"""``futurevuls-ext nmap add|update`` against the fake FutureVuls over loopback, nmap stubbed on PATH."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from futurevuls_ext.cli import main
from futurevuls_ext.nmap_job import mapping_lock
from futurevuls_ext.testing import FakeFutureVuls

from .helpers import StubNmap, nmap_xml

pytestmark = pytest.mark.integration

WEB, DB = 100, 101
A = ("CVE-2023-38408", "CVE-2023-51385")
B = ("CVE-2024-6387",)
WRITES = {"POST", "PUT", "DELETE"}


def writes(fake: FakeFutureVuls, since: int = 0) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in fake.requests[since:] if r.method in WRITES]


def scans(fake: FakeFutureVuls) -> list[tuple[int, int, str, list[str], bool]]:
    return sorted(
        (s.id, s.server_id, s.name, sorted(s.cve_ids), s.is_external)
        for s in fake.state.external_scans.values()
    )


def mapping_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]


@pytest.fixture
def mapping(tmp_path: Path) -> Path:
    return tmp_path / "ip_and_id_mapping.txt"


def nmap(*argv: str, mapping: Path | None = None) -> int:
    extra = ["--mapping", str(mapping)] if mapping is not None else []
    return main(["nmap", *argv, *extra])


def test_add_creates_one_result_and_records_it(
    fake: FakeFutureVuls, stub: StubNmap, mapping: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stub.answer("127.0.0.1", A)
    assert nmap("add", "127.0.0.1", "nmap", str(WEB), mapping=mapping) == 0
    [(scan_id, server, name, cves, external)] = scans(fake)
    assert (server, name, cves, external) == (WEB, "nmap", sorted(A), True)
    assert mapping_lines(mapping) == [f"127.0.0.1,{scan_id},{WEB}"]
    assert [c["argv"] for c in stub.calls()] == [["-sV", "--script", "vulners", "-oX", "-", "127.0.0.1"]]
    out, err = capsys.readouterr()
    assert f"created   127.0.0.1       server {WEB} result {scan_id}: 2 CVEs" in out
    assert fake.token not in out + err


def test_add_internal_from_xml_without_nmap(
    fake: FakeFutureVuls, tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no nmap anywhere: --from-xml must not need it
    xml = tmp_path / "scan.xml"
    xml.write_text(nmap_xml("192.0.2.20", B), encoding="utf-8")
    assert (
        nmap(
            "add",
            "192.0.2.20",
            "nmap-internal",
            str(DB),
            "--internal",
            "--from-xml",
            str(xml),
            mapping=mapping,
        )
        == 0
    )
    [(_, server, name, cves, external)] = scans(fake)
    assert (server, name, cves, external) == (DB, "nmap-internal", list(B), False)


def test_add_twice_updates_instead_of_duplicating(
    fake: FakeFutureVuls, stub: StubNmap, mapping: Path
) -> None:
    stub.answer("127.0.0.1", A)
    assert nmap("add", "127.0.0.1", "nmap", str(WEB), mapping=mapping) == 0
    before = mapping.read_text(encoding="utf-8")
    seen = len(fake.requests)
    assert nmap("add", "127.0.0.1", "nmap", str(WEB), mapping=mapping) == 0
    assert writes(fake, seen) == []  # same scan, same name, same flag: nothing sent
    stub.answer("127.0.0.1", B)
    assert nmap("add", "127.0.0.1", "nmap-v2", str(WEB), mapping=mapping) == 0
    [(scan_id, _, name, cves, _)] = scans(fake)
    assert (name, cves) == ("nmap-v2", list(B))
    assert writes(fake, seen) == [("PUT", f"/v1/externalScan/{scan_id}")]
    assert mapping.read_text(encoding="utf-8") == before


def test_same_ip_on_another_server_is_its_own_result(
    fake: FakeFutureVuls, stub: StubNmap, mapping: Path
) -> None:
    stub.answer("127.0.0.1", A)
    assert nmap("add", "127.0.0.1", "nmap", str(WEB), mapping=mapping) == 0
    assert nmap("add", "127.0.0.1", "nmap", str(DB), mapping=mapping) == 0
    assert [s[1] for s in scans(fake)] == [WEB, DB]
    assert len(mapping_lines(mapping)) == 2


def test_lost_mapping_adopts_the_existing_result(fake: FakeFutureVuls, stub: StubNmap, mapping: Path) -> None:
    stub.answer("127.0.0.1", A)
    assert nmap("add", "127.0.0.1", "nmap", str(WEB), mapping=mapping) == 0
    mapping.unlink()
    assert nmap("add", "127.0.0.1", "nmap", str(WEB), mapping=mapping) == 0
    [(scan_id, *_)] = scans(fake)
    assert mapping_lines(mapping) == [f"127.0.0.1,{scan_id},{WEB}"]


def test_add_recreates_a_deleted_result(fake: FakeFutureVuls, stub: StubNmap, mapping: Path) -> None:
    stub.answer("127.0.0.1", A)
    assert nmap("add", "127.0.0.1", "nmap", str(WEB), mapping=mapping) == 0
    [(old_id, *_)] = scans(fake)
    fake.state.external_scans.clear()
    assert nmap("add", "127.0.0.1", "nmap", str(WEB), "--json", mapping=mapping) == 0
    [(new_id, *_)] = scans(fake)
    assert new_id != old_id
    assert mapping_lines(mapping) == [f"127.0.0.1,{new_id},{WEB}"]


def add_two(fake: FakeFutureVuls, stub: StubNmap, mapping: Path) -> dict[str, int]:
    stub.answer("127.0.0.1", A)
    stub.answer("192.0.2.20", B)
    assert nmap("add", "127.0.0.1", "nmap", str(WEB), mapping=mapping) == 0
    assert nmap("add", "192.0.2.20", "nmap", str(DB), mapping=mapping) == 0
    return {line.split(",")[0]: int(line.split(",")[1]) for line in mapping_lines(mapping)}


def test_update_changes_only_changed_lists(
    fake: FakeFutureVuls, stub: StubNmap, mapping: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = add_two(fake, stub, mapping)
    stub.answer("127.0.0.1", (*A, "CVE-2024-0001"))
    seen = len(fake.requests)
    capsys.readouterr()
    assert nmap("update", mapping=mapping) == 0
    assert writes(fake, seen) == [("PUT", f"/v1/externalScan/{ids['127.0.0.1']}")]
    assert fake.state.external_scans[ids["127.0.0.1"]].cve_ids == sorted((*A, "CVE-2024-0001"))
    out = capsys.readouterr().out
    assert "updated   127.0.0.1" in out and "(+1 -0)" in out
    assert "unchanged 192.0.2.20" in out
    assert "nmap: 0 created, 1 updated, 1 unchanged, 0 failed" in out


def test_update_of_unchanged_scans_sends_no_write(
    fake: FakeFutureVuls, stub: StubNmap, mapping: Path
) -> None:
    add_two(fake, stub, mapping)
    seen = len(fake.requests)
    assert nmap("update", mapping=mapping) == 0
    assert writes(fake, seen) == []
    assert {r.method for r in fake.requests[seen:]} == {"GET"}


def test_update_empties_a_clean_host(fake: FakeFutureVuls, stub: StubNmap, mapping: Path) -> None:
    ids = add_two(fake, stub, mapping)
    stub.answer("192.0.2.20", ())
    assert nmap("update", mapping=mapping) == 0
    assert fake.state.external_scans[ids["192.0.2.20"]].cve_ids == []


def test_one_ip_failing_does_not_stop_the_others(
    fake: FakeFutureVuls, stub: StubNmap, mapping: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = add_two(fake, stub, mapping)
    folder = tmp_path / "xml"
    folder.mkdir()
    (folder / "127.0.0.1.xml").write_text(nmap_xml("127.0.0.1", A, up=False), encoding="utf-8")
    (folder / "192.0.2.20.xml").write_text(nmap_xml("192.0.2.20", A), encoding="utf-8")
    capsys.readouterr()
    assert nmap("update", "--from-xml-dir", str(folder), "--json", mapping=mapping) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["counts"] == {"created": 0, "updated": 1, "unchanged": 0, "failed": 1}
    failed, updated = data["outcomes"]
    assert failed["ip"] == "127.0.0.1" and "no up host at 127.0.0.1" in failed["reason"]
    assert updated["ip"] == "192.0.2.20" and updated["action"] == "updated"
    assert fake.state.external_scans[ids["127.0.0.1"]].cve_ids == sorted(A)  # left as it was
    assert fake.state.external_scans[ids["192.0.2.20"]].cve_ids == sorted(A)


def test_update_reports_a_deleted_result(
    fake: FakeFutureVuls, stub: StubNmap, mapping: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = add_two(fake, stub, mapping)
    del fake.state.external_scans[ids["127.0.0.1"]]
    capsys.readouterr()
    assert nmap("update", mapping=mapping) == 1
    out = capsys.readouterr().out
    assert f"result {ids['127.0.0.1']} no longer exists" in out and "futurevuls-ext nmap add 127.0.0.1" in out


def test_nmap_failure_names_the_ip(
    fake: FakeFutureVuls, stub: StubNmap, mapping: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stub.fail(2, "dnet: Failed to open device eth9\n")
    assert nmap("add", "127.0.0.1", "nmap", str(WEB), mapping=mapping) == 1
    err = capsys.readouterr().err
    assert "nmap failed scanning 127.0.0.1 (exit status 2): dnet: Failed to open device eth9" in err
    assert scans(fake) == [] and not mapping.exists()


@pytest.mark.parametrize("command", [["add", "127.0.0.1", "nmap", str(WEB)], ["update"]])
def test_missing_nmap_is_a_clear_usage_error(
    fake: FakeFutureVuls,
    mapping: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    mapping.write_text(f"127.0.0.1,1,{WEB}\n", encoding="utf-8")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert nmap(*command, mapping=mapping) == 2
    err = capsys.readouterr().err
    assert "nmap not found" in err and "install nmap or use --from-xml" in err
    assert fake.requests == []


def test_lock_contention_is_a_clear_error(
    fake: FakeFutureVuls, stub: StubNmap, mapping: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stub.answer("127.0.0.1", A)
    with mapping_lock(mapping):
        assert nmap("add", "127.0.0.1", "nmap", str(WEB), mapping=mapping) == 1
        assert nmap("update", mapping=mapping) == 1
    assert capsys.readouterr().err.count("another 'futurevuls-ext nmap' run is using") == 2
    assert stub.calls() == [] and scans(fake) == []


def test_corrupted_mapping_line_is_named(
    fake: FakeFutureVuls, stub: StubNmap, mapping: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapping.write_text(f"# ok\n127.0.0.1,1,{WEB}\n127.0.0.2;x;{WEB}\n", encoding="utf-8")
    assert nmap("update", mapping=mapping) == 2
    err = capsys.readouterr().err
    assert f"{mapping}, line 3" in err and "configuration error" in err
    assert stub.calls() == []


def test_update_without_a_mapping_file(
    fake: FakeFutureVuls, stub: StubNmap, mapping: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert nmap("update", mapping=mapping) == 2
    assert "no mapping file" in capsys.readouterr().err


@pytest.mark.parametrize("ip", ["192.0.2.0/24", "-sS", "example.com"])
def test_bad_ip_is_refused_before_scanning(
    fake: FakeFutureVuls, stub: StubNmap, mapping: Path, ip: str
) -> None:
    assert main(["nmap", "add", "--mapping", str(mapping), "--", ip, "nmap", str(WEB)]) == 2
    assert stub.calls() == [] and fake.requests == []


def test_mapping_from_the_environment_and_server_mismatch(
    fake: FakeFutureVuls,
    stub: StubNmap,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    env_mapping = tmp_path / "env-mapping.txt"
    monkeypatch.setenv("FUTUREVULS_NMAP_MAPPING", str(env_mapping))
    stub.answer("127.0.0.1", A)
    assert nmap("add", "127.0.0.1", "nmap", str(WEB)) == 0
    [(scan_id, *_)] = scans(fake)
    env_mapping.write_text(f"127.0.0.1,{scan_id},{DB}\n", encoding="utf-8")
    capsys.readouterr()
    assert nmap("update") == 1
    assert f"FutureVuls has it on server {WEB}" in capsys.readouterr().out


def test_parallel_update_scans_each_ip_once_and_keeps_mapping_order(
    fake: FakeFutureVuls, stub: StubNmap, mapping: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ips = ["127.0.0.1", "192.0.2.20", "192.0.2.21", "2001:db8::7"]
    for ip in ips:
        stub.answer(ip, A)
        assert nmap("add", ip, "nmap", str(WEB), mapping=mapping) == 0
    assert nmap("add", "127.0.0.1", "nmap", str(DB), mapping=mapping) == 0  # same IP, second server
    for ip in ips:
        stub.answer(ip, B)
    calls_before = len(stub.calls())
    capsys.readouterr()
    assert nmap("update", "--parallel", "3", "--json", mapping=mapping) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(o["ip"], o["server_id"], o["action"]) for o in data["outcomes"]] == [
        *((ip, WEB, "updated") for ip in ips),
        ("127.0.0.1", DB, "updated"),
    ]
    scanned = [call["argv"][-1] for call in stub.calls()[calls_before:]]
    assert sorted(scanned) == sorted(ips)
    assert all(sorted(s.cve_ids) == list(B) for s in fake.state.external_scans.values())


def test_add_again_with_internal_flips_only_the_flag(
    fake: FakeFutureVuls, stub: StubNmap, mapping: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stub.answer("127.0.0.1", A)
    assert nmap("add", "127.0.0.1", "nmap", str(WEB), mapping=mapping) == 0
    seen = len(fake.requests)
    assert nmap("add", "127.0.0.1", "nmap", str(WEB), "--internal", mapping=mapping) == 0
    [put] = [r for r in fake.requests[seen:] if r.method == "PUT"]
    assert put.body == {"isExternalScan": False}
    [(_, _, _, cves, external)] = scans(fake)
    assert (cves, external) == (sorted(A), False)
    assert "is external changed" in capsys.readouterr().out
