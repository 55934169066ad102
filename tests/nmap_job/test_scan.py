"""Running nmap for real (through a stub on PATH that never scans): argv, env, errors, timeout."""

from __future__ import annotations

from pathlib import Path

import pytest

from futurevuls_ext import ConfigError, ParseError
from futurevuls_ext.nmap_job import (
    NmapNotFoundError,
    NmapScanError,
    NmapScanner,
    XmlDirSource,
    XmlFileSource,
    cve_ids_for,
)

from .helpers import StubNmap, nmap_xml

CVES = ("CVE-2023-38408", "CVE-2023-51385")


def test_runs_nmap_sv_vulners_xml_on_the_ip(stub: StubNmap, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUTUREVULS_API_TOKEN", "secret-token-value")
    stub.answer("127.0.0.1", CVES)
    report = NmapScanner().scan("127.0.0.1")
    assert cve_ids_for(report, "127.0.0.1") == frozenset(CVES)
    [call] = stub.calls()
    assert call["argv"] == ["-sV", "--script", "vulners", "-oX", "-", "127.0.0.1"]
    assert "FUTUREVULS_API_TOKEN" not in call["env"]
    assert "PATH" in call["env"]


def test_ipv6_adds_dash_6(stub: StubNmap) -> None:
    stub.answer("::1", CVES[:1])
    assert cve_ids_for(NmapScanner().scan("::1"), "::1") == frozenset(CVES[:1])
    assert stub.calls()[0]["argv"] == ["-sV", "--script", "vulners", "-6", "-oX", "-", "::1"]


def test_explicit_binary_path(stub: StubNmap, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    stub.answer("127.0.0.1", CVES)
    assert NmapScanner(nmap=str(stub.path)).scan("127.0.0.1").hosts
    assert len(stub.calls()) == 1


def test_missing_nmap_says_install_or_from_xml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(NmapNotFoundError, match=r"install nmap or use --from-xml") as info:
        NmapScanner().scan("127.0.0.1")
    assert isinstance(info.value, ConfigError)
    not_exec = tmp_path / "nmap"
    not_exec.write_text("#!/bin/sh\n", encoding="utf-8")
    with pytest.raises(NmapNotFoundError, match="is not an executable file"):
        NmapScanner(nmap=str(not_exec)).scan("127.0.0.1")


def test_non_zero_exit_names_the_ip_and_stderr(stub: StubNmap) -> None:
    stub.fail(1, "Starting Nmap 7.94\nFailed to resolve given hostname/IP\nQUITTING!\n")
    with pytest.raises(
        NmapScanError, match=r"nmap failed scanning 192\.0\.2\.5 \(exit status 1\).*QUITTING!"
    ) as info:
        NmapScanner().scan("192.0.2.5")
    assert info.value.ip == "192.0.2.5"


def test_empty_output_is_an_error(stub: StubNmap) -> None:
    with pytest.raises(NmapScanError, match=r"nmap wrote no XML while scanning 127\.0\.0\.1"):
        NmapScanner().scan("127.0.0.1")


def test_garbage_output_is_an_error_naming_the_ip(stub: StubNmap) -> None:
    (stub.folder / "127.0.0.1.xml").write_text("<nmaprun><host>", encoding="utf-8")
    with pytest.raises(NmapScanError, match=r"nmap's XML output for 127\.0\.0\.1 could not be read"):
        NmapScanner().scan("127.0.0.1")


def test_timeout_stops_nmap(stub: StubNmap) -> None:
    stub.hang(60)
    with pytest.raises(
        NmapScanError, match=r"did not finish scanning 127\.0\.0\.1 within 0\.5 s.*--nmap-timeout"
    ):
        NmapScanner(timeout=0.5).scan("127.0.0.1")


def test_down_host_is_an_error_not_an_empty_list(tmp_path: Path) -> None:
    xml = tmp_path / "down.xml"
    xml.write_text(nmap_xml("192.0.2.9", CVES, up=False), encoding="utf-8")
    report = XmlFileSource(path=xml).scan("192.0.2.9")
    with pytest.raises(NmapScanError, match=r"no up host at 192\.0\.2\.9 .*left unchanged"):
        cve_ids_for(report, "192.0.2.9")


def test_host_is_matched_by_address_not_position(tmp_path: Path) -> None:
    xml = tmp_path / "scan.xml"
    xml.write_text(nmap_xml("192.0.2.1", CVES), encoding="utf-8")
    report = XmlFileSource(path=xml).scan("192.0.2.2")
    with pytest.raises(NmapScanError, match=r"hosts in it: 192\.0\.2\.1"):
        cve_ids_for(report, "192.0.2.2")
    assert cve_ids_for(report, "192.0.2.1") == frozenset(CVES)


def test_clean_host_has_an_empty_list(tmp_path: Path) -> None:
    xml = tmp_path / "clean.xml"
    xml.write_text(nmap_xml("127.0.0.1", []), encoding="utf-8")
    assert cve_ids_for(XmlFileSource(path=xml).scan("127.0.0.1"), "127.0.0.1") == frozenset()


def test_xml_dir_source(tmp_path: Path) -> None:
    (tmp_path / "127.0.0.1.xml").write_text(nmap_xml("127.0.0.1", CVES), encoding="utf-8")
    (tmp_path / "2001_db8__1.xml").write_text(nmap_xml("2001:db8::1", CVES[:1]), encoding="utf-8")
    source = XmlDirSource(folder=str(tmp_path))  # a str is converted to a Path
    assert source.folder == tmp_path
    assert cve_ids_for(source.scan("127.0.0.1"), "127.0.0.1") == frozenset(CVES)
    assert cve_ids_for(source.scan("2001:db8::1"), "2001:db8::1") == frozenset(CVES[:1])
    with pytest.raises(NmapScanError, match=r"no Nmap XML for 192\.0\.2\.3"):
        source.scan("192.0.2.3")


def test_unreadable_xml_file_is_a_parse_error(tmp_path: Path) -> None:
    with pytest.raises(ParseError):
        XmlFileSource(path=tmp_path / "missing.xml").scan("127.0.0.1")


def test_nmap_stderr_explains_a_missing_host(stub: StubNmap) -> None:
    (stub.folder / "192.0.2.8.xml").write_text(nmap_xml("192.0.2.9", CVES), encoding="utf-8")
    (stub.folder / "stderr.txt").write_text("Warning: 192.0.2.8 giving up on port\n", encoding="utf-8")
    report = NmapScanner().scan("192.0.2.8")
    with pytest.raises(
        NmapScanError, match=r"no up host at 192\.0\.2\.8 .*nmap stderr: Warning: 192\.0\.2\.8 giving up"
    ):
        cve_ids_for(report, "192.0.2.8")
