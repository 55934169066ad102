"""Triage: from "this CVE is exposed externally" down to server, package, process and port; the queues.

The article's drill-down (:func:`drill_down`) and task queues (:func:`triage_queue`: exposed and
overdue, no planned patch date, still new, no assignee...), with bulk updates
(:func:`bulk_update`)::

    import futurevuls_ext as fv
    from futurevuls_ext import triage

    with fv.Client() as client:
        for cve in triage.drill_down(client):             # every externally exposed CVE
            for hit in cve.exposed_servers:
                print(cve.cve_id, hit.server_name, hit.listening_ports, [p.name for p in hit.packages])
        queue = triage.triage_queue(client, "unassigned", exposed_only=True)
        result = triage.bulk_update(client, queue.tasks, main_user_id=42)
        for failure in result.failed:
            print(failure.task_id, failure.error)

Every function that talks to the API has an ``_async`` twin taking an ``AsyncClient``.
"""

from __future__ import annotations

from ._api import (
    QueueResult,
    bulk_update,
    bulk_update_async,
    drill_down,
    drill_down_async,
    triage_queue,
    triage_queue_async,
)
from ._bulk import BulkUpdateResult, TaskUpdate, TaskUpdateOutcome
from ._drill import AffectedPackage, CveDrillDown, ServerHit, drill_down_cve
from ._exposed import DEFAULT_EXPOSED_ROLE_NAMES, ExposureIndex
from ._queues import Queue, QueueItem, QueueSpec, select

__all__ = [
    "DEFAULT_EXPOSED_ROLE_NAMES",
    "AffectedPackage",
    "BulkUpdateResult",
    "CveDrillDown",
    "ExposureIndex",
    "Queue",
    "QueueItem",
    "QueueResult",
    "QueueSpec",
    "ServerHit",
    "TaskUpdate",
    "TaskUpdateOutcome",
    "bulk_update",
    "bulk_update_async",
    "drill_down",
    "drill_down_async",
    "drill_down_cve",
    "select",
    "triage_queue",
    "triage_queue_async",
]
