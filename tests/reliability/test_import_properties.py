"""Property: for any report, any prior state and any seeded faults, re-running the import until it
succeeds leaves exactly the report's results (pruned hosts emptied), with no duplicate writes, and a
further run writes nothing."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from futurevuls_ext import FutureVulsError
from futurevuls_ext._core.retry import RetryPolicy
from futurevuls_ext.importer import ImportResult
from futurevuls_ext.parsers import HostResult, ScanReport
from futurevuls_ext.testing import FakeFutureVuls, FaultConfig

from .._transports import CLIENT_KINDS
from ._generate import GenHost, hosts_strategy
from ._importing import assert_no_duplicate_writes, run_import

pytestmark = [
    pytest.mark.integration,
    # hypothesis touches mypy_extensions.TypedDict while reporting a failure; with filterwarnings=error
    # that turns a failing example into an INTERNALERROR that stops the session
    pytest.mark.filterwarnings("ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning"),
]

NAME = "nessus"


@st.composite
def scenarios(
    draw: st.DrawFn,
) -> tuple[list[GenHost], list[bool], list[frozenset[str] | None], int, bool, str]:
    """Hosts; which have a server; prior results on them; a fault seed; prune or not; which client."""
    hosts = draw(hosts_strategy(max_hosts=6))
    known = draw(st.lists(st.booleans(), min_size=len(hosts), max_size=len(hosts)))
    prior = draw(
        st.lists(
            st.none() | st.frozensets(st.sampled_from(["CVE-2020-0001", "CVE-2021-0002", "CVE-2022-0003"])),
            min_size=len(hosts),
            max_size=len(hosts),
        )
    )
    return (
        hosts,
        known,
        prior,
        draw(st.integers(0, 2**16)),
        draw(st.booleans()),
        draw(st.sampled_from(CLIENT_KINDS)),
    )


def report_of(hosts: list[GenHost]) -> ScanReport:
    return ScanReport(
        format=NAME,
        source="<generated>",
        hosts=tuple(
            HostResult(
                address=h.ip,
                hostnames=frozenset({h.hostname} if h.hostname else ()),
                ip_addresses=frozenset({h.ip}),
                cve_ids=h.cves,
                ports=frozenset(),
                findings=(),
            )
            for h in hosts
        ),
    )


@pytest.fixture(autouse=True)
def short_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RetryPolicy, "backoff", lambda self, attempt, rand=None: 0.01)


@settings(
    max_examples=15, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
@given(scenario=scenarios())
def test_import_converges_to_exactly_the_report(
    scenario: tuple[list[GenHost], list[bool], list[frozenset[str] | None], int, bool, str],
) -> None:
    hosts, known, prior, seed, prune, kind = scenario
    faults = FaultConfig(
        seed=seed,
        rate_limit_rate=0.05,
        retry_after=0,
        error_rate=0.05,
        error_statuses=(502, 503),
        drop_rate=0.05,
        drop_after_apply_rate=0.05,
        slow_body_rate=0.05,
        slow_body_delay=0.002,
    )
    report = report_of(hosts)
    with FakeFutureVuls(faults=faults) as fake:
        stale = fake.add_server("decommissioned", ipv4="192.0.2.250")
        fake.add_external_scan(stale, NAME, ["CVE-2019-0001"])
        server_of: dict[str, int] = {}
        had_result: set[str] = set()
        for host, has_server, old in zip(hosts, known, prior, strict=True):
            if has_server:
                ipv4 = host.ip if ":" not in host.ip else ""  # IPv6 hosts are matched by a server map
                server_of[host.ip] = fake.add_server(f"srv-{host.ip}", ipv4=ipv4)
                if old is not None:
                    fake.add_external_scan(server_of[host.ip], NAME, sorted(old))
                    had_result.add(host.ip)
        options = {
            "create_pseudo_servers": True,
            "prune": prune,
            "server_map": {ip: sid for ip, sid in server_of.items() if ":" in ip} or None,
        }
        results: list[ImportResult] = []
        for _ in range(10):
            try:
                result = run_import(kind, fake, report, **options)
            except FutureVulsError:
                continue
            results.append(result)
            if result.ok:
                break
        assert results and results[-1].ok, [o.reason for r in results for o in r.failed]
        names = {s.id: s.name for s in fake.state.servers.values()}
        got = {}
        for scan in fake.state.external_scans.values():
            assert scan.name == NAME
            key = names[scan.server_id]
            assert key not in got, f"two results on {key}"
            got[key] = frozenset(scan.cve_ids)
        # a host without CVEs gets no new result (and no pseudo server); an existing result is emptied
        want = {
            (f"srv-{h.ip}" if h.ip in server_of else h.ip): h.cves
            for h in hosts
            if h.cves or h.ip in had_result
        }
        want["decommissioned"] = frozenset() if prune else frozenset({"CVE-2019-0001"})
        assert got == want
        pseudo = sum(1 for h in hosts if h.ip not in server_of and h.cves)
        assert len(fake.state.servers) == 1 + len(server_of) + pseudo  # never two pseudo servers for a host
        assert_no_duplicate_writes(fake)
        again = run_import(kind, fake, report, **options)
        assert again.ok
        assert again.write_count == 0
