"""qualys-xml CVSS: the v3 base score (``CVSS3_BASE``) first, else the v2 one (``CVSS_BASE``).

The rule of docs/formats.md ("CVSS", and nessus / nessus-csv / qualys-csv): a v3 base score that is none
(absent, empty, ``-``, outside 0-10) gives way to the v2 base score. Every test here failed while the
parser read ``CVSS_BASE`` only (a SCAN or glossary v3 score was lost, as the v3 score of Nessus once was).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from futurevuls_ext.parsers import parse_report
from futurevuls_ext.parsers import qualys_xml as qualys_xml_module
from futurevuls_ext.parsers._protocol import SNIFF_BYTES

from . import _qualys_scan_reference as reference
from ._outcome import parse_outcome

DATA = Path(__file__).parent / "data" / "qualys_xml"

_SCAN_SCORES = {
    "11001": 8.1,  # both: v3 (CVSS_BASE source="service" and the temporal scores are not it)
    "11002": 7.5,  # v3 with its vector in the same text
    "11003": 6.4,  # v2 only
    "11004": 5.0,  # <CVSS3_BASE></CVSS3_BASE> (the WebGUI export): v2
    "11005": 4.3,  # <CVSS3_BASE>-</CVSS3_BASE>: v2
    "11006": 6.8,  # v3 98 is no score: v2
    "11007": None,  # v3 11 is no score, and there is no v2
    "11008": 5.3,  # v3 only
}


def _scores(data: bytes | Path) -> dict[str | None, float | None]:
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    report = parse_report(source, format="qualys-xml", strict=True)
    return {f.source_id: f.cvss for h in report.hosts for f in h.findings}


def test_scan_takes_cvss3_base_else_cvss_base() -> None:
    assert _scores(DATA / "scan_cvss3.xml") == _SCAN_SCORES


def test_scan_read_by_the_general_walk_takes_cvss3_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """A SCAN whose root is past the sniffed head is read by the PathWalker walk: the same scores."""

    def no_fast_path(*_args: object) -> None:
        raise AssertionError("the SCAN fast path was used")

    monkeypatch.setattr(qualys_xml_module, "scan_findings", no_fast_path)
    data = (DATA / "scan_cvss3.xml").read_bytes()
    at = data.index(b"<SCAN ")
    padded = data[:at] + b"<!--" + b" " * SNIFF_BYTES + b"-->\n" + data[at:]
    assert _scores(padded) == _SCAN_SCORES


def test_scan_reference_twin_takes_cvss3_too() -> None:
    """The differential test compares like with like: the twin has the same rule."""
    findings, error, _skipped, _warnings = parse_outcome(
        reference.scan_findings, (DATA / "scan_cvss3.xml").read_bytes(), source="s.xml", parser="qualys-xml"
    )
    assert error is None
    assert {f.source_id: f.cvss for f in findings} == _SCAN_SCORES


def test_asset_data_glossary_takes_cvss3_score_else_cvss_score() -> None:
    assert _scores(DATA / "asset_data_cvss3.xml") == {
        "21001": 9.0,  # both: CVSS3_SCORE/CVSS3_BASE
        "21002": 8.6,  # v3 written before v2
        "21003": 4.3,  # v2 only
        "21004": 4.3,  # v3 "-"
        "21005": 6.8,  # v3 78 is no score: v2
        "21006": None,  # v3 10.5 is no score, and there is no v2
    }


def test_host_list_vm_detection_has_no_cvss() -> None:
    """A DETECTION carries no CVSS base score (the KnowledgeBase has it): every finding has none.

    The TruRisk answer (``show_qds_factors=1``) lists the score its QDS used, of one CVSS version, as
    ``QDS_FACTORS/QDS_FACTOR name="CVSS"``: a factor of the Qualys score, not read as the finding's CVSS.
    """
    qds = (
        b'<QDS severity="MEDIUM">50</QDS><QDS_FACTORS><QDS_FACTOR name="CVSS"><![CDATA[5.0]]></QDS_FACTOR>'
        b'<QDS_FACTOR name="CVSS_version"><![CDATA[v2]]></QDS_FACTOR></QDS_FACTORS></DETECTION>'
    )
    data = (DATA / "detection.xml").read_bytes().replace(b"</DETECTION>", qds)
    assert data.count(b"QDS_FACTORS>") == 4
    report = parse_report(io.BytesIO(data), format="qualys-xml", strict=True)
    assert [(f.source_id, f.cvss) for h in report.hosts for f in h.findings] == [
        ("90007", None),
        ("105936", None),
    ]


def test_real_scan_and_asset_data_reports_take_v3(shared_dir: Path) -> None:
    """DefectDojo's samples in ../shared: a WebGUI SCAN and the Technical Report's glossary carry v3."""
    samples = shared_dir / "samples" / "qualys_xml"
    scan = samples / "defectdojo__qualys_infrascan_webgui_multiple.xml"
    asset = samples / "defectdojo__Qualys_Sample_Report_asset_data.xml"
    if not (scan.is_file() and asset.is_file()):
        pytest.skip("the DefectDojo Qualys XML samples are not in ../shared")
    scores = _scores(scan)
    # QID 123168: CVSS_BASE 10, CVSS3_BASE 3.4; QID 82024: CVSS_BASE 5, empty CVSS3_BASE
    assert (scores["123168"], scores["82024"]) == (3.4, 5.0)
    assert _scores(asset)["370876"] == 9.0  # glossary CVSS3_BASE 9.0, CVSS_BASE 9.3
