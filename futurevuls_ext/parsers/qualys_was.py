"""Qualys WAS (Web Application Scanning) scan report CSV, read as host findings without CVEs.

The file is sectioned by its first cell: a title/company preamble, ``DESCRIPTION``, ``TARGET``,
``FILTERS``, ``SUMMARY``, ``RESULTS``; result rows tagged ``VULNERABILITY`` / ``SENSITIVE_CONTENT``
/ ``INFORMATION_GATHERED`` (each section has its own header row, whose second cell is ``ID``), then
the ``GLOSSARY`` rows tagged ``QID`` (title, severity level, CVSS per QID).

Each ``VULNERABILITY`` and ``SENSITIVE_CONTENT`` row becomes one finding on the host of its ``Url``
(port from the URL: explicit, else 80/443 by scheme), with the QID as ``source_id`` and the
glossary's title, severity and CVSS base (v3, else v2). WAS has no CVE column: CVE ids that appear
in evidence or diagnostics text are never extracted, so ``cve_ids`` is always empty.
``INFORMATION_GATHERED`` rows name no URL and are not findings.

The glossary follows the results, so the findings are yielded once the file has been read (their
memory is a few strings per row).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TYPE_CHECKING, BinaryIO, ClassVar

from .._numbers import ascii_int
from ._context import ParseContext
from ._csv import CSV_FIELD_LIMIT, capped_lines, clean, csv_text, header_name, leading_cvss, sniff_rows
from ._model import Finding, Severity
from ._target import split_target

if TYPE_CHECKING:
    from _csv import Reader as _reader

__all__ = ["QualysWasCsvParser"]

_FINDING_SECTIONS = frozenset({"VULNERABILITY", "SENSITIVE_CONTENT"})
_RESULT_SECTIONS = frozenset({"VULNERABILITY", "SENSITIVE_CONTENT", "INFORMATION_GATHERED"})
_CVSS_COLUMNS = ("cvss v3.1 base", "cvss v3 base", "cvss3 base", "cvss base")
"""The glossary's CVSS base columns, in preference order (newer WAS exports add ``CVSS V3 Base``)."""


def _is_was_header(row: list[str]) -> bool | None:
    if len(row) >= 4 and row[0].strip() == "VULNERABILITY" and row[1].strip() == "ID":
        return True
    return None


