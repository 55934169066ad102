"""Imports against the fake server with injected 429s, 5xx bursts, dropped connections and slow bodies.

Every test ends by checking the fake's state (exactly one result per server and name, exact CVE sets)
and its request log (no POST with the same route and body answered 2xx twice).
"""

from __future__ import annotations

import pytest

from futurevuls_ext import FutureVulsError
from futurevuls_ext._core.retry import RetryPolicy
from futurevuls_ext.importer import ImportResult
from futurevuls_ext.testing import FakeFutureVuls, FaultConfig

from ..harness import Both
from ._importing import (
    KNOWN,
    PSEUDO,
    assert_exact,
    assert_no_duplicate_writes,
    import_with,
    make_report,
    seed_servers,
)

pytestmark = [pytest.mark.anyio, pytest.mark.integration]

RETRIED = (502, 503, 504)  # the statuses the client retries (500 is final)


@pytest.fixture(autouse=True)
def short_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retry decisions stay the client's own; only the exponential sleeps are shortened to 10 ms."""
    monkeypatch.setattr(RetryPolicy, "backoff", lambda self, attempt, rand=None: 0.01)


async def test_read_faults_are_retried_transparently(both: Both) -> None:
    faults = FaultConfig(
        script=("429", "503", "drop", "slow_body", "502", "ok", "504", "slow_body"),
        retry_after=0,
        slow_body_delay=0.01,
        methods=frozenset({"GET"}),
    )
    report = make_report()
    with FakeFutureVuls(faults=faults) as fake:
        seed_servers(fake)
        result = await import_with(both, fake, report, max_retries=8)  # more than the faults in the script
        assert result.ok, result.failed
        assert len(result.created) == KNOWN
        assert {"rate_limit", "server_error", "drop", "slow_body"} <= set(fake.fault_counts)
        assert_exact(fake, report)
        assert_no_duplicate_writes(fake)


async def test_faults_on_updates_are_retried(both: Both) -> None:
    """PUT is idempotent: 429, 5xx, drops (before and after applying) and slow bodies are all retried."""
    faults = FaultConfig(
        script=("429", "503", "drop", "drop_after_apply", "slow_body", "504", "502", "429"),
        retry_after=0,
        slow_body_delay=0.01,
        methods=frozenset({"PUT"}),
    )
    with FakeFutureVuls(faults=faults) as fake:
        seed_servers(fake)
        assert (await import_with(both, fake, make_report())).ok
        changed = make_report(shift=1)
        result = await import_with(
            both, fake, changed, concurrency=2, max_retries=8
        )  # > faults in the script
        assert result.ok, result.failed
        assert len(result.updated) == KNOWN
        assert_exact(fake, changed)
        assert_no_duplicate_writes(fake)
        puts = [r for r in fake.requests if r.method == "PUT"]
        assert len(puts) > KNOWN  # the faults were met and retried


async def test_refused_posts_fail_the_host_and_a_rerun_fixes_it(both: Both) -> None:
    """A POST answered 5xx or dropped before it was applied is not resent; the next run creates it."""
    faults = FaultConfig(script=("503", "ok", "drop", "ok", "502"), methods=frozenset({"POST"}))
    report = make_report()
    with FakeFutureVuls(faults=faults) as fake:
        seed_servers(fake)
        first = await import_with(both, fake, report, concurrency=1)
        assert len(first.failed) == 3
        assert len(first.created) == KNOWN - 3
        assert all("creating the external scan result" in o.reason for o in first.failed)
        assert len(fake.state.external_scans) == KNOWN - 3
        assert len([r for r in fake.requests if r.method == "POST"]) == KNOWN  # nothing resent
        second = await import_with(both, fake, report)
        assert second.ok
        assert sorted(o.host for o in second.created) == sorted(o.host for o in first.failed)
        assert len(second.unchanged) == KNOWN - 3
        assert_exact(fake, report)
        assert_no_duplicate_writes(fake)


async def test_lost_answer_to_an_applied_post_is_not_resent_and_a_rerun_finds_it(both: Both) -> None:
    """The ambiguous case: the server applied the POST, the answer was lost. No resend, no duplicate:
    the re-check after the create finds the result in the same run."""
    faults = FaultConfig(script=("drop_after_apply", "ok", "drop_after_apply"), methods=frozenset({"POST"}))
    report = make_report()
    with FakeFutureVuls(faults=faults) as fake:
        seed_servers(fake)
        first = await import_with(both, fake, report, concurrency=1)
        assert first.ok and len(first.created) == KNOWN
        lost = [o for o in first.created if "answer was lost" in o.reason]
        assert len(lost) == 2 and all(o.external_scan_id is not None for o in lost)
        assert len([r for r in fake.requests if r.method == "POST"]) == KNOWN  # never resent
        assert len(fake.state.external_scans) == KNOWN  # ... although both were applied
        second = await import_with(both, fake, report)
        assert second.ok
        assert second.write_count == 0
        assert len(second.unchanged) == KNOWN
        assert_exact(fake, report)
        assert len([r for r in fake.requests if r.method == "POST"]) == KNOWN


