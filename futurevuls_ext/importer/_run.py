"""One import run's bookkeeping (pure, thread-safe): phases, what is done so far, the final result.

Both drivers walk the same phases: create this run's pseudo servers, settle them against a fresh
listing (the re-check), run the write flows, re-check the results they created against one more
listing (:mod:`._recheck`), ask for rescans. The run records every finished write as
it finishes, so an interrupted run can still say what it wrote (:class:`ImportInterrupted`).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Generator, Sequence
from typing import Any

from attrs import evolve

from .._batch import describe_error
from .._core.call import Call
from .._exceptions import FutureVulsError
from ..models import ExternalScan, Server
from ..profile import ApiProfile
from ..resources import calls
from ._execute import Created, Executed, PseudoCreated, Settled, pseudo_flow, write_flow
from ._interrupt import ImportInterrupted
from ._options import ImportOptions
from ._plan import ImportPlan
from ._progress import ProgressSink
from ._recheck import (
    UNCHECKED,
    by_server_and_name,
    decide,
    group_listing_pays,
    needs_calls,
    recheck_flow,
    settled_without_calls,
)
from ._result import HostOutcome, ImportResult
from ._settle import failed_create, settle

__all__ = ["ImportRun", "assemble", "rescan_flow"]

RESUME = "not written: the import was interrupted; a re-run resumes"


def rescan_flow(server_id: int) -> Generator[Call[Any], Any, tuple[int, str]]:
    """Ask for one server's rescan; returns (server id, error text or "")."""
    try:
        yield calls.servers.scan(server_id)
    except FutureVulsError as exc:
        return server_id, describe_error(exc)
    return server_id, ""


