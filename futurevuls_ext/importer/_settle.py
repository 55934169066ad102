"""After this run's pseudo-server creates: which server each target really uses (pure).

The re-check: once every pseudo server of the run is created, the servers are listed once. For each
pseudo server this run created, the pseudo servers named after the same host are compared: the lowest
id is the host's server. When that is not ours, another run created it first (ids grow with creation
time, so the later create always sees the earlier one): our write moves to that server, and ours is
deleted by the write flow. When ours is the lowest, the other run deletes its own.
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
    write: PlannedWrite, created: PseudoCreated, servers: Sequence[Server] | None, options: ImportOptions
) -> Settled:
    """The settled form of a write whose pseudo server this run created (``created.server_id`` set).

    ``servers`` is the listing made after the creates (None when the re-check is off).
    """
    mine = created.server_id
    assert mine is not None, "only successful creates are settled"
    twins = sorted(s.id for s in servers or () if is_pseudo_for(s, write.pseudo_server_name or ""))
    keep = min([mine, *twins])
    if keep == mine:
        return Settled(write=evolve(write, server_id=mine), created_server=mine)
    by_id = {s.id: s for s in servers or ()}
    role_id, tags = repairs_for(by_id[keep], options)
    return Settled(
        write=evolve(write, server_id=keep, role_id=role_id, tags=tags),
        created_server=None,
        discard_server=mine,
    )


def failed_create(write: PlannedWrite, created: PseudoCreated) -> Executed:
    """The failed record of a write whose pseudo server could not be created."""
    return Executed(status="failed", outcome=write.outcome(reason=created.reason))
