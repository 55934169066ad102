"""The parser protocol: what a built-in or third-party report parser implements.

Contract for parser authors
---------------------------
* A parser is a class with class attributes ``name`` (the format name users pass as ``format=``),
  ``priority`` (breaks sniffing ties: higher wins) and ``description``, instantiated without
  arguments.
* Optionally, ``extensions`` (e.g. ``(".jsonl",)``): used only to pick a parser for an *empty*
  file, which has nothing to sniff; the parser then decides whether an empty report is valid.
* ``sniff(head)`` sees at most the first 64 KiB of the file (``head`` may cut a record or a
  multi-byte character in half) and returns a confidence from 0.0 (not mine) to 1.0 (certainly
  mine). It must be cheap and must not raise; if it does, detection reports it as a crash.
* ``parse(stream, ctx)`` reads a binary stream positioned at the start of the file and *yields*
  :class:`Finding` objects, one at a time; it never builds a list of the whole file.

  - Yield only for **complete** records: buffer a host's findings until its end tag / its last row.
  - Yield at least one finding for every host the report lists, even one without CVEs (a finding
    with empty ``cve_ids`` records that the host or port was seen).
  - Set ``Finding.address`` by the address rule (the report's own name for the target: its IP when
    the report identifies it by IP, else its hostname / instance id / asset id) and put every IP and
    hostname the report gives into ``ip_addresses`` / ``hostnames``. A port counts as open only
    when both ``port`` and ``protocol`` are set.
  - CVE ids only from structured fields, normalised with :func:`futurevuls_ext.parsers._cve.split_cves`
    / ``normalize_cve``; never search free text.
  - Report every unused record with ``ctx.skip(location, reason)``; oddities with ``ctx.warn``.
  - A file cut off mid-way: after yielding the complete records, ``raise ctx.truncated(msg,
    location=...)`` (a :class:`TruncatedReportError`). ``parse_report`` returns the complete hosts
    with a warning (or raises with ``strict=True``, or when nothing complete was yielded).
  - Every other failure: ``raise ctx.error(msg, location=...)`` (a :class:`ParseError` naming the
    file and the position). No other exception type may escape ``parse``: wrap
    ``UnicodeDecodeError``, ``ValueError``, ``RecursionError``, XML and CSV errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, ClassVar, Protocol, runtime_checkable

from ._context import ParseContext
from ._model import Finding

__all__ = ["SNIFF_BYTES", "ReportParser"]

SNIFF_BYTES = 64 * 1024
"""How many leading bytes ``sniff`` receives at most."""


@runtime_checkable
class ReportParser(Protocol):
    """A scanner-report parser (see the module docstring for the full contract)."""

    name: ClassVar[str]
    """Format name, e.g. ``"nessus"``; unique in the registry."""
    priority: ClassVar[int]
    """Tie-breaker between equal sniff scores; higher wins."""
    description: ClassVar[str]
    """One line describing the format."""

    def sniff(self, head: bytes) -> float:
        """Return 0.0-1.0: how sure this parser is that ``head`` (<= 64 KiB) starts its format."""
        ...

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        """Yield the findings of the report in ``stream``; raise only ParseError subclasses."""
        ...
