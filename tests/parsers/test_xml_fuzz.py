"""Mutated Nessus/Nmap fixtures raise nothing but ParseError (hypothesis)."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from futurevuls_ext.parsers import ParseError, parse_report

DATA = Path(__file__).resolve().parent / "data"
SEEDS = [
    ("nessus", DATA / "nessus" / "multi.nessus"),
    ("nmap", DATA / "nmap" / "vulners_old.xml"),
    ("nmap", DATA / "nmap" / "vulns_library.xml"),
    ("nmap", DATA / "nmap" / "vulscan.xml"),
]

mutation = st.tuples(
    st.integers(min_value=0), st.sampled_from(["flip", "cut", "insert", "delete"]), st.binary(max_size=8)
)


def _mutate(data: bytes, edits: list[tuple[int, str, bytes]]) -> bytes:
    for position, kind, blob in edits:
        at = position % (len(data) or 1)
        if kind == "flip":
            data = data[:at] + bytes([data[at] ^ 0x55]) + data[at + 1 :] if data else data
        elif kind == "cut":
            data = data[:at]
        elif kind == "insert":
            data = data[:at] + blob + data[at:]
        else:
            data = data[:at] + data[at + len(blob) + 1 :]
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), edits=st.lists(mutation, min_size=1, max_size=4))
def test_mutations_raise_only_parse_error(
    seed: tuple[str, Path], edits: list[tuple[int, str, bytes]]
) -> None:
    fmt, path = seed
    data = _mutate(path.read_bytes(), edits)
    try:
        report = parse_report(io.BytesIO(data), format=fmt)
    except ParseError:
        return
    for host in report.hosts:
        assert all(c.startswith("CVE-") for c in host.cve_ids)
        assert all(0 < p.port < 65536 for p in host.ports)