class ImportRun:
    """The phases of one import and the records of what finished."""

    def __init__(
        self,
        plan: ImportPlan,
        profile: ApiProfile,
        sink: ProgressSink,
        warnings: Sequence[str],
        *,
        known_servers: Sequence[Server] = (),
        known_scans: Sequence[ExternalScan] = (),
    ) -> None:
        self.plan = plan
        self.options: ImportOptions = plan.options
        self.profile = profile
        self._sink = sink
        self._warnings = list(warnings)
        self._lock = threading.Lock()
        self._done: list[Executed] = []
        self._unchecked: dict[int, Created] = {}  # id() -> a create waiting for its re-check
        pending = plan.pending()
        self._to_create = [w for w in pending if w.server_id is None]
        self._known_servers = frozenset(s.id for s in known_servers)
        self._known_scans = frozenset(s.id for s in known_scans)
        self._ready = [
            Settled(write=w, known_scans=self._known_scans) for w in pending if w.server_id is not None
        ]
        self._rescanned: list[int] = []

    # phase 1: pseudo servers
    def pseudo_flows(self) -> list[Any]:
        """Flows creating this run's pseudo servers."""
        return [pseudo_flow(write, self.profile) for write in self._to_create]

    def need_recheck(self, created: Sequence[PseudoCreated]) -> bool:
        """True when a pseudo server was (or may have been) created: the servers are listed again."""
        return any(c.server_id is not None or c.maybe for c in created)

    # phase 2: the re-check
    def settle(self, created: Sequence[PseudoCreated], servers: Sequence[Server] | None) -> None:
        """Settle each created pseudo server against the listing; failed creates are recorded."""
        for write, answer in zip(self._to_create, created, strict=True):
            if answer.server_id is None and not answer.maybe:
                self.record(failed_create(write, answer))
                continue
            settled = settle(
                write,
                answer,
                servers,
                self.options,
                known_servers=self._known_servers,
                known_scans=self._known_scans,
            )
            if isinstance(settled, Settled):
                self._ready.append(settled)
            else:
                self.record(settled)

    # phase 3: the writes
    def write_flows(self) -> list[Any]:
        """Flows carrying out every settled write."""
        return [write_flow(item, self.options, self.profile) for item in self._ready]

    def record(self, executed: Executed | Created) -> None:
        """Record one finished write (called from worker threads); a create waits for its re-check."""
        if isinstance(executed, Created):
            with self._lock:
                self._unchecked[id(executed)] = executed
            if executed.scan_id is not None:  # a lost answer is reported once the re-check found it
                self._sink.update("created", executed.provisional().outcome)
            return
        with self._lock:
            self._done.append(executed)
        self._sink.update(executed.status, executed.outcome)

    # phase 4: the re-check of the results this run created
    def unchecked(self) -> list[Created]:
        """The creates waiting for their re-check."""
        with self._lock:
            return list(self._unchecked.values())

    def group_recheck(self) -> bool:
        """True when one listing of the group's results re-checks every create in fewer requests."""
        return group_listing_pays(self.profile, self.unchecked(), len(self._known_scans))

    def expected_results(self) -> int:
        """How many results the re-check listing should show: those listed before planning and ours."""
        return len(self._known_scans) + len(self.unchecked())

    def recheck_flows(self, listed: Sequence[ExternalScan] | None) -> list[Any]:
        """Settle the creates against ``listed`` (None: each lists its server); flows for those with calls.

        Creates the listing confirms as they are are recorded at once, without a flow.
        """
        flows: list[Any] = []
        by_place = by_server_and_name(listed) if listed is not None else None
        for created in self.unchecked():
            mine = None
            if by_place is not None:
                mine = by_place.get((created.write.server_id, created.write.result_name(self.options)), [])
                decision = decide(created, mine, self.options)
                if not needs_calls(created, decision):
                    self._checked(created, settled_without_calls(created, decision))
                    continue
            flows.append(self._checked_flow(created, mine))
        return flows

    def recheck_failed(self, exc: FutureVulsError) -> None:
        """The listing for the re-check failed: every create stands as made (a lost answer fails)."""
        self._warnings.append(
            f"the listing after the creates failed ({describe_error(exc)}); {len(self._unchecked)} "
            f"create(s) were not re-checked: a re-run removes any duplicate a concurrent run made"
        )
        for created in self.unchecked():
            self._checked(created, created.provisional(UNCHECKED))

    def _checked_flow(
        self, created: Created, listed: Sequence[ExternalScan] | None
    ) -> Generator[Any, Any, None]:
        executed = yield from recheck_flow(created, listed, self.options, self.profile)
        self._checked(created, executed)

    def _checked(self, created: Created, executed: Executed) -> None:
        with self._lock:
            self._unchecked.pop(id(created), None)
            self._done.append(executed)
        if created.scan_id is None:
            self._sink.update(executed.status, executed.outcome)

    def _so_far(self, note: str) -> list[Executed]:
        with self._lock:
            return [*self._done, *(c.provisional(note) for c in self._unchecked.values())]

    # phase 5: rescans
    def rescan_flows(self) -> list[Any]:
        """With ``rescan``, flows asking FutureVuls to rescan every server whose results changed."""
        if not self.options.rescan:
            return []
        with self._lock:
            servers = sorted({e.changed_server for e in self._done if e.changed_server is not None})
        return [rescan_flow(server_id) for server_id in servers]

    def rescanned(self, answers: Sequence[tuple[int, str]]) -> None:
        """Record the rescans' answers (a failed rescan is a warning, not a failed host)."""
        for server_id, error in answers:
            if error:
                self._warnings.append(f"rescan of server {server_id} failed: {error}; run it by hand")
            else:
                self._rescanned.append(server_id)

    def result(self) -> ImportResult:
        """The import's result."""
        result = assemble(self.plan, self._so_far(UNCHECKED), rescanned=self._rescanned)
        return evolve(result, warnings=tuple(self._warnings))

    def interrupted(self) -> ImportInterrupted:
        """The exception to raise on Ctrl-C / cancellation, carrying the result so far."""
        done = self._so_far(f"interrupted before its re-check; {UNCHECKED}")
        partial = evolve(assemble(self.plan, done, pending_label=RESUME), warnings=tuple(self._warnings))
        written = partial.write_count
        return ImportInterrupted(
            f"import {self.options.name!r} interrupted after {written} write(s); "
            f"{len(self.plan.pending()) - len(done)} not done. A re-run resumes (nothing is duplicated)",
            partial=partial,
        )


def assemble(
    plan: ImportPlan, executed: Sequence[Executed], *, rescanned: Sequence[int] = (), pending_label: str = ""
) -> ImportResult:
    """Combine the plan's unchanged and unresolved hosts with what the writes did.

    With ``pending_label`` (an interrupted run), the planned writes that did not run are listed as
    failed with that reason, so every host still appears in exactly one list.
    """
    by_status: dict[str, list[HostOutcome]] = defaultdict(list)
    for item in executed:
        by_status[item.status].append(item.outcome)
    done = {item.outcome.host for item in executed}
    if pending_label:
        by_status["failed"] += [
            w.outcome(reason=pending_label) for w in plan.pending() if w.label not in done
        ]
    unchanged = tuple(w.outcome() for w in plan.writes if not w.needs_calls and w.action != "no_cves")
    no_cves = tuple(w.outcome() for w in plan.writes if not w.needs_calls and w.action == "no_cves")
    pseudo = tuple(item.pseudo_server_id for item in executed if item.pseudo_server_id is not None)
    return ImportResult(
        name=plan.options.name,
        created=tuple(by_status["created"]),
        updated=tuple(by_status["updated"]),
        unchanged=unchanged + tuple(by_status["unchanged"]),
        no_cves=no_cves + tuple(by_status["no_cves"]),
        pruned=tuple(by_status["pruned"]),
        healed=tuple(row for item in executed for row in item.healed),
        unresolved=plan.unresolved,
        failed=tuple(by_status["failed"]),
        pseudo_servers_created=pseudo,
        rescanned=tuple(rescanned),
    )
