"""Hostile and broken XML: every case raises ParseError quickly, in bounded memory, for both parsers."""

from __future__ import annotations

import io
import tracemalloc

import pytest

from futurevuls_ext.parsers import ParseError, iter_findings, parse_report

XML_DECL = b'<?xml version="1.0"?>'
NESSUS_HEAD = b'<?xml version="1.0"?>\n<NessusClientData_v2><Report name="r">'
HOST = b'<ReportHost name="192.0.2.1"><HostProperties><tag name="host-ip">192.0.2.1</tag></HostProperties>'

QUADRATIC = (
    b'<?xml version="1.0"?><!DOCTYPE NessusClientData_v2 [<!ENTITY a "' + b"x" * 50_000 + b'">]>'
    b"<NessusClientData_v2><Report><ReportHost name='"
    + b"&a;" * 5_000
    + b"'/></Report></NessusClientData_v2>"
)
PARAMETER_XXE = (
    b'<?xml version="1.0"?><!DOCTYPE nmaprun [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/e.dtd"> %ext;]>'
    b"<nmaprun/>"
)
DEEP = NESSUS_HEAD + b"<a>" * 200_000 + b"</a>" * 200_000 + b"</Report></NessusClientData_v2>"

CASES = {
    "quadratic blowup": ("nessus", QUADRATIC, "EntitiesForbidden"),
    "parameter entity": ("nmap", PARAMETER_XXE, "EntitiesForbidden"),
    "unparsed entity": (
        "nmap",
        b'<?xml version="1.0"?><!DOCTYPE nmaprun [<!NOTATION n SYSTEM "x">'
        b'<!ENTITY u SYSTEM "y" NDATA n>]><nmaprun/>',
        "EntitiesForbidden",
    ),
    "undefined entity": (
        "nmap",
        b'<?xml version="1.0"?><nmaprun><host name="&nope;"/></nmaprun>',
        "undefined entity",
    ),
    "binary garbage": ("nessus", bytes(range(256)) * 64, "not an XML report"),
    "invalid utf-8": ("nessus", NESSUS_HEAD + HOST + b"<ReportItem pluginName='\xff\xfe'/>", "malformed XML"),
    "control byte": (
        "nmap",
        b'<?xml version="1.0"?><nmaprun><host comment="\x01"/></nmaprun>',
        "malformed XML",
    ),
    "comment before declaration": (
        "nmap",
        b'<!-- SPDX-License-Identifier: x -->\n<?xml version="1.0"?><nmaprun/>',
        "not an XML report",
    ),
    "json": ("nessus", b'{"NessusClientData_v2": []}', "not an XML report"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_inputs_raise_parse_error(case: str) -> None:
    fmt, data, message = CASES[case]
    with pytest.raises(ParseError, match=message) as info:
        parse_report(io.BytesIO(data), format=fmt)
    assert info.value.location
    assert info.value.source == "<stream>"


def test_deep_nesting_is_parsed_without_recursion() -> None:
    report = parse_report(io.BytesIO(DEEP), format="nessus")
    assert report.hosts == ()


class _Endless(io.RawIOBase):
    """``head`` then ``size`` bytes of ``fill`` (never materialised as one object)."""

    def __init__(self, head: bytes, fill: bytes, size: int) -> None:
        self.head = head
        self.fill = fill
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        n = min(len(buffer), self.left)
        buffer[:n] = self.fill * n
        self.left -= n
        return n


@pytest.mark.parametrize(
    ("fmt", "head", "message"),
    [
        ("nessus", NESSUS_HEAD + b'<ReportHost name="', "single XML token"),
        ("nmap", b'<?xml version="1.0"?><nmaprun><host comment="', "single XML token"),
        ("nessus", NESSUS_HEAD + HOST + b'<ReportItem port="1"><cve>', "larger than 16 MiB"),
    ],
)
def test_huge_tokens_and_texts_are_refused_in_bounded_memory(fmt: str, head: bytes, message: str) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(ParseError, match=message):
            list(iter_findings(io.BufferedReader(_Endless(head, b"a", 40 << 20)), format=fmt))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 << 20
