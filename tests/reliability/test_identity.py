"""One host, one identity (issue 15 item 10) and ASCII-only IP checks (item 9): parsers, grouping, merging
and matching all use futurevuls_ext._identity."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from futurevuls_ext._identity import canonical_host, canonical_ip, canonical_name
from futurevuls_ext.importer import ImportOptions, plan_import
from futurevuls_ext.parsers import Finding, group_findings, parse_report
from futurevuls_ext.parsers._model import is_ip
from futurevuls_ext.parsers._target import split_target

from ..importer.factories import server


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("::FFFF:10.0.0.1", "10.0.0.1"),
        ("::ffff:a00:1", "10.0.0.1"),
        ("2001:DB8:0:0::1", "2001:db8::1"),
        (" 192.0.2.1 ", "192.0.2.1"),
        ("\u0663.\u0663.\u0663.\u0663", None),  # Arabic-Indic digits
        ("\uff11.2.3.4", None),  # fullwidth 1
        ("1.2.3.\u00b2", None),  # superscript two
        ("::\u0661", None),
        ("web01", None),
    ],
)
def test_canonical_ip(text: str, expected: str | None) -> None:
    assert canonical_ip.__wrapped__(text) == expected
    assert is_ip(text.strip()) is (expected is not None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bücher.Example", "xn--bcher-kva.example"),
        ("xn--BCHER-kva.example.", "xn--bcher-kva.example"),
        ("WEB01", "web01"),
        ("a..b", "a..b"),  # IDNA refuses an empty label: only case-folded
    ],
)
def test_canonical_name(text: str, expected: str) -> None:
    assert canonical_name(text) == expected


def test_unicode_digits_are_not_addresses_anywhere() -> None:
    assert not is_ip("\u0663.\u0663.\u0663.\u0663")
    assert not split_target("\u0663.\u0663.\u0663.\u0663:80").is_ip


@given(st.ip_addresses(v=6))
def test_ipv4_mapped_is_its_ipv4(address: object) -> None:
    import ipaddress

    assert isinstance(address, ipaddress.IPv6Address)
    mapped = address.ipv4_mapped
    assert canonical_host(address.exploded.upper()) == (str(mapped) if mapped else str(address))


def _finding(address: str, cve: str) -> Finding:
    return Finding(address=address, ip=canonical_ip(address), cve_ids=frozenset({cve}), scanner="t")


def test_grouping_merges_spellings_of_one_host() -> None:
    hosts = group_findings(
        [
            _finding("::FFFF:10.0.0.1", "CVE-2024-1"),
            _finding("10.0.0.1", "CVE-2024-2"),
            _finding("WEB01", "CVE-2024-3"),
            _finding("web01", "CVE-2024-4"),
        ]
    )
    assert [(h.address, sorted(h.cve_ids)) for h in hosts] == [
        ("10.0.0.1", ["CVE-2024-1", "CVE-2024-2"]),
        ("WEB01", ["CVE-2024-3", "CVE-2024-4"]),
    ]
    assert hosts[0].ip_addresses == frozenset({"10.0.0.1"})


NESSUS = b"""<?xml version="1.0" ?>
<NessusClientData_v2><Report name="r">
<ReportHost name="::FFFF:10.0.0.1"><HostProperties><tag name="host-ip">::FFFF:10.0.0.1</tag></HostProperties>
<ReportItem port="443" svc_name="www" protocol="tcp" severity="3" pluginID="1" pluginName="x">
<cve>CVE-2014-0160</cve></ReportItem></ReportHost>
</Report></NessusClientData_v2>
"""


def test_nessus_ipv4_mapped_host_matches_the_ipv4_server() -> None:
    report = parse_report(io.BytesIO(NESSUS), format="nessus")
    (host,) = report.hosts
    assert host.address == "10.0.0.1"
    servers = [server(3, "web", "10.0.0.1", os_family="ubuntu")]
    (write,) = plan_import(report.hosts, servers, [], ImportOptions(name="nessus")).writes
    assert write.server_id == 3
