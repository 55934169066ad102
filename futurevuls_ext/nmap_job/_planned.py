"""The Nmap job on the import planner: mapping lines in, the job's :class:`IpOutcome` rows out.

Each mapping line becomes a :class:`ResultTarget`, planned and written by the same code as
``import_report`` (only what differs is sent, duplicates healed, creates re-checked).

The mapping file keeps the article's three columns; the last CVE set is not cached in it: FutureVuls'
own copy is the reference (one listing per run), so an edit made in the web UI is also corrected and
a run whose scans found nothing new writes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

from .._core.program import Program
from ..importer._options import ImportOptions
from ..importer._pinned import ResultTarget, plan_targets
from ..importer._program import run_plan
from ..importer._progress import ImportProgress
from ..models import ExternalScan
from ..profile import ApiProfile
from ._mapping import MappingEntry, default_mapping_path
from ._result import Action, IpOutcome

__all__ = ["Planned", "failed", "resolve_mapping_path", "run_targets"]

_QUIET = ("new result", "same CVE ids", "changed: CVE ids")
"""Planner reasons the job's one-line outcomes leave out (the action and the +/- counts say it)."""


@attrs.frozen(kw_only=True)
class Planned:
    """One mapping line (or new IP) to write: its entry and its target."""

    entry: MappingEntry
    target: ResultTarget


_FIELDS = {"external flag": "is external changed", "name": "name changed"}


def _reason(text: str) -> str:
    """The planner's reason in the job's words: quiet parts dropped, changed fields named."""
    parts = []
    for raw in text.split("; "):
        part = raw
        if raw.startswith("changed: "):
            part = ", ".join(_FIELDS[f] for f in raw[len("changed: ") :].split(", ") if f in _FIELDS)
        if part and part not in _QUIET:
            parts.append(part)
    return "; ".join(parts)


def run_targets(
    profile: ApiProfile,
    items: Sequence[Planned],
    scans: Sequence[ExternalScan],
    *,
    name: str,
    is_external: bool = True,
    progress: Callable[[IpOutcome], None] | None = None,
) -> Program[list[IpOutcome]]:
    """Plan and write ``items``; their outcomes in the order given (the entry ids as written)."""
    options = ImportOptions(name=name, is_external=is_external, concurrency=1, lock=False)
    plan = plan_targets([item.target for item in items], scans, options)
    before = {w.label: frozenset(w.existing.cve_ids) for w in plan.writes if w.existing is not None}
    by_label = {item.target.label: item for item in items}
    outcomes: dict[str, IpOutcome] = {}

    def convert(status: str, label: str, scan_id: int | None, reason: str) -> IpOutcome:
        item = by_label[label]
        action: Action = status if status in ("created", "updated", "unchanged") else "failed"  # type: ignore[assignment]
        cves = item.target.cve_ids if action != "failed" else frozenset()
        old = before.get(label, frozenset())
        return IpOutcome(
            ip=item.entry.ip,
            server_id=item.entry.server_id,
            external_scan_id=scan_id,
            action=action,
            cve_ids=cves,
            added=cves - old if action != "failed" else frozenset(),
            removed=old - cves if action != "failed" else frozenset(),
            reason=_reason(reason),
        )

    def on_write(event: ImportProgress) -> None:
        row = event.outcome
        outcomes[row.host] = convert(event.status, row.host, row.external_scan_id, row.reason)
        if progress is not None:
            progress(outcomes[row.host])

    result = yield from run_plan(profile, plan, on_write, known_scans=scans)
    for status in ("created", "updated", "unchanged", "failed", "unresolved"):
        for row in getattr(result, status):
            if row.host not in outcomes:
                outcomes[row.host] = convert(status, row.host, row.external_scan_id, row.reason)
                if progress is not None:
                    progress(outcomes[row.host])
    for row in result.healed:
        done = outcomes[row.host]
        note = f"result {row.external_scan_id}: {row.reason}"
        outcomes[row.host] = attrs.evolve(done, reason="; ".join(r for r in (done.reason, note) if r))
    return [outcomes[item.target.label] for item in items]


def resolve_mapping_path(mapping_path: str | os.PathLike[str] | None) -> Path:
    """The given path, else ``$FUTUREVULS_NMAP_MAPPING``, else ``./ip_and_id_mapping.txt``."""
    return Path(mapping_path) if mapping_path is not None else default_mapping_path()


def failed(entry: MappingEntry, reason: str) -> IpOutcome:
    """A failed outcome for ``entry``."""
    return IpOutcome(
        ip=entry.ip,
        server_id=entry.server_id,
        external_scan_id=entry.external_scan_id,
        action="failed",
        reason=reason,
    )
