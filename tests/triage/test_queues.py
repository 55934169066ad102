from __future__ import annotations

import datetime as dt

import pytest

from futurevuls_ext import ConfigError
from futurevuls_ext.models import TaskStatus
from futurevuls_ext.ssvc import Exposure
from futurevuls_ext.triage import ExposureIndex, Queue, QueueSpec, select

from ..exposure.factories import role, scan, server
from .factories import task

TODAY = dt.date(2026, 11, 22)
SERVERS = [
    server(1, "web", role_id=2, role="Web"),
    server(2, "api", role_id=1),
    server(3, "fw", role_id=1),
]
ROLES = [role(1, "default"), role(2, "Web", exposure=Exposure.OPEN)]
INDEX = ExposureIndex.build(
    SERVERS, ROLES, [scan(7, 3, ("CVE-2022-40684",)), scan(8, 2, ("CVE-2000-0001",), external=False)]
)

TASKS = [
    task(1, "CVE-2021-0001", 1, deadline=TODAY - dt.timedelta(days=1)),  # exposed by role, overdue
    task(
        2, "CVE-2021-0002", 2, deadline=TODAY - dt.timedelta(days=3), main_user_id=5
    ),  # overdue, not exposed
    task(3, "CVE-2022-40684", 3, deadline=TODAY, planned=TODAY),  # exposed by scan, due today: not overdue
    task(4, "CVE-2000-0001", 2, status="ongoing", tags=("public",)),  # scan is not "external"
]


def _ids(queue: Queue, **kwargs: bool) -> list[int]:
    return [i.task.id for i in select(TASKS, QueueSpec(queue=queue, **kwargs), INDEX, today=TODAY)]


def test_exposed_via_sources() -> None:
    assert INDEX.exposed_via(1, "CVE-2021-0001") == ("role",)
    assert INDEX.exposed_via(3, "cve-2022-40684") == ("external-scan",)
    assert INDEX.exposed_via(2, "CVE-2000-0001", ("public",)) == ()
    tagged = ExposureIndex.build(SERVERS, ROLES, [], exposed_tags=["public"], exposed_role_names=[])
    assert tagged.exposed_via(2, "CVE-2000-0001", ("public",)) == ("tag:public",)
    assert INDEX.exposed_cves == {"CVE-2022-40684"}


def test_role_name_counts_when_role_ssvc_is_unknown() -> None:
    index = ExposureIndex.build(
        [server(1, "web", role_id=9, role="Internet-Facing")], [role(9, "Internet-Facing")], []
    )
    assert index.exposed_via(1, "CVE-2021-0001") == ("role",)


def test_queues() -> None:
    assert _ids(Queue.EXPOSED) == [1, 3]
    assert _ids(Queue.EXPOSED_OVERDUE) == [1]
    assert _ids(Queue.OVERDUE) == [1, 2]
    assert _ids(Queue.NO_PLAN) == [1, 2, 4]
    assert _ids(Queue.NO_PLAN, exposed_only=True) == [1]
    assert _ids(Queue.UNASSIGNED) == [1, 3, 4]
    assert _ids(Queue.NEW) == [1, 2, 3, 4]  # the status filter is server-side


def test_server_side_status_only_for_new() -> None:
    assert QueueSpec(queue=Queue.NEW).statuses == (TaskStatus.NEW,)
    assert QueueSpec(queue=Queue.UNASSIGNED).statuses is None


def test_queue_names() -> None:
    assert Queue.parse("Exposed_Overdue") is Queue.EXPOSED_OVERDUE
    with pytest.raises(ConfigError, match="no-plan"):
        Queue.parse("late")


def test_queue_item_row() -> None:
    (item,) = select(TASKS[2:3], QueueSpec(queue=Queue.EXPOSED), INDEX, today=TODAY)
    row = item.to_dict()
    assert row["external_scan"] is True and row["role_name"] == "default"
    assert row["deadline_on"] == TODAY.isoformat()


@pytest.mark.parametrize(
    ("listening", "open_range", "expected"),
    [
        ("0.0.0.0:22", "22/tcp", True),
        ("[::]:443", "80-443/tcp", True),
        ("0.0.0.0:8080", "80-81/tcp", False),
        ("22", "22/udp", True),
        ("0.0.0.0:*", "22/tcp", False),
        ("0.0.0.0:22", "?/tcp", False),
    ],
)
def test_port_in(listening: str, open_range: str, expected: bool) -> None:
    from futurevuls_ext.triage._exposed import port_in

    assert port_in(listening, open_range) is expected


def test_inspector_plan_marks_servers_and_listening_ports() -> None:
    from futurevuls_ext.exposure import plan_exposure

    from ..exposure.factories import reach

    servers = [server(1, "web", instance="i-1"), server(2, "api", instance="i-2")]
    plan = plan_exposure([reach("i-1", 443), reach("i-1", 8000, end=8010)], servers)
    index = ExposureIndex.build(servers, ROLES, [], plan=plan)
    assert index.exposed_via(1, "CVE-2021-0001") == ("inspector",)
    assert index.exposed_via(2, "CVE-2021-0001") == ()
    ports = ("0.0.0.0:443", "127.0.0.1:5432", "0.0.0.0:8005")
    assert index.internet_listening(1, ports) == ("0.0.0.0:443", "0.0.0.0:8005")
    assert index.internet_listening(2, ports) == ()
