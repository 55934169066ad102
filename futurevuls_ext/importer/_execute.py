"""Carrying out one planned write, as a sans-I/O generator both clients drive.

A flow yields :class:`Call` objects; the driver sends each and sends back the decoded answer, or throws
the :class:`FutureVulsError` it raised into the flow. The flow returns an :class:`Executed` record. Only
the drivers (:mod:`._drive`) know whether calls are made with ``Client`` or ``AsyncClient``.

Why this is safe to re-run after a crash: nothing is remembered locally. A pseudo server created before
a crash is found again by name on the next run, and an external scan result by server and name, so the
next run updates instead of creating twice. POSTs are never resent automatically.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from typing import Any, Literal, Protocol

from attrs import frozen

from .._batch import describe_error
from .._core.call import Call
from .._exceptions import FutureVulsError
from ..models import ExternalScan, Server
from ._options import ImportOptions
from ._plan import PlannedWrite
from ._result import HostOutcome

__all__ = ["Executed", "Flow", "WriteCalls", "write_flow"]

Status = Literal["created", "updated", "pruned", "failed"]


class WriteCalls(Protocol):
    """The API calls an import needs, built by the resources layer (see ``_calls.py``)."""

    def create_pseudo_server(self, name: str) -> Call[Server]:
        """POST a pseudo server."""
        ...

    def set_server_role(self, server_id: int, role_id: int) -> Call[Any]:
        """PUT the server's role."""
        ...

    def set_server_tags(self, server_id: int, tags: Sequence[str]) -> Call[Any]:
        """Write the server's tags (unconfirmed route, from the ApiProfile)."""
        ...

    def create_scan(
        self, *, server_id: int, name: str, cve_ids: Sequence[str], is_external: bool
    ) -> Call[ExternalScan]:
        """POST an external scan result."""
        ...

    def update_scan(
        self, scan_id: int, *, cve_ids: Sequence[str] | None, is_external: bool | None
    ) -> Call[ExternalScan]:
        """PUT the changed fields of an external scan result."""
        ...

    def delete_scan(self, scan_id: int) -> Call[None]:
        """DELETE an external scan result."""
        ...


@frozen(kw_only=True)
class Executed:
    """What one write did."""

    status: Status
    outcome: HostOutcome
    pseudo_server_id: int | None = None


Flow = Generator[Call[Any], Any, Executed]


def _sorted(cves: frozenset[str]) -> list[str]:
    return sorted(cves)


def write_flow(write: PlannedWrite, options: ImportOptions, calls: WriteCalls) -> Flow:
    """The calls that carry out ``write``; failures become a ``failed`` record, never an exception."""
    server_id = write.server_id
    pseudo_id: int | None = None
    step = "start"
    try:
        if server_id is None:
            step = "creating pseudo server"
            server: Server = yield calls.create_pseudo_server(write.pseudo_server_name or write.label)
            server_id = pseudo_id = server.id
            if options.pseudo_server_role_id is not None:
                step = "setting the pseudo server's role"
                yield calls.set_server_role(server_id, options.pseudo_server_role_id)
            if options.pseudo_server_tags:
                step = "tagging the pseudo server"
                yield calls.set_server_tags(server_id, options.pseudo_server_tags)
        if write.action == "create":
            step = "creating the external scan result"
            scan: ExternalScan = yield calls.create_scan(
                server_id=server_id,
                name=options.name,
                cve_ids=_sorted(write.cve_ids),
                is_external=options.is_external,
            )
            return Executed(
                status="created",
                outcome=write.outcome(server_id=server_id, scan_id=scan.id),
                pseudo_server_id=pseudo_id,
            )
        existing = write.existing
        assert existing is not None, "update and prune writes always carry the existing result"
        if write.action == "prune" and options.prune_mode == "delete":
            step = "deleting the external scan result"
            yield calls.delete_scan(existing.id)
            return Executed(status="pruned", outcome=write.outcome())
        step = "updating the external scan result"
        yield calls.update_scan(
            existing.id,
            cve_ids=_sorted(write.cve_ids) if (write.send_cve_ids or write.action == "prune") else None,
            is_external=options.is_external if write.send_is_external and write.action != "prune" else None,
        )
        status: Status = "pruned" if write.action == "prune" else "updated"
        return Executed(status=status, outcome=write.outcome())
    except FutureVulsError as exc:
        reason = f"failed while {step}: {describe_error(exc)}"
        if pseudo_id is not None:
            reason += f" (pseudo server {pseudo_id} was created; a re-run reuses it)"
        return Executed(
            status="failed",
            outcome=write.outcome(server_id=server_id, reason=reason),
            pseudo_server_id=pseudo_id,
        )
