"""Shared pieces of the fault and resume tests: a report, a seeded fake, import runners (through the
one harness, ``tests/harness.py``) and exactness checks."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

from futurevuls_ext.importer import ImportResult
from futurevuls_ext.parsers import HostResult, ScanReport
from futurevuls_ext.testing import FakeFutureVuls

from ..harness import Both, blocking

__all__ = [
    "KNOWN",
    "PSEUDO",
    "assert_exact",
    "assert_no_duplicate_writes",
    "import_with",
    "make_report",
    "run_import",
    "seed_servers",
]

KNOWN = 10
"""Hosts of the report that match a server of the fake by IP."""
PSEUDO = 3
"""Hosts that match no server (imported with ``create_pseudo_servers=True``)."""


def _cves(index: int) -> frozenset[str]:
    return frozenset(f"CVE-2024-{1000 + index * 10 + k}" for k in range(1 + index % 4))


def make_report(*, known: int = KNOWN, pseudo: int = 0, shift: int = 0) -> ScanReport:
    """``known`` hosts 10.2.0.1.. and ``pseudo`` hosts 203.0.113.1..; ``shift`` changes every CVE set."""
    addresses = [f"10.2.0.{i}" for i in range(1, known + 1)] + [
        f"203.0.113.{i}" for i in range(1, pseudo + 1)
    ]
    hosts = tuple(
        HostResult(
            address=address,
            hostnames=frozenset(),
            ip_addresses=frozenset({address}),
            cve_ids=_cves(index + shift),
            ports=frozenset(),
            findings=(),
        )
        for index, address in enumerate(addresses)
    )
    return ScanReport(format="nessus", source="<reliability>", hosts=hosts)


def seed_servers(fake: FakeFutureVuls, known: int = KNOWN) -> dict[str, int]:
    """One server per known host, matched by its IPv4; returns address -> server id."""
    return {f"10.2.0.{i}": fake.add_server(f"web{i:02d}", ipv4=f"10.2.0.{i}") for i in range(1, known + 1)}


Report = ScanReport | Path | BinaryIO


async def import_with(both: Both, fake: FakeFutureVuls, report: Report, **kwargs: Any) -> ImportResult:
    """``import_report`` on a fresh client of this mode, closed after (``max_retries`` 4 unless given)."""
    options = {"api_token": fake.token, "base_url": fake.url, "max_retries": kwargs.pop("max_retries", 4)}
    result: ImportResult = await both.once(lambda c: c.import_report(report, **kwargs), **options)
    return result


def run_import(kind: str, fake: FakeFutureVuls, report: Report, **kwargs: Any) -> ImportResult:
    """Blocking :func:`import_with` with a client of ``kind`` (threads, hypothesis, the other client)."""
    return blocking(kind, lambda both: import_with(both, fake, report, **kwargs))


def expected_state(fake: FakeFutureVuls, report: ScanReport) -> dict[str, frozenset[str]]:
    """What the fake must hold after a complete import: server name -> CVE set."""
    by_ip = {s.ipv4: s.name for s in fake.state.servers.values() if s.ipv4}
    return {by_ip.get(h.address, h.address): h.cve_ids for h in report.hosts}


def assert_exact(fake: FakeFutureVuls, report: ScanReport, *, name: str = "nessus") -> None:
    """Exactly one result per server and name, holding exactly the report's CVEs; one server per name."""
    scans = list(fake.state.external_scans.values())
    per_key = Counter((s.server_id, s.name) for s in scans)
    assert [k for k, n in per_key.items() if n > 1] == [], "two results for one server and name"
    names = Counter(s.name for s in fake.state.servers.values())
    assert [n for n, c in names.items() if c > 1] == [], "a (pseudo) server was created twice"
    servers = fake.state.servers
    got = {servers[s.server_id].name: frozenset(s.cve_ids) for s in scans if s.name == name}
    assert got == expected_state(fake, report)
    assert all(s.is_external for s in scans)


def _key(record: Any) -> tuple[str, str, str]:
    return record.method, record.path, json.dumps(record.body, sort_keys=True)


def assert_no_duplicate_writes(fake: FakeFutureVuls, methods: Iterable[str] = ("POST",)) -> None:
    """No POST with the same route and body was answered 2xx twice."""
    wanted = set(methods)
    done = Counter(_key(r) for r in fake.requests if r.method in wanted and 200 <= r.status < 300)
    assert [k for k, n in done.items() if n > 1] == []
