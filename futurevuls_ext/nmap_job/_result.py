"""What a job did for each IP, as a summary table or JSON."""

from __future__ import annotations

from typing import Literal

import attrs

from .._export import REST, ToDict
from .._printable import printable

__all__ = ["Action", "IpOutcome", "JobResult"]

Action = Literal["created", "updated", "unchanged", "failed"]


@attrs.frozen(kw_only=True)
class IpOutcome(ToDict):
    """The outcome for one IP and result.

    Attributes:
        ip: the scanned address.
        server_id: the server the result belongs to.
        external_scan_id: the result written (None when it could not be created).
        action: ``created``, ``updated``, ``unchanged`` or ``failed``.
        cve_ids: the CVE IDs the scan found (empty when it failed).
        added: CVE IDs the result gained.
        removed: CVE IDs the result lost.
        reason: why it failed, or what else happened (a re-created result, an adopted one).
    """

    ip: str
    server_id: int
    external_scan_id: int | None
    action: Action
    cve_ids: frozenset[str] = frozenset()
    added: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()
    reason: str = ""

    _dict_keys = (
        "ip",
        "server_id",
        "external_scan_id",
        "action",
        "cve_count",
        REST,
    )
    """``to_dict()``: JSON-ready form (CVE lists sorted)."""

    @property
    def cve_count(self) -> int:
        """How many CVE IDs the scan found."""
        return len(self.cve_ids)

    def line(self) -> str:
        """One human-readable line."""
        target = f"result {self.external_scan_id}" if self.external_scan_id else "no result"
        text = f"{self.action:<9} {self.ip:<15} server {self.server_id} {target}"
        if self.action == "failed":
            return f"{text}: {printable(self.reason)}"
        text += f": {self.cve_count} CVEs"
        if self.added or self.removed:
            text += f" (+{len(self.added)} -{len(self.removed)})"
        return f"{text}; {self.reason}" if self.reason else text


@attrs.frozen(kw_only=True)
class JobResult(ToDict):
    """Every IP's outcome, in mapping order."""

    outcomes: tuple[IpOutcome, ...] = ()

    _dict_keys = ("ok", "counts", REST)
    """``to_dict()``: JSON-ready form: ``ok``, ``counts`` and ``outcomes``."""

    @property
    def ok(self) -> bool:
        """True when no IP failed."""
        return not self.failed

    @property
    def failed(self) -> tuple[IpOutcome, ...]:
        """The outcomes that failed."""
        return tuple(o for o in self.outcomes if o.action == "failed")

    def counts(self) -> dict[str, int]:
        """How many IPs per action."""
        keys: tuple[Action, ...] = ("created", "updated", "unchanged", "failed")
        return {key: sum(1 for o in self.outcomes if o.action == key) for key in keys}

    def summary(self) -> str:
        """A line per IP and a totals line."""
        totals = ", ".join(f"{n} {key}" for key, n in self.counts().items())
        return "\n".join([*(o.line() for o in self.outcomes), f"nmap: {totals}"])
