"""Issue 15 item 12: format detection accepts what the forced parser accepts.

A CSV export with CR-only line endings (Excel for Mac) or a NUL character in its first 64 KiB was
"unknown format" although ``format=`` read it. Here every CSV sample, rewritten with each line ending
and with a NUL in a cell, is detected as its format and parses to the same hosts either way.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from futurevuls_ext.parsers import SNIFF_BYTES, ScanReport, detect_format, parse_report

from ..conftest import SHARED
from ._samples import SAMPLES

_SHARED_CSV = {
    "nessus-csv": "nessus_csv/defectdojo__tenable_many_vuln.csv",
    "openvas-csv": "openvas/defectdojo__openvas_many_vuln.csv",
}


def _csv_samples() -> dict[str, bytes]:
    found = {fmt: SAMPLES[fmt] for fmt in ("qualys-csv", "qualys-was-csv")}
    for fmt, rel in _SHARED_CSV.items():
        path = SHARED / "samples" / rel
        if path.is_file():
            found[fmt] = path.read_bytes()
    return found


CSV = _csv_samples()


def _lf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n")


def _variants(data: bytes) -> dict[str, bytes]:
    lf = _lf(data)
    body = lf.rstrip(b"\n")
    end = body.rfind(b'"')  # the closing quote of the last cell, else the end of the last line
    end = end if end > body.rfind(b"\n") else len(body)
    nul_in_cell = body[:end] + b"\x00" + body[end:] + b"\n"  # a NUL in the last data cell
    return {
        "lf": lf,
        "crlf": lf.replace(b"\n", b"\r\n"),
        "cr-only": lf.replace(b"\n", b"\r"),
        "bom-cr-only": b"\xef\xbb\xbf" + lf.replace(b"\n", b"\r"),
        "nul-in-cell": nul_in_cell,
        "nul-cr-only": nul_in_cell.replace(b"\n", b"\r"),
    }


CASES = [(fmt, name, data) for fmt, sample in sorted(CSV.items()) for name, data in _variants(sample).items()]


def _summary(report: ScanReport) -> dict[str, frozenset[str]]:
    return {h.address: h.cve_ids for h in report.hosts}


@pytest.mark.parametrize(("fmt", "variant", "data"), CASES, ids=[f"{f}-{v}" for f, v, _ in CASES])
def test_detection_accepts_what_the_parser_reads(fmt: str, variant: str, data: bytes) -> None:
    if b"\x00" in data:
        assert data.index(b"\x00") < SNIFF_BYTES  # the sniffer sees it
    forced = parse_report(io.BytesIO(data), format=fmt)
    assert forced.hosts, f"{fmt} {variant}: the forced parser reads no host (the case is not meaningful)"
    assert detect_format(io.BytesIO(data)) == fmt
    detected = parse_report(io.BytesIO(data))
    assert _summary(detected) == _summary(forced)


@pytest.mark.parametrize("fmt", sorted(CSV))
def test_cr_only_lines_parse_like_lf(fmt: str) -> None:
    variants = _variants(CSV[fmt])
    assert _summary(parse_report(io.BytesIO(variants["cr-only"]), format=fmt)) == _summary(
        parse_report(io.BytesIO(variants["lf"]), format=fmt)
    )


def test_a_long_cr_only_file_is_not_one_long_line(tmp_path: Path) -> None:
    """The long-line guard counts CR as a line end too, so a 10 MB CR-only export is not refused."""
    lf = _lf(SAMPLES["qualys-csv"])
    header_end = lf.index(b"\n", lf.index(b'"IP"')) + 1
    row = b'"10.0.0.9","","","38174","SSH","Vuln","2","22","tcp","CVE-2018-15919",""\n'
    data = (lf[:header_end] + row * (10 * 1024 * 1024 // len(row))).replace(b"\n", b"\r")
    path = tmp_path / "big.csv"
    path.write_bytes(data)
    report = parse_report(path)
    assert report.format == "qualys-csv"
    assert "10.0.0.9" in _summary(report)
