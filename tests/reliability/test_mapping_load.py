"""Issue 15 item 16: the nmap job's mapping file loads in linear time.

No timing here (bench/mapping_load.py measures: a million lines in about 3 s of CPU). Instead the tests
count the work: loading N lines compares entries O(N) times, never once per pair of lines; and the
fast path for the usual ``ip,id,id`` line gives exactly what the general path gives.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from futurevuls_ext import ConfigError
from futurevuls_ext.nmap_job import _mapping
from futurevuls_ext.nmap_job._mapping import MappingEntry, load_mapping

LINES = 3000


def _write(path: Path, lines: int, *, repeat_every: int = 0) -> None:
    base = int(ipaddress.IPv4Address("10.0.0.0"))
    rows = ["ip,result_id,server_id", "# a comment"]
    for i in range(lines):
        rows.append(f"{ipaddress.IPv4Address(base + i)},{i + 1},{i % 7 + 1}")
        if repeat_every and i % repeat_every == 0:
            rows.append(f" {ipaddress.IPv4Address(base + i)} {i + 1} {i % 7 + 1}  # appended again")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


@pytest.mark.parametrize("repeat_every", [0, 3])
def test_loading_compares_entries_a_linear_number_of_times(
    repeat_every: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0
    original = MappingEntry.__eq__

    def counting_eq(self: MappingEntry, other: Any) -> Any:
        nonlocal calls
        calls += 1
        return original(self, other)

    monkeypatch.setattr(MappingEntry, "__eq__", counting_eq)
    path = tmp_path / "mapping.txt"
    _write(path, LINES, repeat_every=repeat_every)
    mapping = load_mapping(path)
    assert len(mapping.entries) == LINES  # exact repeats kept once
    assert calls <= 2 * LINES, f"{calls} entry comparisons for {LINES} lines: quadratic loading"


def test_find_is_a_lookup_not_a_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mapping.txt"
    _write(path, LINES)
    mapping = load_mapping(path)
    reads = 0
    original: Any = MappingEntry.__dict__["ip"]  # the slot descriptor

    class CountingIp:
        def __get__(self, obj: Any, owner: Any = None) -> Any:
            nonlocal reads
            reads += 1
            return original.__get__(obj, owner)

    mapping.find("10.0.0.1")  # build the index once
    monkeypatch.setattr(MappingEntry, "ip", CountingIp())
    for i in range(200):
        assert len(mapping.find(str(ipaddress.IPv4Address(int(ipaddress.IPv4Address("10.0.0.0")) + i)))) == 1
    assert reads < 200 * 10


def test_a_conflicting_result_still_names_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "mapping.txt"
    path.write_text("10.0.0.1,5,1\n10.0.0.2,6,1\n10.0.0.3,5,1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"line 3: external scan result 5 .*10\.0\.0\.1.*line 1"):
        load_mapping(path)


_octets = st.integers(0, 255)
_ids = st.integers(1, 10**18 - 1)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(a=_octets, b=_octets, c=_octets, d=_octets, result_id=_ids, server_id=_ids)
def test_fast_path_equals_general_path(
    a: int, b: int, c: int, d: int, result_id: int, server_id: int
) -> None:
    line = f"{a}.{b}.{c}.{d},{result_id},{server_id}"

    def where() -> str:
        return "here"

    assert _mapping._USUAL_LINE.fullmatch(line)
    fast = _mapping._parse_line(line, where, header_allowed=False)
    general = _mapping._parse_line(f" {line} ", where, header_allowed=False)  # spaces: not the fast path
    assert fast == general
    assert isinstance(fast, MappingEntry) and fast.ip == str(ipaddress.IPv4Address(f"{a}.{b}.{c}.{d}"))


@pytest.mark.parametrize(
    "line", ["010.0.0.1,1,1", "10.0.0.1,01,1", "10.0.0.1,0,1", "1.2.3.4,1,1,", "256.0.0.1,1,1"]
)
def test_unusual_lines_take_the_general_path(line: str) -> None:
    assert _mapping._USUAL_LINE.fullmatch(line) is None
