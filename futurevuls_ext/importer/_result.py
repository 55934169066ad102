"""What an import did (or, in a dry run, would do): ``ImportResult`` and its ``HostOutcome`` rows."""

from __future__ import annotations

from typing import Any, Final

from attrs import field, frozen

from .._export import REST, ToDict
from .._printable import printable

__all__ = ["HostOutcome", "ImportResult"]

_STATUSES: Final = ("created", "updated", "unchanged", "no_cves", "pruned", "healed", "unresolved", "failed")
"""The lists of hosts, in the order counts and rows show them."""


@frozen(kw_only=True)
class HostOutcome(ToDict):
    """One scanned host (or several merged onto one server) and what happened to it.

    Attributes:
        host: the report's address of the host; several addresses joined by ", " when they share a server.
        server_id: the FutureVuls server, when resolved (None when unresolved, or a pseudo server to create).
        external_scan_id: the external scan result written or found, when known.
        cve_count: CVE ids in the result.
        reason: why (resolution rule, what changed, or the error).
    """

    host: str
    server_id: int | None = None
    external_scan_id: int | None = None
    cve_count: int = 0
    reason: str = ""


@frozen(kw_only=True)
class ImportResult(ToDict):
    """The outcome of :meth:`Client.import_report`.

    Every host of the report appears in exactly one of ``created``, ``updated``, ``unchanged``,
    ``no_cves``, ``unresolved`` and ``failed``; ``pruned`` and ``healed`` list results of servers, not hosts.
    ``dry_run`` results describe the plan and wrote nothing.
    """

    name: str
    dry_run: bool = False
    created: tuple[HostOutcome, ...] = ()
    updated: tuple[HostOutcome, ...] = ()
    unchanged: tuple[HostOutcome, ...] = ()
    no_cves: tuple[HostOutcome, ...] = ()
    """Hosts the report lists without any CVE that have no result yet: nothing to record (not
    "unchanged": nothing was there to compare with)."""
    pruned: tuple[HostOutcome, ...] = ()
    healed: tuple[HostOutcome, ...] = ()
    """Extra results of the import's name on a host's server (or its duplicate pseudo servers), emptied
    or deleted; one row per result, not per host."""
    unresolved: tuple[HostOutcome, ...] = ()
    failed: tuple[HostOutcome, ...] = ()
    pseudo_servers_created: tuple[int, ...] = field(default=())
    rescanned: tuple[int, ...] = ()
    """Servers FutureVuls was asked to rescan (``rescan=True``), so tasks show at once."""
    warnings: tuple[str, ...] = ()
    """The report's warnings (e.g. truncation: only the complete hosts were imported)."""
    skipped_records: int = 0
    """Records of the report the parser could not use (``ScanReport.skipped_count``)."""
    skipped: tuple[str, ...] = ()
    """The first few of them, as ``"location: reason"``."""

    _dict_keys = ("name", "dry_run", "ok", "counts", REST)
    """``to_dict()``: a JSON-ready dict (the CLI's ``--json`` output)."""

    @property
    def ok(self) -> bool:
        """True when nothing failed and no host was left unresolved."""
        return not self.failed and not self.unresolved

    @property
    def write_count(self) -> int:
        """Results created, updated, pruned or healed (planned, in a dry run)."""
        return len(self.created) + len(self.updated) + len(self.pruned) + len(self.healed)

    def counts(self) -> dict[str, int]:
        """Number of hosts in each list."""
        return {status: len(getattr(self, status)) for status in _STATUSES}

    def summary(self) -> str:
        """A short human-readable table: one line per list, then the hosts that need attention."""
        title = f"import {printable(repr(self.name))}" + (
            " (dry run: nothing written)" if self.dry_run else ""
        )
        counts = {
            key: value for key, value in self.counts().items() if value or key not in {"healed", "no_cves"}
        }
        lines = [title + ": " + ", ".join(f"{key} {value}" for key, value in counts.items())]
        if self.rescanned:
            lines.append(f"  rescan requested for {len(self.rescanned)} server(s): tasks show at once")
        for label, rows in (("unresolved", self.unresolved), ("failed", self.failed)):
            lines += [f"  {label}: {printable(row.host)}: {printable(row.reason)}" for row in rows]
        lines += [f"  warning: {printable(warning)}" for warning in self.warnings]
        if self.skipped_records:
            example = f", e.g. {printable(self.skipped[0])}" if self.skipped else ""
            lines.append(
                f"  skipped: {self.skipped_records} report record(s) the parser could not use{example}"
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def outcomes(self) -> list[dict[str, Any]]:
        """Every host's row with its ``status`` column (``created``, ``updated``...)."""
        return [
            {"status": status, **outcome.to_dict()}
            for status in _STATUSES
            for outcome in getattr(self, status)
        ]

    def to_dataframe(self) -> Any:
        """One row per host with its status (needs the ``pandas`` extra)."""
        from .._display import to_dataframe

        return to_dataframe(self.outcomes())

    def _repr_html_(self) -> str:
        from .._display import html_table

        counts = ", ".join(f"{k} {v}" for k, v in self.counts().items())
        title = f"import {self.name!r}{' (dry run)' if self.dry_run else ''}: {counts}"
        return html_table(self.outcomes(), title=title)
