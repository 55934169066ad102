"""Every sample in ../shared/samples gives exactly its truth.json result (skips without ../shared).

One test per sample file, so a failure names the file. Rules: samples/README.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from futurevuls_ext.parsers import HostResult, ParseError, ScanReport, parse_report, registry

from ..conftest import SHARED

_TRUTH = SHARED / "samples" / "truth.json"
_CASES = sorted(json.loads(_TRUTH.read_text())) if _TRUTH.is_file() else ["<no ../shared>"]
_FORMATS = {
    "qualys_csv": "qualys-csv",
    "qualys_was_csv": "qualys-was-csv",
    "openvas_xml": "openvas",
    "openvas_csv": "openvas-csv",
    "nessus_csv": "nessus-csv",
    "qualys_xml": "qualys-xml",
    "burp_xml": "burp",
    "zap_xml": "zap",
    "zap_json": "zap",
}


def _ports(values: list[str]) -> tuple[set[str], set[str]]:
    """Truth ports split into (numeric "p/proto", non-numeric placeholders)."""
    numeric = {p for p in values if p.split("/")[0].isdigit()}
    return numeric, set(values) - numeric


def _fold(names: frozenset[str]) -> set[str]:
    return {n.casefold() for n in names}


def _check_host(rel: str, address: str, want: dict[str, Any], host: HostResult, report: ScanReport) -> None:
    where = f"{rel} host {address}"
    assert host.cve_ids == set(want.get("cves", [])), where
    numeric, placeholders = _ports(want.get("ports", []))
    assert {str(p) for p in host.ports} == numeric, where
    for placeholder in placeholders:  # e.g. portid="TARGET_PORT": cannot be a Port, must be reported
        portid = placeholder.split("/")[0]
        assert any(portid in s.reason or portid in s.location for s in report.skipped), (where, placeholder)
    names = _fold(host.hostnames)
    for key in ("hostname", "netbios"):
        if want.get(key):
            assert want[key].casefold() in names, (where, key)
    for name in want.get("hostnames", []):
        assert name.casefold() in names, (where, name)
    assert set(want.get("ips", [])) <= host.ip_addresses | {host.address}, where
    if want.get("report_host_name"):
        assert want["report_host_name"] in host.ip_addresses | host.hostnames | {host.address}, where
    if "cves_severity_ge1" in want:
        ge1 = {c for f in host.findings if f.severity is not None and f.severity >= 1 for c in f.cve_ids}
        assert ge1 == set(want["cves_severity_ge1"]), where
    for source, cves in want.get("cves_by_source", {}).items():
        found = {c for f in host.findings if source in (f.source_id or "").split(",") for c in f.cve_ids}
        assert set(cves) <= found, (where, source)
    ids = {f.source_id for f in host.findings}
    for key in ("qids", "templates"):
        assert {str(v) for v in want.get(key, [])} <= ids, (where, key)


def _check_hosts(rel: str, hosts: dict[str, dict[str, Any]], report: ScanReport) -> None:
    assert sorted(h.address for h in report.hosts) == sorted(hosts), rel
    for address, want in hosts.items():
        host = report.host(address)
        assert host is not None, (rel, address)
        _check_host(rel, address, want, host, report)


def _check_inspector(rel: str, truth: dict[str, Any], report: ScanReport) -> None:
    instances: dict[str, dict[str, Any]] = truth.get("instances", {})
    assert sorted(h.address for h in report.hosts) == sorted(instances), rel
    for iid, want in instances.items():
        host = report.host(iid)
        assert host is not None, (rel, iid)
        assert host.cve_ids == set(want.get("cves", [])), (rel, iid)
        assert set(want.get("ips", [])) <= host.ip_addresses, (rel, iid)
        paths = [r for r in report.reachability if r.instance_id == iid]
        assert any(r.from_internet_gateway for r in paths) is bool(want.get("reachable")), (rel, iid)

        def spans(internet: bool, paths: Any = paths) -> set[str]:
            out = set()
            for r in paths:
                if r.from_internet_gateway is internet and r.port_start is not None:
                    span = (
                        str(r.port_start)
                        if r.port_end in (None, r.port_start)
                        else f"{r.port_start}-{r.port_end}"
                    )
                    out.add(f"{span}/{r.protocol}")
            return out

        assert spans(True) == set(want.get("open_ports", [])), (rel, iid)
        if "non_internet_ports" in want:
            assert spans(False) >= set(want["non_internet_ports"]), (rel, iid)
    text = " ".join(f"{s.location} {s.reason}" for s in report.skipped)
    for arn, resource in truth.get("non_ec2_resources", {}).items():
        assert resource["type"] in text or arn in text, (rel, arn)


@pytest.mark.parametrize("rel", _CASES)
def test_sample_matches_truth(rel: str, shared_dir: Path) -> None:
    truth = json.loads((shared_dir / "samples" / "truth.json").read_text())[rel]
    path = shared_dir / "samples" / rel
    fmt = _FORMATS.get(truth["format"], truth["format"])
    if fmt not in registry.names() and fmt.replace("_", "-") not in registry.names():
        pytest.skip(
            f"no parser for the {truth['format']!r} samples yet"
        )  # new formats land with their parser
    expect = truth["expect"]
    if expect == "error":
        with pytest.raises(ParseError) as info:
            parse_report(path)
        assert info.value.source is not None
        assert info.value.source.endswith(path.name)
        return
    try:
        report = parse_report(path)
    except ParseError:
        if expect == "ok_or_error":
            return
        raise
    assert report.format == fmt, rel
    if fmt == "inspector":
        _check_inspector(rel, truth, report)
    else:
        _check_hosts(rel, truth["hosts_if_recovered"] if expect == "ok_or_error" else truth["hosts"], report)
