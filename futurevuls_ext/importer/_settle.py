"""After this run's pseudo-server creates: which server each target really uses (pure).

The re-check: once every pseudo server of the run is created, the servers are listed once. For each
pseudo server this run created (or tried to, when the answer was lost), the pseudo servers named after
the same host that appeared during the run are compared: the lowest id is the host's server. Ids grow
with creation time, so whoever created a higher one sees the lower one in its own re-check and never
writes to the higher one; every higher one is therefore safe to delete, by its creator or by anyone
(a second delete answers 404, which counts as done). A create whose answer was lost is found this way.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import evolve

from ..models import Server
from ._execute import Executed, PseudoCreated, Settled
from ._options import ImportOptions
from ._plan import PlannedWrite, repairs_for
from ._resolve import is_pseudo_for

__all__ = ["failed_create", "settle"]


def settle(
    write: PlannedWrite,
    created: PseudoCreated,
    servers: Sequence[Server] | None,
    options: ImportOptions,
    *,
    known_servers: frozenset[int],
    known_scans: frozenset[int],
) -> Settled | Executed:
    """The settled form of a write whose pseudo server this run tried to create, or its failed record.

    ``servers`` is the listing made after the creates (None when it could not be read);
    ``known_servers`` / ``known_scans`` are the ids listed before planning.
    """
    mine = created.server_id
    if servers is None:
        if mine is None:
            return failed_create(write, created)
        return Settled(write=evolve(write, server_id=mine), created_server=mine, known_scans=known_scans)
    name = write.pseudo_server_name or ""
    twins = {s.id for s in servers if s.id not in known_servers and is_pseudo_for(s, name)}
    candidates = twins | ({mine} if mine is not None else set())
    if not candidates:
        return failed_create(write, created)
    keep = min(candidates)
    discard = tuple(sorted(candidates - {keep}))
    if keep == mine:
        return Settled(
            write=evolve(write, server_id=mine),
            created_server=mine,
            discard_servers=discard,
            known_scans=known_scans,
        )
    by_id = {s.id: s for s in servers}
    role_id, tags = repairs_for(by_id[keep], options)
    return Settled(
        write=evolve(write, server_id=keep, role_id=role_id, tags=tags),
        adopted=True,
        discard_servers=discard,
        known_scans=known_scans,
    )


def failed_create(write: PlannedWrite, created: PseudoCreated) -> Executed:
    """The failed record of a write whose pseudo server could not be created."""
    return Executed(status="failed", outcome=write.outcome(reason=created.reason))
