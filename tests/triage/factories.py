"""Builders of task models for triage tests."""

from __future__ import annotations

import datetime as dt

from futurevuls_ext.models import Task, TaskSsvc


def task(
    task_id: int,
    cve_id: str,
    server_id: int,
    *,
    status: str = "new",
    deadline: dt.date | None = None,
    planned: dt.date | None = None,
    main_user_id: int | None = None,
    tags: tuple[str, ...] = (),
    ports: tuple[str, ...] = (),
) -> Task:
    return Task(
        id=task_id,
        cve_id=cve_id,
        server_id=server_id,
        server_name=f"srv-{server_id}",
        server_uuid=f"uuid-{server_id}",
        os_family="ubuntu",
        os_version="22.04",
        status=status,
        priority="none",
        ignore=False,
        is_important=False,
        has_danger=False,
        advisory_ids=(),
        detection_methods=(),
        detection_tools=(),
        listening_ports=ports,
        newed_at=None,
        created_at=None,
        updated_at=None,
        deadline_on=deadline,
        applying_patch_on=planned,
        main_user_id=main_user_id,
        server_tags=tags,
        ssvc=TaskSsvc(priority="scheduled"),
    )
