"""The fast CSV row loop (``_csv_table.row_findings``) against its twin, the old loop, on fuzzed files.

The old loop memoised a row's detail under the tuple of all its detail cells; the fast one keys its
memo on two cells (plugin id and CVE, OID and port) and compares the others. The fuzzed files repeat
a few plugin ids with other titles, scores, CVEs, risks and ports, so a memo that trusted its key
alone hands out a wrong finding and fails here. They also hold blank rows (empty lines, ``,,,,``),
short rows, rows without host, rows with an empty first id cell, non-ASCII digits, a BOM, quoted
cells with quotes, commas and newlines, and files cut at a random byte: findings, skipped records and
errors (type, message, location) must be the same.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

import pytest

from futurevuls_ext.parsers import ParseError, nessus_csv, openvas_csv
from futurevuls_ext.parsers._context import ParseContext
from futurevuls_ext.parsers._model import Finding

from ._csv_rows_reference import reference_row_findings

_NESSUS_HEADERS = [
    ["Plugin ID", "CVE", "CVSS", "Risk", "Host", "Protocol", "Port", "Name", "Synopsis", "Plugin Output"],
    [
        "Plugin ID",
        "CVE",
        "CVSS v2.0 Base Score",
        "CVSS v3.0 Base Score",
        "Risk",
        "Host",
        "IP Address",
        "FQDN",
        "NetBios",
        "Protocol",
        "Port",
        "Name",
        "Description",
    ],
    [
        "Plugin",
        "Plugin Name",
        "Severity",
        "IP Address",
        "Protocol",
        "Port",
        "DNS Name",
        "CVE",
        "CVSS V3 Base Score",
    ],
]
_OPENVAS_HEADERS = [
    [
        "IP",
        "Hostname",
        "Port",
        "Port Protocol",
        "CVSS",
        "Severity",
        "QoD",
        "NVT Name",
        "Summary",
        "NVT OID",
        "CVEs",
    ],
    [
        "IP",
        "Hostname",
        "Port",
        "Port Protocol",
        "CVSS",
        "Severity",
        "NVT Name",
        "NVT OID",
        "CVEs",
        "Solution",
    ],
]

_CELLS: dict[str, list[str]] = {
    "plugin": ["10107", "19506", "187315", "10107 ", "", "\u0663\u0664", "1"],
    "cve": [
        "",
        "CVE-2023-48795",
        "CVE-2021-44228",
        "cve-2021-44228, CVE-2020-0001",
        "NOCVE",
        "CVE-1999-0524",
    ],
    "cvss": ["", "5.9", "10.0", "50", "9.8", "\u0665.\u0660", "x", "0"],
    "risk": ["None", "Low", "Medium", "High", "Critical", "", "Log", "bogus"],
    "host": [
        "10.0.0.1",
        "10.0.0.2",
        "web.example.test",
        "",
        "https://app.example.test:8443/x",
        "10.0.0.1001",
        "-",
    ],
    "ip": ["10.0.0.1", "", "10.0.0.3", "::1", "not-an-ip", "192.168.1.1001"],
    "fqdn": ["", "a.example.test", "B.EXAMPLE.TEST", "n/a"],
    "protocol": ["tcp", "udp", "", "TCP", "icmp"],
    "port": ["22", "443", "0", "", "\uff12\uff12", "70000", "-1", "80"],
    "name": [
        "HTTP Server Type",
        'Weak "SSH"',
        "Title, with comma",
        "multi\nline",
        "",
        "Ünïcode 題名",
        "  spaced  ",
    ],
    "oid": ["1.3.6.1.4.1.25623.1.0.10107", "CVE-2021-44228", "", "1.3.6.1.4.1.25623.1.0.2"],
    "text": ["", "free text CVE-2000-0001", 'quote " inside', "line\nbreak", "a,b"],
}
_ROLE_OF = {
    "plugin id": "plugin",
    "plugin": "plugin",
    "cve": "cve",
    "cves": "cve",
    "risk": "risk",
    "severity": "risk",
    "host": "host",
    "ip address": "ip",
    "ip": "ip",
    "hostname": "fqdn",
    "fqdn": "fqdn",
    "dns name": "fqdn",
    "netbios": "fqdn",
    "protocol": "protocol",
    "port protocol": "protocol",
    "port": "port",
    "name": "name",
    "plugin name": "name",
    "nvt name": "name",
    "nvt oid": "oid",
}


def _cell(rng: random.Random, column: str) -> str:
    name = column.lower()
    role = _ROLE_OF.get(name, "cvss" if "cvss" in name else "text")
    return rng.choice(_CELLS[role])


def _fuzz_file(rng: random.Random, header: list[str]) -> bytes:
    # a few row templates, each repeated with a few cells changed: same plugin ids, other details
    templates = [[_cell(rng, c) for c in header] for _ in range(rng.randint(1, 4))]
    out = io.StringIO()
    writer = csv.writer(out, quoting=rng.choice([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]), lineterminator="\n")
    writer.writerow(header)
    for _ in range(rng.randint(0, 40)):
        kind = rng.random()
        if kind < 0.05:
            out.write("\n")
        elif kind < 0.1:
            out.write("," * (len(header) - 1) + "\n")
        elif kind < 0.14:
            writer.writerow(rng.choice(templates)[: rng.randint(1, len(header) - 1)])
        else:
            row = list(rng.choice(templates))
            for _ in range(rng.randint(0, 3)):
                i = rng.randrange(len(header))
                row[i] = _cell(rng, header[i])
            writer.writerow(row)
    data = out.getvalue().encode()
    if rng.random() < 0.3:
        data = b"\xef\xbb\xbf" + data
    if rng.random() < 0.25:
        data = data[: rng.randint(len(data) // 2, len(data))]
    return data


Outcome = tuple[list[Finding], list[tuple[str, str]], int, tuple[str, str] | None]


def _run(parse: Callable[[io.BytesIO, ParseContext], Iterator[Finding]], data: bytes) -> Outcome:
    ctx = ParseContext(source="fuzz.csv", parser="test")
    findings: list[Finding] = []
    error = None
    try:
        for finding in parse(io.BytesIO(data), ctx):
            findings.append(finding)
    except ParseError as exc:
        error = (type(exc).__name__, str(exc))
    skipped = [(s.location, s.reason) for s in ctx.skipped]
    return findings, skipped, ctx.skipped_count, error


def _both(module: Any, parser: Any, data: bytes) -> tuple[Outcome, Outcome]:
    fast = _run(parser.parse, data)
    with mock.patch.object(module, "row_findings", reference_row_findings):
        old = _run(parser.parse, data)
    return fast, old


@pytest.mark.parametrize("seed", range(250))
def test_nessus_csv_fast_loop_matches_the_old_one(seed: int) -> None:
    rng = random.Random(seed)
    data = _fuzz_file(rng, rng.choice(_NESSUS_HEADERS))
    fast, old = _both(nessus_csv, nessus_csv.NessusCsvParser(), data)
    assert fast == old, data


@pytest.mark.parametrize("seed", range(150))
def test_openvas_csv_fast_loop_matches_the_old_one(seed: int) -> None:
    rng = random.Random(seed)
    data = _fuzz_file(rng, rng.choice(_OPENVAS_HEADERS))
    fast, old = _both(openvas_csv, openvas_csv.OpenVasCsvParser(), data)
    assert fast == old, data


def test_one_plugin_id_with_other_cells_gives_other_findings() -> None:
    """The memo's key cells (plugin id, CVE) repeat, title, risk, port and score differ: rows stay apart."""
    rows = [
        '"1","CVE-2020-0001","5.0","Medium","10.0.0.1","tcp","22","Old title"',
        '"1","CVE-2020-0001","9.8","Critical","10.0.0.1","udp","53","New title"',
        '"1","CVE-2020-0001","5.0","Medium","10.0.0.2","tcp","22","Old title"',
        '"1","CVE-2020-0001","5.0","Medium","10.0.0.2","tcp","22","Other title"',
    ]
    data = ("Plugin ID,CVE,CVSS,Risk,Host,Protocol,Port,Name\n" + "\n".join(rows) + "\n").encode()
    fast, old = _both(nessus_csv, nessus_csv.NessusCsvParser(), data)
    assert fast == old
    titles = [(f.title, f.cvss, f.port, f.protocol) for f in fast[0]]
    assert titles == [
        ("Old title", 5.0, 22, "tcp"),
        ("New title", 9.8, 53, "udp"),
        ("Old title", 5.0, 22, "tcp"),
        ("Other title", 5.0, 22, "tcp"),
    ]