class QualysWasCsvParser:
    """Parser for the Qualys WAS scan report CSV."""

    name: ClassVar[str] = "qualys-was-csv"
    priority: ClassVar[int] = 45
    description: ClassVar[str] = "Qualys WAS scan report CSV (web findings by URL host; no CVEs)"

    def sniff(self, head: bytes) -> float:
        """Score a CSV with a ``VULNERABILITY,ID,...`` section header."""
        if sniff_rows(head, _is_was_header, max_rows=2000):
            return 0.95
        if b"\nRESULTS" in head and b"VULNERABILITY" in head:
            return 0.5
        return 0.0

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        """Yield one finding per vulnerability row, enriched from the QID glossary."""
        with csv_text(stream, ctx) as (text, parity):
            reader = csv.reader(capped_lines(text, CSV_FIELD_LIMIT, lambda n: _too_long(ctx, n)))
            rows: list[tuple[str, int | None, str, str, int]] = []  # host, port, scheme, qid, line
            glossary: dict[str, tuple[str | None, Severity | None, float | None]] = {}
            truncated: str | None = None
            try:
                truncated = self._read(reader, ctx, rows, glossary)
                if parity.cut_in_quotes:
                    if rows and rows[-1][4] == reader.line_num:
                        rows.pop()  # the last row's last cell is partial
                    truncated = truncated or "the file ends inside a quoted cell: it is cut off"
            except csv.Error as exc:
                raise ctx.error(f"unreadable CSV: {exc}", location=f"line {reader.line_num}") from exc
        for host, port, _scheme, qid, _line in rows:
            title, severity, cvss = glossary.get(qid, (None, None, None))
            yield Finding(
                address=host,
                hostnames=() if _is_ip(host) else (host,),
                ip_addresses=(host,) if _is_ip(host) else (),
                ip=host if _is_ip(host) else None,
                port=port,
                protocol="tcp" if port is not None else None,
                source_id=qid or None,
                title=title,
                severity=severity,
                cvss=cvss,
                scanner=self.name,
            )
        if truncated is not None:
            raise ctx.truncated(truncated, location=f"line {reader.line_num}")

    def _read(
        self,
        reader: _reader,
        ctx: ParseContext,
        rows: list[tuple[str, int | None, str, str, int]],
        glossary: dict[str, tuple[str | None, Severity | None, float | None]],
    ) -> str | None:
        """Fill ``rows`` and ``glossary``; return a truncation message when the last row is cut."""
        headers: dict[str, tuple[dict[str, int], int]] = {}
        line_num = 0
        short: str | None = None
        for row in reader:
            line_num = reader.line_num
            if not row:
                continue
            tag = row[0].strip()
            second = row[1].strip() if len(row) > 1 else ""
            if (tag in _RESULT_SECTIONS and second == "ID") or (tag == "QID" and second == "Id"):
                width = len(row)
                while width and not row[width - 1].strip():
                    width -= 1
                headers[tag] = ({header_name(c): i for i, c in reversed(list(enumerate(row)))}, width)
                continue
            known = headers.get(tag)
            if known is None:
                continue
            header, width = known
            if short is not None:
                ctx.skip(short.split("|", 1)[0], short.split("|", 1)[1])
                short = None
            if len(row) < width:
                short = f"line {line_num}|{tag} row has {len(row)} cells, its header more"
                continue
            if tag == "QID":
                self._glossary_row(row, header, glossary)
            elif tag in _FINDING_SECTIONS:
                self._result_row(row, header, line_num, ctx, rows)
        if "VULNERABILITY" not in headers:
            raise ctx.error(
                "no 'VULNERABILITY,ID,...' results header found; not a Qualys WAS scan report CSV",
                location=f"line {line_num}",
            )
        if short is not None:
            return f"the last row is cut off ({short.split('|', 1)[1]})"
        return None

    @staticmethod
    def _glossary_row(
        row: list[str],
        header: dict[str, int],
        glossary: dict[str, tuple[str | None, Severity | None, float | None]],
    ) -> None:
        def cell(name: str) -> str:
            i = header.get(name)
            return clean(row[i]) if i is not None and i < len(row) else ""

        qid = cell("id")
        if not qid:
            return
        level = ascii_int(cell("severity level"))
        severity = Severity(min(level, 5) - 1) if level is not None and level >= 1 else None
        cvss = None
        for column in _CVSS_COLUMNS:  # v3 base first, else v2 (an empty or out-of-range cell gives none)
            cvss = leading_cvss(cell(column))
            if cvss is not None:
                break
        glossary[qid] = (cell("title") or None, severity, cvss)

    @staticmethod
    def _result_row(
        row: list[str],
        header: dict[str, int],
        line: int,
        ctx: ParseContext,
        rows: list[tuple[str, int | None, str, str, int]],
    ) -> None:
        url_i, qid_i = header.get("url"), header.get("qid")
        url = clean(row[url_i]) if url_i is not None and url_i < len(row) else ""
        target = split_target(url) if url else None
        if target is None or target.host is None:
            ctx.skip(f"line {line}", "result row without a Url host")
            return
        qid = clean(row[qid_i]) if qid_i is not None and qid_i < len(row) else ""
        rows.append((target.host, target.default_port, target.scheme or "", qid, line))


def _too_long(ctx: ParseContext, line: int) -> Exception:
    return ctx.error(f"line over {CSV_FIELD_LIMIT} characters: refusing to read it", location=f"line {line}")


def _is_ip(host: str) -> bool:
    return split_target(host).is_ip
