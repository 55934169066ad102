"""The parsers' memo tables hold a bounded amount of report text (every memo is a ``BoundedCache``).

A hostile file whose rows each carry a distinct, long cell (a 64 KiB title per row) must not be kept
whole by the tables that convert repeated cells once: the working memory of ``iter_findings`` stays
near the tables' text budget (:data:`~futurevuls_ext.parsers._speedups.CACHE_CHARS`) whatever the
file's size. Memory, not time: nothing here is timed.
"""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Callable

import pytest

from futurevuls_ext.parsers import iter_findings
from futurevuls_ext.parsers._speedups import CACHE_CHARS

ROWS = 240
CELL = 64 * 1024  # ROWS * CELL = 15 MiB of distinct text, well over the budget


def _nessus_csv() -> bytes:
    head = "Plugin ID,CVE,CVSS,Risk,Host,Protocol,Port,Name\n"
    rows = (
        f'"{10000 + i}","CVE-2024-{1000 + i}","5.0","Medium","10.0.{i // 250}.{i % 250 + 1}",'
        f'"tcp","443","{chr(65 + i % 26) * CELL}{i}"\n'
        for i in range(ROWS)
    )
    return (head + "".join(rows)).encode()


def _qualys_csv() -> bytes:
    head = "IP,HOSTNAME,QID,VULN TITLE,SEVERITY,PORT,PROTOCOL,CVSS_BASE,CVEID\n"
    rows = (
        f"10.1.{i // 250}.{i % 250 + 1},h{i}.example.test,{20000 + i},{chr(65 + i % 26) * CELL}{i},"
        f"3,443,tcp,5.0,CVE-2024-{1000 + i}\n"
        for i in range(ROWS)
    )
    return (head + "".join(rows)).encode()


@pytest.mark.parametrize(("fmt", "make"), [("nessus-csv", _nessus_csv), ("qualys-csv", _qualys_csv)])
def test_long_distinct_cells_are_not_all_kept(fmt: str, make: Callable[[], bytes]) -> None:
    data = make()
    tracemalloc.start()
    try:
        count = 0
        for finding in iter_findings(io.BytesIO(data), format=fmt):
            assert finding.title is not None and len(finding.title) > CELL
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == ROWS
    # the tables' budget plus the rows in flight; all of the text would be ~15 MiB (x2 for two tables)
    assert peak < 2 * CACHE_CHARS + 3 * 1024 * 1024, f"{fmt}: peak {peak / 2**20:.1f} MiB"
