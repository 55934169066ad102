"""Triage: from "this CVE is exposed externally" down to server, package, process and port; the queues.

The article's drill-down (``client.triage.drill``), task queues (``client.triage.queue``: exposed and
overdue, no planned patch date, still new, no assignee...) and bulk updates
(``client.triage.bulk_update``)::

    import futurevuls_ext as fv

    with fv.Client() as client:
        for cve in client.triage.drill():                 # every externally exposed CVE
            for hit in cve.exposed_servers:
                print(cve.cve_id, hit.server_name, hit.listening_ports, [p.name for p in hit.packages])
        queue = client.triage.queue("unassigned", exposed_only=True)
        result = client.triage.bulk_update(queue.tasks, main_user_id=42)
        for failure in result.failed:
            print(failure.task_id, failure.error)

``AsyncClient.triage`` has the same methods, awaited.
"""

from __future__ import annotations

from ._bulk import BulkUpdateResult, TaskUpdate, TaskUpdateOutcome
from ._drill import AffectedPackage, CveDrillDown, ServerHit, drill_down_cve
from ._exposed import DEFAULT_EXPOSED_ROLE_NAMES, ExposureIndex
from ._namespace import AsyncTriage, Triage
from ._programs import QueueResult
from ._queues import Queue, QueueItem, QueueSpec, select

__all__ = [
    "DEFAULT_EXPOSED_ROLE_NAMES",
    "AffectedPackage",
    "AsyncTriage",
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
    "Triage",
    "drill_down_cve",
    "select",
]
