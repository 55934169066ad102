"""``futurevuls-ext demo``: the whole loop against an embedded fake FutureVuls, no token, no network.

1. Starts :class:`~futurevuls_ext.testing.FakeFutureVuls` with the ``demo`` dataset on 127.0.0.1.
2. Imports the bundled example reports (Nessus, Qualys CSV, Nmap + vulners, nuclei, Greenbone /
   OpenVAS XML, OWASP ZAP JSON; small files written for the demo, in ``futurevuls_ext/demo/data``) as
   external scan results: the Qualys scan of a NAT address and the ZAP scan of a web shop's host name
   go through a ``server_map``, unknown Nmap hosts become pseudo servers.
3. Plans SSVC exposure from the bundled Amazon Inspector findings, shows which tasks would change
   priority, and applies it (moving the internet-reachable server into ``Internet-Facing``).
4. Prints the article's triage queues.

Run it as ``futurevuls-ext demo`` or ``python -c "import futurevuls_ext.demo as d; d.run_demo()"``.
"""

from __future__ import annotations

import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from .._trace import TraceTarget

__all__ = ["DATA_FILES", "data_path", "run_demo"]

QUEUE_SHOWN = 5
"""Tasks shown per triage queue; the rest are counted."""

DATA_FILES = (
    "perimeter.nessus",
    "qualys.csv",
    "edge.nmap.xml",
    "asm.nuclei.jsonl",
    "greenbone.openvas.xml",
    "shop.zap.json",
    "inspector.json",
)


def data_path(name: str) -> Path:
    """Path of a bundled example report (one of :data:`DATA_FILES`)."""
    return Path(str(resources.files(__name__).joinpath("data", name)))


def _say(out: TextIO, text: str = "") -> None:
    out.write(text + "\n")


def _urgency(item: Any) -> int:
    """Sort key: most urgent SSVC priority first, unknown last."""
    from ..ssvc import Priority

    priority = item.task.ssvc.priority
    return -priority.rank if isinstance(priority, Priority) else 0


def run_demo(*, out: TextIO | None = None, trace: TraceTarget | None = None) -> dict[str, Any]:
    """Run the demo, printing each step to ``out`` (stdout); returns a JSON-ready summary.

    ``trace`` records every HTTP attempt to the embedded fake (see :class:`~futurevuls_ext.Client`).
    """
    from .._client import Client
    from ..exposure import ExposureProposal
    from ..testing import FakeFutureVuls
    from ..triage import Queue

    stream = out if out is not None else sys.stdout
    summary: dict[str, Any] = {"imports": [], "queues": {}}
    with FakeFutureVuls(dataset="demo") as fake, Client(fake.token, base_url=fake.url, trace=trace) as client:
        _say(stream, f"Demo FutureVuls tenant (fake, in-process) at {fake.url}\n")
        ids = {s.server_name: s.id for s in client.servers.list()}
        api_01, web_02 = ids["api-01"], ids["web-02"]
        imports: list[tuple[str, dict[str, Any]]] = [
            ("perimeter.nessus", {}),
            ("qualys.csv", {"server_map": {"203.0.113.20": api_01}}),  # the NAT address of api-01
            ("edge.nmap.xml", {"create_pseudo_servers": True}),
            ("asm.nuclei.jsonl", {}),
            ("greenbone.openvas.xml", {}),
            ("shop.zap.json", {"server_map": {"shop.demo.example": web_02}}),  # the shop runs on web-02
        ]
        _say(stream, "== 1. Import external scan results ==")
        for name, options in imports:
            result = client.import_report(data_path(name), **options)
            summary["imports"].append({"file": name, **result.to_dict()})
            _say(stream, result.summary())
        again = client.import_report(data_path("perimeter.nessus"))
        _say(stream, f"re-import of perimeter.nessus: {again.write_count} writes (idempotent)\n")

        _say(stream, "== 2. SSVC exposure from Amazon Inspector ==")
        plan = client.exposure.plan(data_path("inspector.json"))
        for decision in plan.decisions:
            exposure = decision.exposure.value if decision.exposure else "no change"
            _say(stream, f"  {decision.server_name:<12} {exposure:<11} {decision.reason}")
        preview = client.exposure.what_if(ExposureProposal.from_plan(plan))
        _say(stream, f"what-if: {len(preview.changes)} task(s) would change SSVC priority")
        for change in preview.changes:
            _say(stream, f"  {change.server_name:<12} {change.cve_id:<16} {change.before} -> {change.after}")
        with tempfile.TemporaryDirectory() as tmp:
            applied = client.exposure.apply(plan, state_file=Path(tmp) / "revert.json")
        moved = [o.move.server_name for o in applied.moved]
        _say(stream, f"applied: moved {', '.join(map(str, moved)) or 'nothing'} into Internet-Facing\n")
        summary["exposure"] = {"moved": moved, "what_if_changes": len(preview.changes)}

        _say(stream, "== 3. Triage queues ==")
        for queue in (Queue.EXPOSED_OVERDUE, Queue.NO_PLAN, Queue.NEW, Queue.UNASSIGNED):
            result_queue = client.triage.queue(queue, exposed_only=True)
            summary["queues"][queue.value] = [item.to_dict() for item in result_queue.items]
            _say(stream, f"{queue.value}: {len(result_queue.items)} exposed task(s)")
            ranked = sorted(result_queue.items, key=_urgency)
            for item in ranked[:QUEUE_SHOWN]:
                task = item.task
                _say(stream, f"  {task.server_name:<12} {task.cve_id:<16} ssvc={task.ssvc.priority}")
            if len(ranked) > QUEUE_SHOWN:
                _say(
                    stream,
                    f"  … and {len(ranked) - QUEUE_SHOWN} more "
                    f"(futurevuls-ext triage --queue {queue.value} --exposed-only)",
                )
    return summary
