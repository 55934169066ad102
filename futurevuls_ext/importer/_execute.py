"""Carrying out planned writes, as sans-I/O generators both clients drive.

A flow yields :class:`Call` objects (the driver sends each and sends back the decoded answer, or throws
the :class:`FutureVulsError` it raised into the flow) or :class:`PagedCall` objects (answered with
every item of every page). It returns a record of what it did. Only the drivers
(:mod:`futurevuls_ext._drivers`) know whether calls are made with ``Client`` or ``AsyncClient``.

Why this is safe to re-run after a crash: nothing is remembered locally. A pseudo server created before
a crash is found again by name on the next run, and an external scan result by server and name, so the
next run updates instead of creating twice. POSTs are never resent automatically.

Why concurrent runs do not leave duplicates: a write flow that creates a result returns
:class:`Created`; once every create of the run is sent, the results are listed again and each create is
settled against that listing (:mod:`._recheck`): when one of the same name with a lower id exists,
another run created it first, so this run deletes its own (higher) result and brings the lower one up
to date. Ids grow with creation time, so of two creates the later one always sees the earlier; exactly
one run removes exactly its own duplicate. Pseudo servers are re-checked the same way (see
:mod:`._settle`). The design is in ``docs/importing.md``.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from contextlib import suppress
from typing import Any, Literal

from attrs import evolve, frozen

from .._batch import describe_error
from .._core.call import Call, PagedCall
from .._exceptions import APIConnectionError, FutureVulsError, NotFoundError, ServerError
from ..models import ExternalScan, Server
from ..profile import ApiProfile
from ..resources import calls
from ._options import ImportOptions
from ._plan import PlannedWrite
from ._result import HostOutcome

__all__ = [
    "Created",
    "Executed",
    "Flow",
    "PseudoCreated",
    "Settled",
    "Status",
    "bring_up_to_date",
    "delete_flow",
    "finished",
    "maybe_applied",
    "named",
    "pseudo_flow",
    "write_flow",
]

Status = Literal["created", "updated", "unchanged", "no_cves", "pruned", "failed"]


@frozen(kw_only=True)
class Executed:
    """What one write did: the host's status and row, healed rows, and whether its server changed."""

    status: Status
    outcome: HostOutcome
    healed: tuple[HostOutcome, ...] = ()
    pseudo_server_id: int | None = None
    changed_server: int | None = None
    """The server whose results this write changed (a rescan candidate)."""


@frozen(kw_only=True)
class PseudoCreated:
    """The answer of one pseudo-server create: its id, or why it failed.

    ``maybe`` is True when the create failed in a way that may have happened anyway (a lost answer, a
    5xx): the re-check then looks for it.
    """

    server_id: int | None
    reason: str = ""
    maybe: bool = False


@frozen(kw_only=True)
class Settled:
    """A write ready to run: its final server, plus the duplicate pseudo servers to delete.

    ``adopted`` is True when the write goes to a pseudo server another run created first (a lower id
    of the same name), or one whose create answer this run lost; ``discard_servers`` are the other
    pseudo servers of that name created while this run ran (ours, or a lost answer's), deleted.
    """

    write: PlannedWrite
    created_server: int | None = None
    adopted: bool = False
    discard_servers: tuple[int, ...] = ()
    known_scans: frozenset[int] = frozenset()
    """Ids of the results listed before planning: never deleted by the re-check."""


@frozen(kw_only=True)
class Created:
    """A result create this run sent, waiting for the re-check after all creates (:mod:`._recheck`).

    ``scan_id`` is the new result's id, or None when the create's answer was lost in a way it may have
    been applied anyway (``lost`` says how): the re-check then looks for it.
    """

    settled: Settled
    write: PlannedWrite
    scan_id: int | None
    lost: str = ""
    healed: tuple[HostOutcome, ...] = ()

    def provisional(self, note: str = "") -> Executed:
        """The record of this create without its re-check: created, or failed when the answer was lost."""
        if self.scan_id is None:
            reason = f"failed while creating the external scan result: {self.lost}"
            return failed(self.settled, self.write, f"{reason}; {note}" if note else reason, self.healed)
        reason = "; ".join(part for part in (self.write.reason, note) if part)
        return finished(
            self.settled, self.write, "created", scan_id=self.scan_id, reason=reason, healed=self.healed
        )


