"""Notebook-grade reprs: short text for ScanReport / HostResult, HTML tables, escaped report text."""

from __future__ import annotations

from futurevuls_ext.parsers import Finding, HostResult, Port, ScanReport, SkippedRecord
from futurevuls_ext.parsers._model import Severity


def _host(n: int, *, cves: int = 30, name: str | None = None) -> HostResult:
    address = f"10.0.{n // 250}.{n % 250}"
    ids = frozenset(f"CVE-2024-{1000 + i}" for i in range(cves))
    findings = tuple(
        Finding(address=address, port=443, protocol="tcp", cve_ids=frozenset({c}), title=f"check {c}",
                severity=Severity.HIGH, scanner="nessus")
        for c in sorted(ids)
    )  # fmt: skip
    return HostResult(
        address=address,
        hostnames=frozenset({name or f"host{n}.example"}),
        ip_addresses=frozenset({address}),
        cve_ids=ids,
        ports=frozenset({Port(port=443, protocol="tcp"), Port(port=22, protocol="tcp")}),
        findings=findings,
    )


def _report(hosts: int) -> ScanReport:
    return ScanReport(
        format="nessus",
        source="scan.nessus",
        hosts=tuple(_host(n) for n in range(hosts)),
        skipped=(SkippedRecord(location="ReportHost[3]", reason="no address"),),
        skipped_count=1,
        warnings=("w",),
    )


def test_report_repr_is_short_whatever_the_size() -> None:
    assert repr(_report(500)) == (
        "<ScanReport nessus 'scan.nessus': 500 hosts, 30 CVEs, 1 skipped record, 1 warning; "
        "hosts: 10.0.0.0, 10.0.0.1, 10.0.0.2, … and 497 more>"
    )
    assert (
        repr(ScanReport(format="nmap", source="<stream>")) == "<ScanReport nmap '<stream>': 0 hosts, 0 CVEs>"
    )


def test_host_repr() -> None:
    assert repr(_host(1, cves=1)) == (
        "<HostResult 10.0.0.1 (host1.example): 1 CVE, 2 open ports (22/tcp, 443/tcp), 1 finding>"
    )


def test_control_characters_from_the_report_are_escaped() -> None:
    host = _host(1, cves=0, name="evil\x1b[2J\nname")
    assert (
        repr(host)
        == "<HostResult 10.0.0.1 (evil\\x1b[2J\\nname): 0 CVEs, 2 open ports (22/tcp, 443/tcp), 0 findings>"
    )
    assert "\x1b" not in host._repr_html_()


def test_html_tables_are_bounded() -> None:
    report = _report(500)
    page = report._repr_html_()
    assert page.startswith("<table><caption>ScanReport nessus &#x27;scan.nessus&#x27;: 500 hosts, 30 CVEs")
    assert page.count("<tr>") == 21  # the header and 20 hosts
    assert page.endswith("<p>… and 480 more</p>")
    assert len(page) < 10_000
    host_page = report.hosts[0]._repr_html_()
    assert host_page.count("<tr>") == 21
    assert "<td>443/tcp</td><td>check CVE-2024-1000</td><td>high</td><td>CVE-2024-1000</td>" in host_page


def test_html_escapes_markup() -> None:
    host = _host(1, cves=0, name="<script>alert(1)</script>")
    assert "<script>" not in _report(0)._repr_html_() + host._repr_html_()
    assert "&lt;script&gt;" in host._repr_html_()
