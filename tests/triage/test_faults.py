"""Bulk updates and exposure moves under injected faults.

Retries recover from 429 / 502 / 503 (the client does not retry 500); a persistent failure stays
per task.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import futurevuls_ext as fv
from futurevuls_ext import exposure
from futurevuls_ext.models import TaskStatus
from futurevuls_ext.testing import FakeFutureVuls, FaultConfig

from ..harness import Both

pytestmark = [pytest.mark.anyio, pytest.mark.integration]

FINDINGS = Path(__file__).parent.parent / "exposure" / "data" / "inspector_reachability.json"


def _quick(both: Both, fake: FakeFutureVuls, *, max_retries: int) -> Any:
    """A client with a shrunk backoff, so retried 5xx do not make the test slow (what is retried is kept)."""
    retry = fv.RetryPolicy(max_retries=max_retries, backoff_base=0.001, backoff_max=0.01)
    return both.connect_fake(fake, retry=retry)


async def test_bulk_update_recovers_from_429_and_5xx(both: Both) -> None:
    faults = FaultConfig(
        seed=11,
        rate_limit_rate=0.3,
        retry_after=0,
        error_rate=0.2,
        error_statuses=(502, 503),
        methods=frozenset({"PUT"}),
    )
    with FakeFutureVuls(dataset="demo", faults=faults) as fake:
        _quick(both, fake, max_retries=8)
        queue = await both.run(lambda c: c.triage.queue("new"))
        # concurrency 1: the fault sequence follows the seed only when requests arrive in order
        result = await both.run(lambda c: c.triage.bulk_update(queue.tasks, status="ongoing", concurrency=1))
        assert result.ok and len(result.succeeded) == len(queue.items) > 5
        refused = [r for r in fake.requests if r.method == "PUT" and r.status >= 429]
        assert refused, "the seed is chosen so that some PUTs were refused and retried"
        assert all(fake.state.tasks[t.id].status == "ongoing" for t in queue.tasks)


async def test_persistent_failure_is_reported_for_that_task_only(both: Both) -> None:
    with FakeFutureVuls(dataset="demo") as probe:
        victim = min(t.id for t in probe.state.tasks.values() if t.status == TaskStatus.NEW)
    faults = FaultConfig(script=("503",) * 10, paths=(rf"^/v1/task/{victim}$",), methods=frozenset({"PUT"}))
    with FakeFutureVuls(dataset="demo", faults=faults) as fake:
        _quick(both, fake, max_retries=1)
        queue = await both.run(lambda c: c.triage.queue("new"))
        result = await both.run(lambda c: c.triage.bulk_update(queue.tasks, priority="low", concurrency=3))
        (failed,) = result.failed
        assert failed.task_id == victim and failed.error and "503" in failed.error
        assert len(result.succeeded) == len(queue.items) - 1
        assert fake.state.tasks[victim].priority != "low"


async def test_exposure_apply_under_faults_matches_the_what_if(both: Both, tmp_path: Path) -> None:
    faults = FaultConfig(
        seed=5, rate_limit_rate=0.25, retry_after=0, error_rate=0.25, error_statuses=(502, 503)
    )
    with FakeFutureVuls(dataset="demo", faults=faults) as fake:
        _quick(both, fake, max_retries=10)
        plan = await both.run(lambda c: c.exposure.plan(FINDINGS))
        before = {t.id: t.ssvc.priority for t in await both.items(lambda c: c.tasks.list())}
        proposal = exposure.ExposureProposal.from_plan(plan)
        preview = await both.run(lambda c: c.exposure.what_if(proposal, concurrency=4))
        result = await both.run(
            lambda c: c.exposure.apply(plan, state_file=tmp_path / "r.json", concurrency=4)
        )
        assert result.ok
        after = {t.id: t.ssvc.priority for t in await both.items(lambda c: c.tasks.list())}
        changed = {i: (before[i], after[i]) for i in before if before[i] != after[i]}
        assert changed == {c.task_id: (c.before, c.after) for c in preview.changes}
        assert any(r.status >= 429 for r in fake.requests)