Flow = Generator[Call[Any] | PagedCall[Any], Any, Any]


def maybe_applied(exc: FutureVulsError) -> bool:
    """True when a failed write may have been carried out anyway (a lost answer, a 5xx)."""
    return isinstance(exc, (APIConnectionError, ServerError))


def pseudo_flow(write: PlannedWrite, profile: ApiProfile) -> Flow:
    """Create the write's pseudo server; returns :class:`PseudoCreated`."""
    try:
        server: Server = yield calls.servers.create_pseudo(profile, write.pseudo_server_name or write.label)
    except FutureVulsError as exc:
        reason = f"failed while creating pseudo server: {describe_error(exc)}"
        return PseudoCreated(server_id=None, reason=reason, maybe=maybe_applied(exc))
    return PseudoCreated(server_id=server.id)


def delete_flow(call: Call[None]) -> Flow:
    """Send a DELETE; a result or server that is already gone counts as deleted."""
    try:
        yield call
    except NotFoundError:
        return False
    return True


def named(scans: Sequence[ExternalScan], name: str, server_id: int) -> list[ExternalScan]:
    """The results called ``name`` on ``server_id``, lowest id first."""
    return sorted((s for s in scans if s.name == name and s.server_id == server_id), key=lambda s: s.id)


def bring_up_to_date(
    scan: ExternalScan, write: PlannedWrite, options: ImportOptions, profile: ApiProfile
) -> Flow:
    """Update ``scan`` to the write's CVE ids, flag (and name); returns True when something was sent."""
    flag = write.flag(options)
    name = write.result_name(options) if write.rename else None
    send_cves = frozenset(scan.cve_ids) != write.cve_ids
    send_flag = flag is not None and scan.is_external_scan != flag
    send_name = name is not None and scan.name != name
    if not (send_cves or send_flag or send_name):
        return False
    yield calls.external_scans.update(
        profile,
        scan.id,
        server_id=scan.server_id,
        name=name if send_name else None,
        cve_ids=sorted(write.cve_ids) if send_cves else None,
        is_external=flag if send_flag else None,
    )
    return True


def _create(write: PlannedWrite, server_id: int, options: ImportOptions, profile: ApiProfile) -> Flow:
    """Send the result's create; returns its id (the re-check comes after every create of the run)."""
    flag = write.flag(options)
    call = calls.external_scans.create(
        profile,
        server_id=server_id,
        name=write.result_name(options),
        cve_ids=sorted(write.cve_ids),
        is_external=options.is_external if flag is None else flag,
    )
    # only the id is used (the re-check listing reads the result in full): the answer's id is checked
    scan_id: int = yield Call(request=call.request, decode=calls.external_scans.id_only(profile))
    return scan_id


def finished(
    settled: Settled,
    write: PlannedWrite,
    status: Status,
    *,
    scan_id: int | None,
    reason: str,
    healed: Sequence[HostOutcome] = (),
) -> Executed:
    """The record of a write that ran to its end (``write`` is its final form, server id set)."""
    server_id = write.server_id
    if settled.adopted:
        found = f"pseudo server {server_id} was found on re-check (another run's, or a lost answer)"
        reason = f"{found}; {reason}"
    changed = server_id if (status in ("created", "updated", "pruned") or healed) else None
    return Executed(
        status=status,
        outcome=write.outcome(server_id=server_id, scan_id=scan_id, reason=reason),
        healed=tuple(healed),
        pseudo_server_id=settled.created_server,
        changed_server=changed,
    )


