"""Triage queues, drill-down and bulk updates on the demo seed, over real loopback sockets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

import futurevuls_ext as fv
from futurevuls_ext import triage
from futurevuls_ext.models import TaskStatus
from futurevuls_ext.testing import FakeFutureVuls

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


def test_queues_on_the_demo_seed(fake: FakeFutureVuls) -> None:
    with fv.Client(fake.token, base_url=fake.url) as client:
        overdue = triage.triage_queue(client, "exposed-overdue", today=TODAY)
        assert _pairs(overdue) == {("web-01", "CVE-2023-44487")}
        assert overdue.items[0].exposed_via == ("role",)
        assert _pairs(triage.triage_queue(client, "overdue", today=TODAY)) == {
            ("web-01", "CVE-2023-44487"),
            ("api-01", "CVE-2023-22809"),
        }
        exposed = triage.triage_queue(client, "exposed", today=TODAY)
        assert {s for s, _ in _pairs(exposed)} == {"web-01", "web-02", "edge-fw-01"}
        fw = next(i for i in exposed.items if i.task.server_name == "edge-fw-01")
        assert fw.external_scan and "external-scan" in fw.exposed_via

        all_open = {(t.server_name, t.cve_id) for t in client.tasks.list()}
        assigned = {("web-01", "CVE-2024-6387"), ("api-01", "CVE-2021-44228")}
        assert assigned <= all_open
        assert _pairs(triage.triage_queue(client, "unassigned")) == all_open - assigned
        assert ("web-01", "CVE-2024-6387") not in _pairs(triage.triage_queue(client, "no-plan"))

        start = len(fake.requests)
        new = triage.triage_queue(client, "new", cve_id="CVE-2023-38408")
        assert {s for s, _ in _pairs(new)} == {"web-01", "web-02", "db-01"}
        sent = [r for r in fake.requests[start:] if r.path == "/v1/tasks"]
        assert sent
        assert all(r.query.get("filterCveID") == ["CVE-2023-38408"] for r in sent)
        assert all(r.query.get("filterStatus") == ["new"] for r in sent)


def test_drill_down_one_cve_and_every_exposed_cve(fake: FakeFutureVuls) -> None:
    with fv.Client(fake.token, base_url=fake.url) as client:
        (cve,) = triage.drill_down(client, "CVE-2023-38408", concurrency=2)
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

        (fw_cve,) = triage.drill_down(client)
        assert fw_cve.cve_id == "CVE-2022-40684"
        (hit,) = fw_cve.servers
        assert hit.server_name == "edge-fw-01" and hit.external_scan


def test_bulk_update_a_queue_with_per_task_results(fake: FakeFutureVuls) -> None:
    with fv.Client(fake.token, base_url=fake.url) as client:
        queue = triage.triage_queue(client, "unassigned", exposed_only=True)
        assert len(queue.items) >= 3
        ids = [t.id for t in queue.tasks]
        dry = triage.bulk_update(client, queue.tasks, main_user_id=3, dry_run=True)
        assert dry.dry_run and len(dry.succeeded) == len(ids)
        assert triage.triage_queue(client, "unassigned", exposed_only=True).items == queue.items

        result = triage.bulk_update(
            client,
            [*queue.tasks, 999_999],
            main_user_id=3,
            status="investigating",
            applying_patch_on=FUTURE,
            concurrency=3,
        )
        assert [o.task_id for o in result.outcomes] == [*ids, 999_999]
        assert len(result.succeeded) == len(ids)
        (failed,) = result.failed
        assert failed.task_id == 999_999 and failed.error and "404" in failed.error
        for task_id in ids:
            task = client.tasks.get(task_id)
            assert task.main_user_id == 3 and task.status == TaskStatus.INVESTIGATING
            assert task.applying_patch_on == dt.date.fromisoformat(FUTURE)
        assert triage.triage_queue(client, "unassigned", exposed_only=True).items == ()


@pytest.mark.anyio
async def test_async_queue_drill_down_and_bulk_update(fake: FakeFutureVuls) -> None:
    async with fv.AsyncClient(fake.token, base_url=fake.url) as client:
        overdue = await triage.triage_queue_async(client, "exposed-overdue", today=TODAY)
        assert _pairs(overdue) == {("web-01", "CVE-2023-44487")}
        (cve,) = await triage.drill_down_async(client, "CVE-2023-38408", concurrency=2)
        assert {h.server_name for h in cve.exposed_servers} == {"web-01", "web-02"}
        assert cve.servers[0].packages
        result = await triage.bulk_update_async(client, overdue.tasks, priority="high", main_user_id=1)
        assert result.ok and len(result.succeeded) == 1
        task = await client.tasks.get(overdue.tasks[0].id)
        assert task.priority == "high" and task.main_user_id == 1
        after = await triage.triage_queue_async(client, "unassigned", exposed_only=True)
        assert overdue.tasks[0].id not in {t.id for t in after.tasks}


def test_drill_down_with_inspector_evidence(fake: FakeFutureVuls) -> None:
    from pathlib import Path

    from futurevuls_ext import exposure

    findings = Path(__file__).parent.parent / "exposure" / "data" / "inspector_reachability.json"
    with fv.Client(fake.token, base_url=fake.url) as client:
        plan = exposure.plan_exposure(findings, list(client.servers.list()))
        (log4j,) = triage.drill_down(client, "CVE-2021-44228", plan=plan)
        (api,) = log4j.servers
        assert api.server_name == "api-01" and api.exposed_via == ("inspector",)
        assert api.internet_ports == ("443/tcp", "8080/tcp")
        assert api.internet_listening == ("0.0.0.0:8080",)
        (http2,) = triage.drill_down(client, "CVE-2023-44487", plan=plan)
        web = {h.server_name: h for h in http2.servers}
        assert web["web-01"].internet_listening == ("0.0.0.0:443",)  # 80 listens, but only 443 is reachable
        assert web["web-02"].internet_listening == ()  # web-02 is not in the findings
        exposed = triage.triage_queue(client, "exposed", plan=plan)
        assert "api-01" in {i.task.server_name for i in exposed.items}
