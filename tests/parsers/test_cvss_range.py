"""A CVSS score outside 0-10 is no score, in every format that reads one (not only Nessus CSV).

Excel re-saving an export in a ``,``-decimal locale turns ``5.0`` into ``50``; the XML formats can carry
the same damage after a round trip through a spreadsheet. Each case edits one score of a fixture into an
out-of-range number and checks that exactly that finding lost its score and nothing else changed.
"""

from __future__ import annotations

import io
from pathlib import Path

import attrs
import pytest

from futurevuls_ext._numbers import cvss_number
from futurevuls_ext.parsers import parse_report
from futurevuls_ext.parsers._hostid import cvss_score

DATA = Path(__file__).parent / "data"

CASES: list[tuple[object, ...]] = [
    ("openvas/gsa_report.xml", "openvas", b"<severity>9.8</severity>", b"<severity>98</severity>"),
    ("openvas/openvas6_report.xml", "openvas", b"<cvss_base>6.8</cvss_base>", b"<cvss_base>68</cvss_base>"),
    ("openvas/results.csv", "openvas-csv", b",tcp,7.5,High,", b",tcp,75,High,"),
    ("qualys_xml/scan.xml", "qualys-xml", b"<CVSS_BASE>7.5</CVSS_BASE>", b"<CVSS_BASE>75</CVSS_BASE>"),
    # this row also fills the CVSS v2 column: a damaged v3 cell falls back to it
    ("qualys/scan_report_preamble.csv", "qualys-csv", b'"8.1 (AV:N', b'"81 (AV:N', 5.9),
    ("qualys/was_report.csv", "qualys-was-csv", b'"8.5"', b'"85"'),
    (
        "nessus/multi.nessus",
        "nessus",
        b"<cvss_base_score>4.3</cvss_base_score>",
        b"<cvss_base_score>43</cvss_base_score>",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[str(c[0]) for c in CASES])
def test_out_of_range_cvss_is_no_score(case: tuple[object, ...]) -> None:
    name, fmt, before, after = case[:4]
    fallback = case[4] if len(case) > 4 else None  # the next base-score cell of the row, if it has one
    assert isinstance(name, str) and isinstance(fmt, str)
    assert isinstance(before, bytes) and isinstance(after, bytes)
    data = (DATA / name).read_bytes()
    assert data.count(before) == 1, "the fixture changed: pick another score to damage"
    original = [f for h in parse_report(io.BytesIO(data), format=fmt).hosts for f in h.findings]
    damaged = [
        f for h in parse_report(io.BytesIO(data.replace(before, after)), format=fmt).hosts for f in h.findings
    ]
    assert all(f.cvss is None or 0 <= f.cvss <= 10 for f in damaged)
    changed = [(o, d) for o, d in zip(original, damaged, strict=True) if o != d]
    assert len(changed) == 1
    old, new = changed[0]
    assert old.cvss is not None and new.cvss == fallback
    assert attrs.evolve(old, cvss=fallback) == new


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9.8", 9.8),
        (" 10 ", 10.0),
        ("0", 0.0),
        ("10.1", None),
        ("50", None),
        ("-1", None),
        ("", None),
        ("n/a", None),
    ],
)
def test_cvss_score(text: str, expected: float | None) -> None:
    assert cvss_score(text) == expected


JSON_CASES = [
    (
        "inspector/list_findings_page.json",
        "inspector",
        [(b'"inspectorScore": 8.1', b'"inspectorScore": 81'), (b'"baseScore": 8.1', b'"baseScore": 81')],
    ),
    (
        "asm/cycognito_issues.json",
        "cycognito",
        [(b'"base_severity_score": 7.5', b'"base_severity_score": 75')],
    ),
    ("asm/nuclei_single.json", "nuclei", [(b'"cvss-score": 7.5', b'"cvss-score": 75')]),
    ("asm/nuclei_array.json", "nuclei", [(b'"cvss-score": 7.5', b'"cvss-score": -7.5')]),
    ("asm/asm_assets.json", "asm-json", [(b'"cvss": 10.0', b'"cvss": 100')]),
    (
        "nmap/vulners_new.xml",
        "nmap",
        [(b'key="cvss">7.5<', b'key="cvss">75<'), (b'key="cvss">9.8<', b'key="cvss">98<')],
    ),
]


@pytest.mark.parametrize(("name", "fmt", "edits"), JSON_CASES, ids=[c[0] for c in JSON_CASES])
def test_out_of_range_cvss_is_no_score_in_json_and_nmap(
    name: str, fmt: str, edits: list[tuple[bytes, bytes]]
) -> None:
    """JSON scores (Inspector, CyCognito, nuclei, asm-json) and Nmap vulners rows follow the same rule."""
    data = (DATA / name).read_bytes()
    damaged_data = data
    for before, after in edits:
        assert before in data, "the fixture changed: pick another score to damage"
        damaged_data = damaged_data.replace(before, after)
    original = [f for h in parse_report(io.BytesIO(data), format=fmt).hosts for f in h.findings]
    damaged = [f for h in parse_report(io.BytesIO(damaged_data), format=fmt).hosts for f in h.findings]
    assert all(f.cvss is None or 0 <= f.cvss <= 10 for f in damaged)
    changed = [(o, d) for o, d in zip(original, damaged, strict=True) if o != d]
    assert changed
    for old, new in changed:
        assert old.cvss is not None and new.cvss is None
        assert attrs.evolve(old, cvss=None) == new


@pytest.mark.parametrize(
    ("value", "expected"),
    [(9.8, 9.8), (10, 10.0), ("0", 0.0), (10.01, None), (-0.5, None), (float("nan"), None), (True, None)],
)
def test_cvss_number(value: object, expected: float | None) -> None:
    assert cvss_number(value) == expected
