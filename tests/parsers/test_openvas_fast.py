"""The OpenVAS XML parser's single start handler gives exactly what its PathWalker twin gives.

The twin (``_openvas_reference``) is the implementation before the fast path: a stack of every open
element and one callback per tag. Both read generated GVM-like reports that mix every construct the
parser tells apart (results nested in ``<delta>`` / ``<detection>`` / notes, ``<host>`` at several
depths, refs outside ``nvt``, report-level host entries with details, text split by children), whole,
cut at any byte, and damaged; findings, skips, warnings and errors (type, message, position) must agree.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import BinaryIO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from futurevuls_ext.parsers._context import ParseContext
from futurevuls_ext.parsers._model import Finding
from futurevuls_ext.parsers.openvas import OpenVasParser

from . import _openvas_reference as reference
from ._outcome import Outcome, parse_outcome

_HOSTS = ["10.0.0.1", " 10.0.0.2 ", "2001:DB8::1", "10.0.0.300", "legacy-app", "WEB01", "", "  ", "unknown"]
_NAMES = ["web01.example.test", "", "10.0.0.9", "db01", " mail.example.test "]
_CVES = ["CVE-2021-44228", "cve-2020-1234", "CVE-2019-0001,NOCVE", "NOCVE", " CVE-2018-0002 , CVE-2018-0003"]
_REF_TYPES = ["cve", "CVE", "cve_id", "url", "cert-bund", ""]
_TEXT = [
    "",
    " ",
    "\n  ",
    "x",
    "Log",
    "High",
    "7.5",
    "443/tcp",
    "general/tcp",
    "http (80/tcp)",
    "&amp;",
    "<![CDATA[9.8]]>",
]


def _leaf(rng: random.Random, tag: str, texts: list[str]) -> str:
    return f"<{tag}>{rng.choice(texts)}</{tag}>"


def _nvt(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 6)):
        kind = rng.randint(0, 6)
        if kind == 0:
            parts.append(_leaf(rng, "name", ["OpenSSH", " Weak cipher ", ""]))
        elif kind == 1:
            parts.append(_leaf(rng, "cvss_base", ["5.0", "", "10.5", "x"]))
        elif kind == 2:
            parts.append(_leaf(rng, "cve", _CVES))
        elif kind == 3:
            refs = "".join(
                f'<ref type="{rng.choice(_REF_TYPES)}" id="{rng.choice(_CVES)}"/>'
                for _ in range(rng.randint(0, 3))
            )
            parts.append(f"<refs>{refs}</refs>")
        elif kind == 4:
            parts.append(
                f"<tags>{rng.choice(_TEXT)}<name>inner</name><ref type='cve' id='CVE-2001-0001'/></tags>"
            )
        else:
            parts.append(_leaf(rng, "family", _TEXT))
    oid = rng.choice(["1.3.6.1.4.1.25623.1.0.1", "CVE-2021-44228", "cve-2020-0001", ""])
    return f'<nvt oid="{oid}">{"".join(parts)}</nvt>'


def _result(rng: random.Random, depth: int) -> str:
    parts = []
    for _ in range(rng.randint(0, 9)):
        kind = rng.randint(0, 11)
        if kind == 0:
            inner = rng.choice(["", "<asset asset_id='a'/>", f"<hostname>{rng.choice(_NAMES)}</hostname>"])
            parts.append(f"<host>{rng.choice(_HOSTS)}{inner}{rng.choice(['', ' '])}</host>")
        elif kind == 1:
            parts.append(_leaf(rng, "port", _TEXT))
        elif kind == 2:
            parts.append(_leaf(rng, "threat", ["High", " medium ", "Alarm", "Log", "nonsense", ""]))
        elif kind == 3:
            parts.append(_leaf(rng, "severity", ["9.8", "", "11", " 4.3 "]))
        elif kind == 4:
            parts.append(_nvt(rng))
        elif kind == 5 and depth < 4:
            wrapper = rng.choice(["delta", "detection", "notes", "overrides"])
            parts.append(f"<{wrapper}>{_result(rng, depth + 1)}</{wrapper}>")
        elif kind == 6:
            parts.append(f"<refs><ref type='cve' id='{rng.choice(_CVES)}'/></refs>")
        elif kind == 7:
            parts.append(
                f"<owner><name>{rng.choice(_TEXT)}</name><hostname>{rng.choice(_NAMES)}</hostname></owner>"
            )
        elif kind == 8:
            parts.append(f"<hostname>{rng.choice(_NAMES)}</hostname>")
        elif kind == 9:
            parts.append(
                f"<description>{rng.choice(_TEXT)}<ref type='cve' id='CVE-2000-0001'/></description>"
            )
        elif kind == 10:
            parts.append(_leaf(rng, "name", ["Result name", ""]))
        else:
            parts.append(rng.choice(_TEXT))
    return f"<result id='r'>{''.join(parts)}</result>"


def _entry(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 5)):
        kind = rng.randint(0, 4)
        if kind == 0:
            parts.append(_leaf(rng, "ip", _HOSTS))
        elif kind == 1:
            name = rng.choice(["hostname", "HOSTNAME", "best_os_cpe", ""])
            parts.append(f"<detail><name>{name}</name><value>{rng.choice(_NAMES)}</value></detail>")
        elif kind == 2:
            parts.append("<detail><value>x</value><name>hostname</name></detail>")
        elif kind == 3:
            parts.append(f"<start>{rng.choice(_TEXT)}</start>")
        else:
            parts.append(f"<ip><name>{rng.choice(_NAMES)}</name></ip>")
    return f"<host>{''.join(parts)}</host>"


def _report(rng: random.Random) -> bytes:
    body = []
    for _ in range(rng.randint(0, 8)):
        kind = rng.randint(0, 6)
        if kind <= 2:
            body.append(f"<results>{''.join(_result(rng, 0) for _ in range(rng.randint(0, 4)))}</results>")
        elif kind == 3:
            body.append(_entry(rng))
        elif kind == 4:
            body.append(_result(rng, 0))  # no <results> wrapper (OpenVAS 6)
        elif kind == 5:
            body.append(
                "<ports><port>22/tcp<host>192.0.2.1</host></port></ports><task><slave><host>h</host></slave></task>"
            )
        else:
            body.append(f"<report>{_result(rng, 0)}{_entry(rng)}</report>")
    inner = "".join(body)
    root = rng.choice(["report", "report", "get_reports_response", "get_results_response", "result", "other"])
    if root == "report" and rng.random() < 0.5:
        inner = f"<report id='x'>{inner}</report>"  # the GSA download
    status = rng.choice(["", "", " status='200'", " status='404' status_text='Failed to find report'"])
    return f"<?xml version='1.0'?>\n<{root}{status}>{inner}</{root}>\n".encode()


def _run(parse: Callable[[BinaryIO, ParseContext], Iterator[Finding]], data: bytes) -> Outcome:
    return parse_outcome(parse, data, source="r.xml", parser="openvas")


def _same(data: bytes) -> None:
    assert _run(OpenVasParser().parse, data) == _run(reference.parse, data)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32))
def test_generated_reports_parse_as_the_twin(seed: int) -> None:
    _same(_report(random.Random(seed)))


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 2**32), st.floats(0, 1), st.sampled_from([b"", b"\x00", b"</nope>", b"<", b"&x;", b"]]>"])
)
def test_cut_and_damaged_reports_fail_as_the_twin(seed: int, where: float, junk: bytes) -> None:
    data = _report(random.Random(seed))
    cut = int(len(data) * where)
    _same(data[:cut] + junk)


def test_a_long_report_spans_chunks() -> None:
    """Depth counts carry over chunk boundaries (the end tags are counted per chunk)."""
    rng = random.Random(7)
    results = "".join(_result(rng, 0) for _ in range(12000))
    data = f"<report><report><results>{results}</results>{_entry(rng)}</report></report>".encode()
    assert len(data) > 3 << 20
    first = _run(OpenVasParser().parse, data)
    assert first == _run(reference.parse, data)
    assert len(first[0]) > 1000


@pytest.mark.parametrize(
    "data",
    [
        b"<report><results><result><host>10.0.0.1<hostname>a</hostname></host></result></results></report>",
        b"<report><results><result><delta><result><host>10.9.9.9</host></result></delta>"
        b"<host>10.0.0.1</host></result></results></report>",
        b"<report><report><host><ip>legacy</ip><detail><name>hostname</name><value>v</value></detail></host>"
        b"<results><result><host>legacy<hostname>10.0.0.5</hostname></host></result></results></report></report>",
    ],
)
def test_hand_made_nesting(data: bytes) -> None:
    findings, error, _skipped, _warnings = _run(OpenVasParser().parse, data)
    assert error is None and findings
    _same(data)
