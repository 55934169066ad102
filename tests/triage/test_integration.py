"""Triage queues, drill-down and bulk updates on the demo seed, over real loopback sockets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from futurevuls_ext import triage
from futurevuls_ext.models import TaskStatus
from futurevuls_ext.testing import FakeFutureVuls

from ..harness import Both

pytestmark = [pytest.mark.anyio, pytest.mark.integration]

TODAY = dt.date(2026, 11, 22)
PAST = (TODAY - dt.timedelta(days=10)).isoformat()
FUTURE = (TODAY + dt.timedelta(days=10)).isoformat()


def _server_id(fake: FakeFutureVuls, name: str) -> int:
    return next(s.id for s in fake.state.servers.values() if s.name == name)


@pytest.fixture
def fake() -> Iterator[FakeFutureVuls]:
    with FakeFutureVuls(dataset="demo") as server:
        # deadlines: one exposed (web-01, role Internet-Facing) overdue, one internal overdue, one not yet due
        server.add_task(_server_id(server, "web-01"), "CVE-2023-44487", deadline_on=PAST)
        server.add_task(_server_id(server, "api-01"), "CVE-2023-22809", deadline_on=PAST)
        server.add_task(_server_id(server, "edge-fw-01"), "CVE-2022-40684", deadline_on=FUTURE)
        yield server


def _pairs(result: triage.QueueResult) -> set[tuple[str | None, str | None]]:
    return {(i.task.server_name, i.task.cve_id) for i in result.items}


async def test_queues_on_the_demo_seed(both: Both, fake: FakeFutureVuls) -> None:
    both.connect_fake(fake)
    overdue = await both.run(lambda c: c.triage.queue("exposed-overdue", today=TODAY))
    assert _pairs(overdue) == {("web-01", "CVE-2023-44487")}
    assert overdue.items[0].exposed_via == ("role",)
    assert _pairs(await both.run(lambda c: c.triage.queue("overdue", today=TODAY))) == {
        ("web-01", "CVE-2023-44487"),
        ("api-01", "CVE-2023-22809"),
    }
    exposed = await both.run(lambda c: c.triage.queue("exposed", today=TODAY))
    assert {s for s, _ in _pairs(exposed)} == {"web-01", "web-02", "edge-fw-01"}
    fw = next(i for i in exposed.items if i.task.server_name == "edge-fw-01")
    assert fw.external_scan and "external-scan" in fw.exposed_via

    all_open = {(t.server_name, t.cve_id) for t in await both.items(lambda c: c.tasks.list())}
    assigned = {("web-01", "CVE-2024-6387"), ("api-01", "CVE-2021-44228")}
    assert assigned <= all_open
    assert _pairs(await both.run(lambda c: c.triage.queue("unassigned"))) == all_open - assigned
    assert ("web-01", "CVE-2024-6387") not in _pairs(await both.run(lambda c: c.triage.queue("no-plan")))

    start = len(fake.requests)
    new = await both.run(lambda c: c.triage.queue("new", cve_id="CVE-2023-38408"))
    assert {s for s, _ in _pairs(new)} == {"web-01", "web-02", "db-01"}
    sent = [r for r in fake.requests[start:] if r.path == "/v1/tasks"]
    assert sent
    assert all(r.query.get("filterCveID") == ["CVE-2023-38408"] for r in sent)
    assert all(r.query.get("filterStatus") == ["new"] for r in sent)


async def test_drill_one_cve_and_every_exposed_cve(both: Both, fake: FakeFutureVuls) -> None:
    both.connect_fake(fake)
    (cve,) = await both.run(lambda c: c.triage.drill("CVE-2023-38408", concurrency=2))
    assert cve.title and "OpenSSH" in cve.title
    by_name = {h.server_name: h for h in cve.servers}
    assert set(by_name) == {"web-01", "web-02", "db-01"}
    web = by_name["web-01"]
    assert web.role_name == "Internet-Facing" and set(web.tags) == {"prod", "web"}
    assert web.exposed_via == ("role",) and not web.external_scan
    assert [p.name for p in web.packages] == ["openssh-server"]
    assert web.packages[0].processes == ("sshd (pid 702)",)
    assert any(port.endswith(":22") for port in web.listening_ports) and web.running_process
    assert not by_name["db-01"].exposed_via
    assert [h.server_name for h in cve.exposed_servers] == ["web-01", "web-02"]

    (fw_cve,) = await both.run(lambda c: c.triage.drill())
    assert fw_cve.cve_id == "CVE-2022-40684"
    (hit,) = fw_cve.servers
    assert hit.server_name == "edge-fw-01" and hit.external_scan


async def test_bulk_update_a_queue_with_per_task_results(both: Both, fake: FakeFutureVuls) -> None:
    both.connect_fake(fake)
    queue = await both.run(lambda c: c.triage.queue("unassigned", exposed_only=True))
    assert len(queue.items) >= 3
    ids = [t.id for t in queue.tasks]
    dry = await both.run(lambda c: c.triage.bulk_update(queue.tasks, main_user_id=3, dry_run=True))
    assert dry.dry_run and len(dry.succeeded) == len(ids)
    assert (await both.run(lambda c: c.triage.queue("unassigned", exposed_only=True))).items == queue.items

    result = await both.run(
        lambda c: c.triage.bulk_update(
            [*queue.tasks, 999_999],
            main_user_id=3,
            status="investigating",
            applying_patch_on=FUTURE,
            concurrency=3,
        )
    )
    assert [o.task_id for o in result.outcomes] == [*ids, 999_999]
    assert len(result.succeeded) == len(ids)
    (failed,) = result.failed
    assert failed.task_id == 999_999 and failed.error and "404" in failed.error
    details = {t: await both.run(lambda c, t=t: c.tasks.get(t)) for t in ids}  # type: ignore[misc]
    for task in details.values():
        assert task.main_user_id == 3 and task.status == TaskStatus.INVESTIGATING
        assert task.applying_patch_on == dt.date.fromisoformat(FUTURE)
    assert (await both.run(lambda c: c.triage.queue("unassigned", exposed_only=True))).items == ()


async def test_drill_with_inspector_evidence(both: Both, fake: FakeFutureVuls) -> None:
    findings = Path(__file__).parent.parent / "exposure" / "data" / "inspector_reachability.json"
    both.connect_fake(fake)
    plan = await both.run(lambda c: c.exposure.plan(findings))
    (log4j,) = await both.run(lambda c: c.triage.drill("CVE-2021-44228", plan=plan))
    (api,) = log4j.servers
    assert api.server_name == "api-01" and api.exposed_via == ("inspector",)
    assert api.internet_ports == ("443/tcp", "8080/tcp")
    assert api.internet_listening == ("0.0.0.0:8080",)
    (http2,) = await both.run(lambda c: c.triage.drill("CVE-2023-44487", plan=plan))
    web = {h.server_name: h for h in http2.servers}
    assert web["web-01"].internet_listening == ("0.0.0.0:443",)  # 80 listens, but only 443 is reachable
    assert web["web-02"].internet_listening == ()  # web-02 is not in the findings
    exposed = await both.run(lambda c: c.triage.queue("exposed", plan=plan))
    assert "api-01" in {i.task.server_name for i in exposed.items}
