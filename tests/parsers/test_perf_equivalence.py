"""The hot-loop shortcuts of the Qualys CSV and nuclei parsers give the same findings as the plain code.

The tricks of ``parsers/_speedups.py`` are checked against their twins in tests/parsers/test_speedups.py.
"""

from __future__ import annotations

import io
import ipaddress
import json

import pytest

from futurevuls_ext.parsers import iter_findings
from futurevuls_ext.parsers._json import JsonRecordReader, RecordGate
from futurevuls_ext.parsers._model import Finding, Severity
from futurevuls_ext.parsers._target import authority_host, canonical_ip, split_target
from futurevuls_ext.parsers.nuclei import NucleiParser

_SSH_ROW = (
    '"10.0.0.1","web.example.jp","WEB","38739","  Weak SSH  ","3","22","TCP",'
    '"CVE-2020-1001, cve-2020-2002","6.5"\n'
)
_QUALYS = (
    '"Scan Results","March 12, 2024"\n'
    "\n"
    '"IP","DNS","NetBIOS","QID","Title","Severity","Port","Protocol","CVE ID","CVSS3.1 Base"\n'
    + _SSH_ROW
    * 2
    + '"10.0.0.1","web.example.jp","WEB","105","","5","","","","9.8 (AV:N)"\n'
    '"10.0.0.2, 10.0.0.3","No registered hostname","","106"," Other ","x","0","","","n/a"\n'
    '"","db.example.jp","","107","Db","1","443","","",""\n'
    '"","","","108","Nothing","1","443","","",""\n'
)


def test_qualys_rows_map_as_documented() -> None:
    """Cached host and detail cells (title included) give each row its own, correct finding."""
    findings = list(iter_findings(io.BytesIO(_QUALYS.encode()), format="qualys-csv"))
    assert [f.address for f in findings] == ["10.0.0.1", "10.0.0.1", "10.0.0.1", "10.0.0.2", "db.example.jp"]
    first, second, third, fourth, fifth = findings
    assert first == second
    assert first.title == "Weak SSH"
    assert first.port == 22
    assert first.protocol == "tcp"
    assert first.cve_ids == frozenset({"CVE-2020-1001", "CVE-2020-2002"})
    assert first.severity is Severity.MEDIUM  # Qualys level 3 of 5
    assert first.cvss == 6.5
    assert first.source_id == "38739"
    assert first.hostnames == ("web.example.jp", "WEB")
    assert first.scanner == "qualys-csv"
    assert third.title is None
    assert third.port is None
    assert third.protocol is None
    assert third.severity is Severity.CRITICAL
    assert third.cvss == 9.8
    assert fourth.ip_addresses == ("10.0.0.2", "10.0.0.3")
    assert fourth.hostnames == ()
    assert fourth.title == "Other"
    assert fourth.severity is None
    assert fourth.cvss is None
    assert fifth.ip is None
    assert fifth.port == 443
    assert fifth.protocol == "tcp"
    assert fifth.product is None
    assert fifth.cpes == ()


def _records(data: bytes) -> list[tuple[object, int]]:
    from futurevuls_ext.parsers._context import ParseContext

    ctx = ParseContext(source="<test>", parser="nuclei")
    gate = RecordGate(ctx, "nuclei")
    return list(JsonRecordReader(io.BytesIO(data), ctx, gate, wrapper_keys=("results",)))


@pytest.mark.parametrize(
    "line",
    [
        b'{"a": 1}\n',
        b'{"a": 1}',
        b'{"a": [1, 2.5, "x\\u00e9", null, true]}  \t\r\n',
        '{"k": "\u65e5\u672c"}\n'.encode(),
        b'{"s": "\\ud800"}\n',
        b"{}\n",
    ],
)
def test_json_lines_fast_path_decodes_like_json_loads(line: bytes) -> None:
    """The per-line decode shortcut returns what ``json.loads`` returns for the same line."""
    assert _records(b'{"b": 2}\n' + line) == [({"b": 2}, 1), (json.loads(line), 2)]


def test_json_lines_fast_path_leaves_errors_to_the_slow_path() -> None:
    """Extra data and a broken record are refused; a wrapper object still yields its list."""
    data = b'{"a": 1} x\n{"b": ]\n{"results": [{"c": 3}], "next": null}\n{"d": 4}\n'
    from futurevuls_ext.parsers._context import ParseContext

    ctx = ParseContext(source="<test>", parser="nuclei")
    gate = RecordGate(ctx, "nuclei")
    reader = JsonRecordReader(io.BytesIO(data), ctx, gate, wrapper_keys=("results",))
    records = [record for record, _line in reader]
    assert records == [{"c": 3}, {"d": 4}]
    assert reader.wrappers == ["results"]
    assert gate.invalid == 2


def _nuclei(*records: dict[str, object]) -> list[Finding]:
    data = b"".join(json.dumps(r).encode() + b"\n" for r in records)
    return list(iter_findings(io.BytesIO(data), format=NucleiParser.name))


def test_nuclei_ip_of_another_matched_host_is_dropped() -> None:
    """The resolved ip is kept only when matched-at names the same host as ``host``."""
    base: dict[str, object] = {
        "template-id": "CVE-2021-44228",
        "info": {"name": "Log4j", "severity": "critical", "classification": {"cve-id": ["cve-2021-44228"]}},
        "type": "http",
        "host": "Web.Example.jp",
        "port": "8443",
        "ip": "10.0.0.5",
    }
    same = _nuclei({**base, "matched-at": "https://web.example.jp:8443/x"})[0]
    other = _nuclei({**base, "matched-at": "https://login.example.com/x"})[0]
    assert same.ip == "10.0.0.5"
    assert same.ip_addresses == ("10.0.0.5",)
    assert same.hostnames == ("web.example.jp",)
    assert same.port == 8443
    assert same.cve_ids == frozenset({"CVE-2021-44228"})
    assert same.severity is Severity.CRITICAL
    assert other.ip is None
    assert other.ip_addresses == ()


@pytest.mark.parametrize(
    "text",
    [
        "10.0.0.1",
        " 10.16.0.15 ",
        "0.0.0.0",
        "255.255.255.255",
        "256.1.1.1",
        "01.2.3.4",
        "1.2.3.04",
        "1.2.3",
        "1.2.3.4.5",
        "1..2.3",
        "1.2.3.4.",
        "\u0661.\u0662.\u0663.\u0664",
        "1234",
        "2001:DB8::1",
        "web.example.jp",
    ],
)
def test_canonical_ip_ipv4_shortcut_matches_ipaddress(text: str) -> None:
    """The dotted-quad shortcut answers exactly what ``str(ipaddress.ip_address(...))`` answers."""
    try:
        expected: str | None = str(ipaddress.ip_address(text.strip()))
    except ValueError:
        expected = None
    assert canonical_ip.__wrapped__(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "https://Web.Example.jp:8443/x?y#z",
        "http://web.example.jp:80",
        "web.example.jp:22",
        "u:p@web.example.jp:22/x",
        "https://[2001:db8::1]:443/",
        "http://10.0.0.1:8080?x=http://other:1/",
        "/http://dvwa_dvwa_1/",
        "host.:",
        ":443",
        "a:b:c",
    ],
)
def test_authority_host_is_the_host_of_split_target(text: str) -> None:
    """The port-less cache key of authority_host gives the host split_target gives."""
    assert authority_host(text) == split_target.__wrapped__(text).host
