"""The Qualys SCAN walk's shortcuts give exactly what its twin (``_qualys_scan_reference``) gives.

The shortcuts: one containment test for the tags passed over, the text flush inlined in the start
handler, and a host's port / protocol and CVSS cells converted once per distinct value. Both read
generated SCAN reports with every construct the walk tells apart (``ID`` in CVE, Bugtraq and vendor
lists, ``TITLE`` / ``CVSS_BASE`` / ``CVSS3_BASE`` outside detections, detections outside sections, ``cveid``
attributes, CDATA and split text), whole, cut at any byte, and damaged.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import BinaryIO

from hypothesis import given, settings
from hypothesis import strategies as st

from futurevuls_ext.parsers._context import ParseContext
from futurevuls_ext.parsers._model import Finding
from futurevuls_ext.parsers._qualys_scan import scan_findings

from . import _qualys_scan_reference as reference
from ._outcome import Outcome, parse_outcome

_IPS = ["10.0.0.1", "10.0.0.300", "", "2001:DB8::1", " 10.0.0.2"]
_NAMES = ["No registered hostname", "web01.example.test", "", "10.0.0.9"]
_PORTS = ["", "22", "0", "443", "x", "70000", " 80"]
_PROTOCOLS = ["", "tcp", "UDP", " tcp "]
_TEXT = [
    "",
    " ",
    "x",
    "<![CDATA[CVE-2021-44228]]>",
    "cve-2020-1234",
    "CVE-2019-0001, CVE-2019-0002",
    "7.5",
    "7.5 (AV:N/AC:L)",
    "4.35",
    " 10 ",
    "11",
    "<![CDATA[9.8]]> (x)",
    "&lt;b&gt;",
    "<![CDATA[a]]><![CDATA[b]]>",
    "-",
    "98",
]


def _leaf(rng: random.Random, tag: str) -> str:
    return f"<{tag}>{rng.choice(_TEXT)}</{tag}>"


def _list(rng: random.Random) -> str:
    name = rng.choice(["CVE_ID_LIST", "CVE_ID_LIST", "BUGTRAQ_ID_LIST", "VENDOR_REFERENCE_LIST"])
    item = {"CVE_ID_LIST": "CVE_ID", "BUGTRAQ_ID_LIST": "BUGTRAQ_ID"}.get(name, "VENDOR_REFERENCE")
    entries = "".join(
        f"<{item}>{_leaf(rng, 'ID')}{_leaf(rng, 'URL')}</{item}>" for _ in range(rng.randint(0, 3))
    )
    return f"<{name}>{entries}</{name}>"


def _detection(rng: random.Random) -> str:
    tag = rng.choice(["VULN", "PRACTICE", "INFO", "SERVICE"])
    cveid = f' cveid="{rng.choice(_TEXT[4:6])}"' if rng.random() < 0.2 else ""
    parts = []
    for _ in range(rng.randint(0, 6)):
        kind = rng.randint(0, 6)
        if kind == 0:
            parts.append(_leaf(rng, "TITLE"))
        elif kind == 1:  # v2 and v3 base scores, in either order, each maybe twice
            parts.append(_leaf(rng, rng.choice(["CVSS_BASE", "CVSS3_BASE"])))
        elif kind <= 3:
            parts.append(_list(rng))
        elif kind == 4:
            parts.append(_leaf(rng, "ID"))  # an ID outside any list
        elif kind == 5:
            parts.append(f"<DIAGNOSIS>{rng.choice(_TEXT)}<TITLE>inner</TITLE></DIAGNOSIS>")
        else:
            parts.append(_leaf(rng, "RESULT"))
    number = rng.choice(["38739", "", " 105 "])
    severity = rng.choice(["1", "3", "5", "9", "", "x"])
    return f'<{tag} number="{number}" severity="{severity}"{cveid}>{"".join(parts)}</{tag}>'


def _host(rng: random.Random) -> str:
    parts = [f"<OS>{rng.choice(_TEXT)}</OS>"] if rng.random() < 0.5 else []
    for _ in range(rng.randint(0, 4)):
        kind = rng.randint(0, 5)
        if kind <= 2:
            section = rng.choice(["VULNS", "PRACTICES", "INFOS", "SERVICES"])
            cats = []
            for _ in range(rng.randint(0, 3)):
                port = (
                    f' port="{rng.choice(_PORTS)}" protocol="{rng.choice(_PROTOCOLS)}"'
                    if rng.random() < 0.7
                    else ""
                )
                cats.append(
                    f'<CAT value="c"{port}>{"".join(_detection(rng) for _ in range(rng.randint(0, 3)))}</CAT>'
                )
            parts.append(f"<{section}>{''.join(cats)}</{section}>")
        elif kind == 3:
            parts.append(_detection(rng))  # outside any section
        elif kind == 4:
            parts.append(_leaf(rng, rng.choice(["TITLE", "CVSS3_BASE"])))
        else:
            parts.append(f"<OS>{_detection(rng)}</OS>")
    return f'<IP value="{rng.choice(_IPS)}" name="{rng.choice(_NAMES)}">{"".join(parts)}</IP>\n'


def _report(rng: random.Random) -> bytes:
    hosts = "".join(_host(rng) for _ in range(rng.randint(0, 5)))
    header = "<HEADER><KEY value='TITLE'>t</KEY></HEADER>" if rng.random() < 0.7 else ""
    root = rng.choice(["SCAN"] * 5 + ["OTHER"])
    doctype = (
        '<!DOCTYPE SCAN SYSTEM "https://qualysguard.example.invalid/scan-1.dtd">\n'
        if rng.random() < 0.5
        else ""
    )
    error = rng.choice(
        ["", "", "", '<ERROR number="3509">No host alive</ERROR>', "<ERROR>x<ID>y</ID></ERROR>"]
    )
    if rng.random() < 0.2:
        hosts = hosts.replace("<IP ", '<IP status="down" ', 1)
    body = f"{hosts}{error}" if rng.random() < 0.5 else f"{error}{hosts}"
    return f'<?xml version="1.0"?>\n{doctype}<{root} value="s">{header}{body}</{root}>\n'.encode()


def _run(parse: Callable[[BinaryIO, ParseContext], Iterator[Finding]], data: bytes) -> Outcome:
    return parse_outcome(parse, data, source="s.xml", parser="qualys-xml")


def _ours(stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
    return scan_findings(stream, ctx, "qualys-xml")


def _same(data: bytes) -> Outcome:
    outcome = _run(_ours, data)
    assert outcome == _run(reference.scan_findings, data)
    return outcome


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32))
def test_generated_scan_reports_parse_as_the_twin(seed: int) -> None:
    _same(_report(random.Random(seed)))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32), st.floats(0, 1), st.sampled_from([b"", b"\x00", b"</nope>", b"<", b"&x;"]))
def test_cut_and_damaged_scan_reports_fail_as_the_twin(seed: int, where: float, junk: bytes) -> None:
    data = _report(random.Random(seed))
    _same(data[: int(len(data) * where)] + junk)


def test_a_long_report_spans_chunks() -> None:
    """Text split by a chunk boundary is joined; findings carry CVEs, ports and scores."""
    rng = random.Random(3)
    hosts = "".join(_host(rng) for _ in range(4000))
    data = f"<SCAN value='s'>{hosts}</SCAN>".encode()
    assert len(data) > 2 << 20
    findings, error, _skipped, _warnings = _same(data)
    assert error is None
    assert (
        any(f.cve_ids for f in findings) and any(f.port for f in findings) and any(f.cvss for f in findings)
    )
