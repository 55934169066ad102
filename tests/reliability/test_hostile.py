"""Hostile inputs: every case raises ParseError (never another type), promptly, without memory growth.

Each file is parsed in a fresh interpreter whose peak RSS is compared with one that only imports the
package (a resource assertion). The subprocess timeout is a hang guard, not a timing assertion.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from . import _hostile as H
from ._measure import MEMORY_BOUND_MB, parse_in_child

# cases where a parser may also read the file successfully (it must still not crash or grow)
ERROR_OR_OK = {"nul_in_a_record"}
# ... or may return an empty report: decided elsewhere, harmless either way
ERROR_OR_EMPTY = {
    ("nessus", "deep_nesting_in_root"),  # tests/parsers/test_xml_hostile.py: parsed, no recursion, 0 hosts
    ("nmap", "deep_nesting_in_root"),
    ("nuclei", "empty"),  # ../shared/samples/truth.json: an empty nuclei output is a valid empty report
    ("nuclei", "whitespace_only"),
}
WORKERS = 4  # children run concurrently (each mostly waits on its own start-up)

CASES: list[tuple[str, str]] = [
    *[(fmt, case) for fmt in H.XML_FORMATS for case in H.xml_cases(fmt)],
    *[(fmt, case) for fmt in H.JSON_FORMATS for case in H.json_cases(fmt)],
    *[(fmt, case) for fmt in H.CSV_FORMATS for case in H.csv_cases(fmt)],
]


def writer(fmt: str, case: str) -> Callable[[Path], None]:
    if fmt in H.XML_FORMATS:
        return H.xml_cases(fmt)[case]
    if fmt in H.JSON_FORMATS:
        return H.json_cases(fmt)[case]
    return H.csv_cases(fmt)[case]


def check(result: dict[str, Any], path: Path, *, allow_ok: bool = False, allow_empty: bool = False) -> None:
    """The contract: ParseError naming the file and a position, bounded memory."""
    outcome = result["outcome"]
    assert outcome != "crashed", f"the parse child crashed: {result}"
    assert outcome != "other", f"a foreign exception escaped: {result['type']}: {result['message'][:500]}"
    if outcome == "ok" and (allow_ok or (allow_empty and result["hosts"] == 0)):
        pass
    else:
        assert outcome == "ParseError", f"expected ParseError, the file parsed: {result}"
        assert result["source"] == str(path), result
        assert result["location"], f"the error names no position: {result['message'][:300]}"
    assert result["growth_mb"] < MEMORY_BOUND_MB, (
        f"peak RSS grew by {result['growth_mb']:.0f} MB (bound {MEMORY_BOUND_MB:.0f} MB): {result}"
    )


@pytest.fixture(scope="module")
def forced_results(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[tuple[str, str], tuple[Path, dict[str, Any]]]:
    """Every (format, case) file written and parsed in its own child, several children at a time."""
    root = tmp_path_factory.mktemp("hostile")

    def run(item: tuple[str, str]) -> tuple[Path, dict[str, Any]]:
        fmt, case = item
        path = root / f"{fmt}-{case}.report"
        writer(fmt, case)(path)
        return path, parse_in_child(path, fmt)

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return dict(zip(CASES, pool.map(run, CASES), strict=True))


@pytest.mark.parametrize(("fmt", "case"), CASES, ids=[f"{f}-{c}" for f, c in CASES])
def test_hostile_input_forced_format(
    fmt: str, case: str, forced_results: dict[tuple[str, str], tuple[Path, dict[str, Any]]]
) -> None:
    path, result = forced_results[fmt, case]
    check(result, path, allow_ok=case in ERROR_OR_OK, allow_empty=(fmt, case) in ERROR_OR_EMPTY)
    if result["outcome"] == "ParseError":
        # an external entity or DTD is never read: nothing of the target files leaks into the message
        assert "root:" not in result["message"]
        hostname = Path("/etc/hostname")
        text = hostname.read_text(errors="replace").strip() if hostname.is_file() else ""
        if len(text) >= 8:  # long enough not to match by chance
            assert text not in result["message"].replace(str(path), "")


DETECT_CASES = [
    ("nessus", "billion_laughs"),
    ("nmap", "quadratic_blowup"),
    ("nessus", "xxe_file"),
    ("nmap", "external_dtd_system"),
    ("nessus", "deep_nesting_wrong_root"),
    ("nuclei", "deep_nesting_array"),
    ("nuclei", "binary_garbage"),
    ("qualys-csv", "invalid_utf8"),
    ("nuclei", "empty"),
]


@pytest.mark.parametrize(("fmt", "case"), DETECT_CASES, ids=[f"{f}-{c}" for f, c in DETECT_CASES])
def test_hostile_input_detected_format(fmt: str, case: str, tmp_path: Path) -> None:
    """Without format=, detection itself must fail cleanly or hand over to a parser that does."""
    path = tmp_path / f"{case}.report"
    writer(fmt, case)(path)
    check(parse_in_child(path, None), path)


@pytest.fixture(scope="module")
def big_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The large hostile files, written once (streamed to disk, never held in memory)."""
    root = tmp_path_factory.mktemp("big")
    files = {
        "json_object": root / "object.json",
        "json_array": root / "array.json",
        "csv_cell": root / "cell.csv",
        "nessus_attribute": root / "attribute.nessus",
        "nmap_attribute": root / "attribute.xml",
    }
    H.write_big_json_object(files["json_object"])
    H.write_big_json_array(files["json_array"])
    H.write_huge_csv_cell(files["csv_cell"])
    H.write_huge_xml_attribute("nessus", files["nessus_attribute"])
    H.write_huge_xml_attribute("nmap", files["nmap_attribute"])
    return files


BIG_CASES = [
    *[("json_object", fmt) for fmt in (*H.JSON_FORMATS, None)],
    *[("json_array", fmt) for fmt in (*H.JSON_FORMATS, None)],
    *[("csv_cell", fmt) for fmt in (*H.CSV_FORMATS, None)],
    ("nessus_attribute", "nessus"),
    ("nmap_attribute", "nmap"),
]


@pytest.fixture(scope="module")
def big_results(big_files: dict[str, Path]) -> dict[tuple[str, str | None], dict[str, Any]]:
    """Every large case parsed in its own child, two at a time (each may take a few hundred MB)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(lambda item: parse_in_child(big_files[item[0]], item[1]), BIG_CASES)
        return dict(zip(BIG_CASES, results, strict=True))


@pytest.mark.parametrize(("name", "fmt"), BIG_CASES, ids=[f"{n}-{f or 'detect'}" for n, f in BIG_CASES])
def test_large_hostile_input(
    name: str,
    fmt: str | None,
    big_files: dict[str, Path],
    big_results: dict[tuple[str, str | None], dict[str, Any]],
) -> None:
    """110 MB one-line JSON that is not a report, a 70 MB CSV cell, a 50 MB XML attribute."""
    path = big_files[name]
    assert path.stat().st_size > 50 * H.MIB
    check(big_results[name, fmt], path)
