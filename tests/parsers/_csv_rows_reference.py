"""Twin of the CSV row loop as it was before the session-5 speed work (``_csv_table.row_findings``).

Kept verbatim (only renamed) so that ``test_csv_rows_equivalence.py`` can compare the fast loop's
findings, skips and errors with it on fuzzed files. It uses the plain full-tuple memo: every detail
cell of a row is part of the cache key, so it cannot be fooled by a weak key.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO

from futurevuls_ext.parsers._context import ParseContext
from futurevuls_ext.parsers._csv import csv_text
from futurevuls_ext.parsers._csv_table import Columns, RowDetail, _header, _keyed
from futurevuls_ext.parsers._hostid import Identity, detail_finding
from futurevuls_ext.parsers._model import Finding
from futurevuls_ext.parsers._speedups import BoundedCache

__all__ = ["reference_row_findings"]


def reference_row_findings(
    stream: BinaryIO,
    ctx: ParseContext,
    *,
    header: Callable[[list[str]], Columns | None],
    what: str,
    scanner: str,
    id_roles: Sequence[str],
    detail_roles: Sequence[str],
    identity: Callable[[dict[str, str]], Identity | None],
    detail: Callable[[dict[str, str]], RowDetail],
    no_host: str,
) -> Iterator[Finding]:
    """The old row loop (session 4), kept verbatim as the differential test's twin."""
    with csv_text(stream, ctx) as (text, parity):
        columns, delimiter, base = _header(text, ctx, header, what)
        present_ids = [r for r in id_roles if r in columns]
        present_details = [r for r in detail_roles if r in columns]
        ident, make_identity = _keyed(present_ids, columns, identity)
        cells, make_detail = _keyed(present_details, columns, detail)
        hosts = BoundedCache(make_identity)
        details = BoundedCache(make_detail)
        need = max(columns.values(), default=0) + 1
        skip = ctx.skip
        reader = csv.reader(text, delimiter=delimiter)
        found: Finding | None = None  # the finding of the held row (None: it names no host)
        held = False  # a complete row is held
        # The held row's line number, read from ``reader.line_num`` only when a message needs it (an
        # attribute read of a C type's int member costs ~5% of a row): at once for a row without host,
        # else at the first empty row after it (empty rows are one line: a multi-line row has a newline
        # in a cell) or at the end.
        held_line = 0
        short: int | None = None
        try:
            for row in reader:
                if not any(row):  # ",,,," padding (Tenable.sc writes hundreds of such rows)
                    if held and not held_line:
                        held_line = base + reader.line_num - 1
                    continue
                if held:
                    if found is None:
                        skip(f"line {held_line}", no_host)
                    else:
                        yield found
                    held = False
                if short is not None:
                    skip(f"line {short}", f"row has fewer cells than the header ({need} needed)")
                    short = None
                if len(row) < need:
                    short = base + reader.line_num
                    continue
                held = True
                held_line = 0
                who = hosts[ident(row)]
                if who is None:
                    held_line = base + reader.line_num
                    found = None
                    continue
                found = detail_finding(who, details[cells(row)], scanner)
        except csv.Error as exc:
            raise ctx.error(f"unreadable CSV: {exc}", location=f"line {base + reader.line_num}") from exc
        if held and not held_line:
            held_line = base + reader.line_num
        cut = parity.cut_in_quotes
        if held and not cut:
            if found is None:
                skip(f"line {held_line}", no_host)
            else:
                yield found
        if short is not None or cut:
            where = short if short is not None else (held_line if held else base + reader.line_num)
            raise ctx.truncated(
                "the last row is cut off (fewer cells than the header, or inside a quoted cell)",
                location=f"line {where}",
            )