def failed(
    settled: Settled, write: PlannedWrite, reason: str, healed: Sequence[HostOutcome] = ()
) -> Executed:
    """The record of a write that failed (``reason`` says at which step and why)."""
    pseudo_id = settled.created_server
    if pseudo_id is not None:
        reason += f" (pseudo server {pseudo_id} was created; a re-run reuses it)"
    return Executed(
        status="failed",
        outcome=write.outcome(server_id=write.server_id, reason=reason),
        healed=tuple(healed),
        pseudo_server_id=pseudo_id,
        changed_server=write.server_id if healed else None,
    )


def write_flow(settled: Settled, options: ImportOptions, profile: ApiProfile) -> Flow:
    """The calls that carry out one settled write; failures become a ``failed`` record, never an exception."""
    write = settled.write
    server_id = write.server_id
    assert server_id is not None, "pseudo servers are created (and settled) before the write flows"
    healed: list[HostOutcome] = []
    deleting = options.prune_mode == "delete"
    step = "start"
    try:
        for discard in settled.discard_servers:
            step = f"deleting duplicate pseudo server {discard} created meanwhile"
            yield from delete_flow(calls.servers.delete(discard))
        if write.role_id is not None:
            step = "setting the pseudo server's role"
            yield calls.servers.update(server_id, role_id=write.role_id)
        if write.tags is not None:
            step = "tagging the pseudo server"
            yield calls.servers.set_tags(profile, server_id, write.tags)
        for duplicate in write.duplicate_servers:
            step = f"deleting duplicate pseudo server {duplicate}"
            yield from delete_flow(calls.servers.delete(duplicate))
            healed.append(
                HostOutcome(host=write.label, server_id=duplicate, reason="duplicate pseudo server deleted")
            )
        for extra in write.extras:
            step = f"healing duplicate result {extra.id}"
            if deleting:
                yield from delete_flow(
                    calls.external_scans.delete(profile, extra.id, server_id=extra.server_id)
                )
            else:
                with suppress(NotFoundError):  # another run deleted it meanwhile
                    yield calls.external_scans.update(
                        profile, extra.id, server_id=extra.server_id, cve_ids=[], is_external=None
                    )
            healed.append(write.healed_outcome(extra, deleted=deleting))
        status: Status
        scan_id = write.existing.id if write.existing is not None else None
        if write.action == "create" and settled.adopted:
            step = "looking for the result of the other run"
            listed: list[ExternalScan] = yield calls.external_scans.list_external_scans(
                profile, server_id=server_id
            )
            same = named(listed, write.result_name(options), server_id)
            if same:
                write = evolve(write, action="update", existing=same[0])
        if write.action == "create":
            step = "creating the external scan result"
            try:
                scan_id = yield from _create(write, server_id, options, profile)
            except FutureVulsError as exc:
                if not maybe_applied(exc):
                    raise
                lost = describe_error(exc)
                return Created(settled=settled, write=write, scan_id=None, lost=lost, healed=tuple(healed))
            return Created(settled=settled, write=write, scan_id=scan_id, healed=tuple(healed))
        if write.action == "prune":
            existing = write.existing
            assert existing is not None, "prune writes carry the existing result"
            if deleting:
                step = "deleting the external scan result"
                yield from delete_flow(
                    calls.external_scans.delete(profile, existing.id, server_id=existing.server_id)
                )
            else:
                step = "emptying the external scan result"
                yield calls.external_scans.update(
                    profile, existing.id, server_id=existing.server_id, cve_ids=[], is_external=None
                )
            status = "pruned"
        elif write.action == "update" and write.existing is not None:
            step = "updating the external scan result"
            sent = yield from bring_up_to_date(write.existing, write, options, profile)
            status = "updated" if sent else "unchanged"
            scan_id = write.existing.id
        else:
            status = "updated" if write.repairs else "no_cves" if write.action == "no_cves" else "unchanged"
        return finished(settled, write, status, scan_id=scan_id, reason=write.reason, healed=healed)
    except FutureVulsError as exc:
        return failed(settled, write, f"failed while {step}: {describe_error(exc)}", healed)