@pytest.mark.parametrize("fault", ["drop_after_apply", "drop", "503"])
async def test_faults_while_creating_pseudo_servers_never_create_two(both: Both, fault: str) -> None:
    """The pseudo-server POST fails (applied or not, answer lost or refused); a lost answer is found by the
    re-check in the same run, a refused create is made by the next run; never two pseudo servers."""
    faults = FaultConfig(script=(fault, "ok", fault), paths=(r"/server/pseudo$",))
    report = make_report(pseudo=PSEUDO)
    with FakeFutureVuls(faults=faults) as fake:
        seed_servers(fake)
        first = await import_with(both, fake, report, create_pseudo_servers=True, concurrency=1)
        if fault == "drop_after_apply":
            assert first.ok, [o.reason for o in first.failed]
            assert sum("found on re-check" in o.reason for o in first.created) == 2
        else:
            assert len(first.failed) == 2
            assert all("creating pseudo server" in o.reason for o in first.failed)
        second = await import_with(both, fake, report, create_pseudo_servers=True)
        assert second.ok, [o.reason for o in second.failed]
        assert len(fake.state.servers) == KNOWN + PSEUDO
        assert_exact(fake, report)
        assert_no_duplicate_writes(fake)
        assert (await import_with(both, fake, report, create_pseudo_servers=True)).write_count == 0


async def test_rate_limited_posts_are_retried(both: Both) -> None:
    """A 429 says the request was refused, not applied: resending the POST is safe and expected."""
    faults = FaultConfig(script=("429", "ok", "429", "429"), retry_after=0, methods=frozenset({"POST"}))
    report = make_report()
    with FakeFutureVuls(faults=faults) as fake:
        seed_servers(fake)
        result = await import_with(both, fake, report, concurrency=1)
        assert result.ok, [o.reason for o in result.failed]
        assert len(result.created) == KNOWN
        assert_exact(fake, report)
        assert_no_duplicate_writes(fake)


async def test_slow_bodies_on_every_answer(both: Both) -> None:
    faults = FaultConfig(slow_body_rate=1.0, slow_body_delay=0.005, slow_body_chunks=3)
    report = make_report(pseudo=PSEUDO)
    with FakeFutureVuls(faults=faults) as fake:
        seed_servers(fake)
        result = await import_with(both, fake, report, create_pseudo_servers=True)
        assert result.ok, result.failed
        assert fake.fault_counts["slow_body"] >= KNOWN
        assert_exact(fake, report)
        assert_no_duplicate_writes(fake)


async def converge(both: Both, fake: FakeFutureVuls, **kwargs: object) -> list[ImportResult]:
    """Run the import until it reports success (as a cron job would), at most 8 times."""
    results: list[ImportResult] = []
    for _ in range(8):
        try:
            result = await import_with(both, fake, make_report(pseudo=PSEUDO), **kwargs)
        except FutureVulsError:  # e.g. a listing that ran out of retries: the whole run failed
            continue
        results.append(result)
        if result.ok:
            break
    return results


@pytest.mark.parametrize("seed", [1, 2])
async def test_random_faults_on_every_method_converge_without_duplicates(both: Both, seed: int) -> None:
    faults = FaultConfig(
        seed=seed,
        rate_limit_rate=0.1,
        retry_after=0,
        error_rate=0.08,
        error_statuses=RETRIED,
        drop_rate=0.05,
        drop_after_apply_rate=0.08,
        slow_body_rate=0.1,
        slow_body_delay=0.005,
    )
    report = make_report(pseudo=PSEUDO)
    with FakeFutureVuls(faults=faults) as fake:
        seed_servers(fake)
        results = await converge(both, fake, create_pseudo_servers=True, concurrency=4)
        assert results and results[-1].ok, [o.reason for r in results for o in r.failed]
        assert sum(fake.fault_counts.values()) > 0
        assert len(fake.state.servers) == KNOWN + PSEUDO
        assert_exact(fake, report)
        assert_no_duplicate_writes(fake)
