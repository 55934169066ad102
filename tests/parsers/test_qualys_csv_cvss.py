"""qualys-csv: a row's CVSS is its first filled base-score cell (v3.1, v3, then v2), row by row.

The preferred column is chosen at the header, but a row that leaves it empty (or writes a score
outside 0-10 there) takes the next base-score column that row fills, as the docs promise.
"""

from __future__ import annotations

import io

import pytest

from futurevuls_ext.parsers import iter_findings

_HEADER = '"IP","DNS","QID","Title","Type","Severity","Port","Protocol","CVE ID",{scores}\n'


def _cvss(header_scores: str, row_scores: str) -> float | None:
    text = _HEADER.format(scores=header_scores) + (
        f'"10.0.0.1","a.example","38739","Weak cipher","Vuln","3","443","tcp","CVE-2016-2183",{row_scores}\n'
    )
    (finding,) = iter_findings(io.BytesIO(text.encode()), format="qualys-csv")
    return finding.cvss


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ('"7.5","5.0"', 7.5),
        ('"","5.0"', 5.0),  # no v3.1 score on this row: v2
        ('"98","5.0"', 5.0),  # out of range: no score there, so v2
        ('"-","5.0 (AV:N/AC:L/Au:N/C:P/I:N/A:N)"', 5.0),
        ('"",""', None),
        ('"7.5",""', 7.5),
    ],
)
def test_first_filled_base_score(row: str, expected: float | None) -> None:
    assert _cvss('"CVSS3.1 Base","CVSS Base"', row) == expected


def test_three_versions_fall_back_in_order() -> None:
    assert _cvss('"CVSS Base","CVSS3.1 Base","CVSS3 Base"', '"4.3","","6.1"') == 6.1
    assert _cvss('"CVSS Base","CVSS3.1 Base","CVSS3 Base"', '"4.3","",""') == 4.3


def test_only_one_score_column() -> None:
    assert _cvss('"CVSS Base"', '"5.0"') == 5.0
    assert _cvss('"CVSS Base"', '""') is None
