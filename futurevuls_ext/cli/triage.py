"""``futurevuls-ext triage``: exposed CVEs down to servers, packages, processes, ports; queues; bulk updates.

Without ``--queue``: the drill-down of ``--cve`` (or of every CVE an "exposed externally" scan result
lists). With ``--queue``: that queue's tasks (exposed, exposed-overdue, overdue, no-plan, new,
unassigned), optionally only exposed ones; with ``--set-*`` options the queue's tasks are updated
(a preview unless ``--apply``), each task's result reported.

Exit codes: 0 ok, 1 a task could not be updated, 2 usage/config, 4 API error.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from .._printable import printable
from ._args import cve_id, enum_option, iso_date, positive_int
from ._common import EXIT_FAILED, EXIT_OK, add_command, add_common_options, make_client, print_json

if TYPE_CHECKING:
    from ..triage import BulkUpdateResult, CveDrillDown, QueueResult

__all__ = ["QUEUES", "register", "run"]

# The values of futurevuls_ext.triage.Queue, spelled out so that building the parser imports nothing.
QUEUES = ("exposed", "exposed-overdue", "overdue", "no-plan", "new", "unassigned")


def register(subparsers: Any) -> None:
    """Add the ``triage`` command."""
    parser = add_command(
        subparsers, "triage", "drill down exposed CVEs; list and bulk-update the triage queues", __doc__
    )
    parser.add_argument("--queue", choices=QUEUES, help="list this queue instead")
    parser.add_argument(
        "--cve", type=cve_id, metavar="CVE", help="only this CVE (a CVE id, e.g. CVE-2021-44228)"
    )
    parser.add_argument("--exposed-only", action="store_true", help="only tasks that count as exposed")
    parser.add_argument(
        "--exposed-tag",
        action="append",
        default=[],
        metavar="TAG",
        help="servers with this tag count as exposed",
    )
    parser.add_argument(
        "--inspector",
        metavar="FINDINGS.json",
        help="Amazon Inspector findings: servers reachable from the internet count as exposed, and "
        "listening ports are checked against the reachable ones",
    )
    parser.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD", help="for 'overdue'")
    bulk = parser.add_argument_group("bulk update of the --queue")
    bulk.add_argument("--set-status", metavar="STATUS", help="e.g. investigating, ongoing, risk_accepted")
    bulk.add_argument("--set-priority", metavar="PRIORITY", help="high, medium, low, none")
    bulk.add_argument("--set-assignee", type=positive_int, metavar="USER_ID", help="main assignee")
    bulk.add_argument("--set-sub-assignee", type=positive_int, metavar="USER_ID", help="sub assignee")
    bulk.add_argument(
        "--set-patch-date", type=iso_date, metavar="YYYY-MM-DD", help="planned patch date (applyingPatchOn)"
    )
    bulk.add_argument("--apply", action="store_true", help="send the updates (default: preview)")
    bulk.add_argument(
        "--concurrency", type=positive_int, default=8, metavar="N", help="parallel requests (default 8)"
    )
    add_common_options(parser, api=True)
    parser.set_defaults(func=run)


def _print_drill(items: tuple[CveDrillDown, ...]) -> None:
    if not items:
        print("no externally exposed CVE (no 'exposed externally' scan result lists a CVE)")
    for cve in items:
        print(f"{cve.cve_id}  {printable(cve.title or '')}".rstrip())
        for hit in cve.servers:
            flag = "\u2713" if hit.external_scan else " "
            via = ",".join(hit.exposed_via) or "-"
            tags = ",".join(hit.tags) or "-"
            print(
                f"  [{flag}] {printable(hit.server_name)} ({hit.server_id}) role={printable(hit.role_name)} "
                f"tags={printable(tags)} "
                f"exposed={printable(via)} task={hit.task_id} {hit.status} ssvc={hit.ssvc_priority}"
            )
            for package in hit.packages:
                procs = f"  processes: {', '.join(package.processes)}" if package.processes else ""
                print(
                    f"      package {printable(package.name)} {printable(package.version)}{printable(procs)}"
                )
            if hit.listening_ports:
                print(f"      listening: {printable(', '.join(hit.listening_ports))}")
            if hit.internet_listening:
                print(
                    "      reachable from the internet (Inspector): "
                    f"{printable(', '.join(hit.internet_listening))}"
                )
            if hit.detail_error:
                print(f"      detail not fetched: {printable(hit.detail_error)}")


def _print_queue(result: QueueResult) -> None:
    print(f"queue {result.queue.value}: {len(result.items)} task(s)")
    for item in result.items:
        t = item.task
        via = ",".join(item.exposed_via) or "-"
        print(
            f"  task {t.id} {t.cve_id} on {printable(t.server_name)} status={t.status} "
            f"ssvc={t.ssvc.priority} "
            f"deadline={t.deadline_on or '-'} planned={t.applying_patch_on or '-'} "
            f"assignee={printable(t.main_user_name or t.main_user_id or '-')} exposed={printable(via)}"
        )


FIELD_LABELS = {
    "status": "status",
    "priority": "priority",
    "main_user_id": "assignee",
    "sub_user_id": "sub-assignee",
    "applying_patch_on": "patch date",
}
"""How the bulk line names each field (the --set-* option without the prefix)."""


def _print_bulk(result: BulkUpdateResult) -> None:
    verb = "would update" if result.dry_run else "updated"
    fields = ", ".join(f"{FIELD_LABELS.get(k, k)} {v}" for k, v in result.update.to_dict().items())
    print(f"{verb} {len(result.succeeded)} task(s), {len(result.failed)} failed: {fields}")
    for outcome in result.failed:
        print(f"  task {outcome.task_id}: {printable(outcome.error)}")
    if result.dry_run:
        print("dry run: nothing was changed; add --apply to send the updates")


def _bulk_fields(args: argparse.Namespace) -> dict[str, Any]:
    from ..models.enums import TaskPriority, TaskStatus

    pairs = {
        "status": enum_option("--set-status", TaskStatus, args.set_status),
        "priority": enum_option("--set-priority", TaskPriority, args.set_priority),
        "main_user_id": args.set_assignee,
        "sub_user_id": args.set_sub_assignee,
        "applying_patch_on": args.set_patch_date,
    }
    return {k: v for k, v in pairs.items() if v is not None}


def run(args: argparse.Namespace) -> int:
    """Run the command; print text or JSON."""
    from .._exceptions import ConfigError

    fields = _bulk_fields(args)
    if fields and args.queue is None:
        raise ConfigError("--set-* options update a queue: add --queue")
    with make_client(args) as client:
        plan = None
        if args.inspector is not None:
            plan = client.exposure.plan(args.inspector)
        if args.queue is None:
            items = client.triage.drill(args.cve, exposed_tags=args.exposed_tag, plan=plan)
            if args.json:
                print_json([i.to_dict() for i in items])
            else:
                _print_drill(items)
            if args.cve is not None and not any(item.servers for item in items):
                print(f"futurevuls-ext: no task has {args.cve} in this group", file=sys.stderr)
                return EXIT_FAILED
            return EXIT_OK
        queue = client.triage.queue(
            args.queue,
            cve_id=args.cve,
            exposed_only=args.exposed_only,
            today=args.today,
            exposed_tags=args.exposed_tag,
            plan=plan,
        )
        bulk = None
        if fields:
            try:
                bulk = client.triage.bulk_update(
                    queue.tasks, dry_run=not args.apply, concurrency=args.concurrency, **fields
                )
            except ValueError as exc:  # a value the SDK refuses beyond the enum_option / argparse checks
                raise ConfigError(str(exc)) from None
    if args.json:
        print_json({"queue": queue.to_dict(), "bulk_update": None if bulk is None else bulk.to_dict()})
    else:
        _print_queue(queue)
        if bulk is not None:
            _print_bulk(bulk)
    return EXIT_OK if bulk is None or bulk.ok else EXIT_FAILED
