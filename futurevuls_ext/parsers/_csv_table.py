"""Reading a CSV export whose header is its first row: OpenVAS / GSA CSV and Nessus / Tenable CSV.

Shared with the Qualys parsers through ``_csv``: UTF-8 with the BOM stripped, quoted CR/LF kept, the
field-size cap and the long-line refusal. On top of that:

* the header is the first non-blank row (a few blank or title lines before it are tolerated); the
  delimiter is ``,`` unless the header line holds more ``;`` (Tenable VM exports) or TAB;
* header cells are matched by role through an alias table (case- and blank-insensitive);
* empty rows (``,,,,`` padding) are skipped silently; a short row in the middle of the file is a
  skipped record; a short or quote-cut *last* row means the file was cut off: the rows before it are
  handed out, then :class:`~futurevuls_ext.parsers.TruncatedReportError` is raised.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import BinaryIO, TextIO, TypeVar, cast

from ._context import ParseContext
from ._csv import PREAMBLE_LINE_LIMIT, capped_lines, csv_text, header_name, is_utf16
from ._hostid import Detail, Identity, detail_finding
from ._model import Finding
from ._speedups import CACHE_CHARS, CACHE_ENTRIES, BoundedCache

__all__ = [
    "Columns",
    "RowDetail",
    "by_roles",
    "find_roles",
    "row_findings",
    "sniff_header",
    "tuple_getter",
]

Columns = dict[str, int]
"""Role name -> column index."""

_HEADER_SEARCH = 10
"""How many leading lines may come before the header row."""


def find_roles(row: list[str], aliases: Mapping[str, tuple[str, ...]]) -> Columns:
    """Role -> first column whose folded header matches one of the role's aliases (in alias order)."""
    index: dict[str, int] = {}
    for i, cell in enumerate(row):
        name = header_name(cell)
        if name and name not in index:
            index[name] = i
    columns: Columns = {}
    for role, names in aliases.items():
        for alias in names:
            if alias in index:
                columns[role] = index[alias]
                break
    return columns


def _delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def sniff_header(head: bytes, probe: Callable[[list[str]], bool]) -> bool:
    """True when one of the first lines of ``head``, split by its delimiter, satisfies ``probe``.

    The lines the parser passes over before its header (blank lines, a title, Excel's ``sep=;`` hint)
    are passed over here too, so a file the parser reads is also detected.
    """
    if is_utf16(head):  # read as csv_text reads it: transcoded (the cut last code unit is replaced)
        text = head[: 2 * PREAMBLE_LINE_LIMIT].decode("utf-16", errors="replace")
    else:
        text = head[:PREAMBLE_LINE_LIMIT].decode("utf-8-sig", errors="replace")
    # like table_rows: any line ending, a NUL is a character of its cell (the parser reads such files)
    for line in text.splitlines()[:_HEADER_SEARCH]:
        if not line.strip():
            continue
        try:
            if probe(next(csv.reader([line], delimiter=_delimiter(line)), [])):
                return True
        except csv.Error:
            continue
    return False


def _header(
    text: TextIO, ctx: ParseContext, header: Callable[[list[str]], Columns | None], what: str
) -> tuple[Columns, str, int]:
    """(columns, delimiter, line number) of the header row among the first lines of ``text``."""

    def too_long(line: int) -> Exception:
        return ctx.error(
            f"line over {PREAMBLE_LINE_LIMIT} characters before the header: not {what}",
            location=f"line {line}",
        )

    columns: Columns | None = None
    delimiter = ","
    base = 0
    for base, line in enumerate(capped_lines(text, PREAMBLE_LINE_LIMIT, too_long), start=1):
        if not line.strip():
            if base >= _HEADER_SEARCH:
                break
            continue
        delimiter = _delimiter(line)
        try:
            row = next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:
            row = []
        columns = header(row)
        if columns is not None or base >= _HEADER_SEARCH:
            break
    if columns is None:
        raise ctx.error(f"no {what} header row in the first {_HEADER_SEARCH} lines", location=f"line {base}")
    return columns, delimiter, base


V = TypeVar("V")


def by_roles(roles: Sequence[str], make: Callable[[dict[str, str]], V]) -> Callable[[tuple[str, ...]], V]:
    """``make`` of the cells of a row given as a tuple in ``roles`` order (for a per-value cache)."""

    def build(cells: tuple[str, ...]) -> V:
        return make(dict(zip(roles, cells, strict=True)))

    return build


def tuple_getter(indexes: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """A getter returning the cells at ``indexes`` as a tuple (``itemgetter`` gives a bare cell for one)."""
    if len(indexes) >= 2:
        return itemgetter(*indexes)
    if indexes:
        only = indexes[0]
        return lambda row: (row[only],)
    return lambda row: ()


def _keyed(
    roles: Sequence[str], columns: Columns, make: Callable[[dict[str, str]], V]
) -> tuple[Callable[[list[str]], Hashable], Callable[[Hashable], V]]:
    """A row's cells at ``roles`` as a cache key, and ``make`` of such a key (a lone cell is its own key)."""
    if len(roles) == 1:
        role = roles[0]

        def of_cell(cell: Hashable) -> V:
            return make({role: cast(str, cell)})

        return itemgetter(columns[role]), of_cell
    build = by_roles(roles, make)
    return tuple_getter([columns[r] for r in roles]), lambda key: build(cast(tuple[str, ...], key))


RowDetail = Detail
"""(port, protocol, CVE ids, severity, CVSS, source id, title) of one row, as a parser's detail builds it."""

_CHECKED = 6
"""Detail cells a memo entry compares besides its two key cells (fewer are padded with a key cell)."""


class _DetailMemo:
    """The detail of a row's detail cells, memoised under its first two cells (a two-level dict).

    ``root[row[key0]][row[key1]]`` is the entry ``(cell_1, ..., cell_6, detail)`` of the row that made
    it: a row takes the entry's detail only when its other detail cells (``checked``) equal the
    entry's, so the key cells need not identify a detail (a plugin id may come with another title or
    score). Two short cells (plugin id and CVE, OID and port) are hashed instead of a tuple of all
    of them, and the rest are compared in the loop by specialised ``str ==`` (callgrind: about 40% of
    the memo's instructions a row). Entries and their cells' characters are counted: past
    :data:`CACHE_ENTRIES` entries or :data:`CACHE_CHARS` characters the memo starts over (as a
    :class:`BoundedCache` does); a row whose cells differ from its entry's is looked up in a plain
    full-tuple memo too.
    """

    def __init__(self, roles: Sequence[str], columns: Columns, make: Callable[[dict[str, str]], RowDetail]):
        if len(roles) > 2 + _CHECKED:
            raise ValueError(f"at most {2 + _CHECKED} detail roles can be memoised, got {len(roles)}")
        indexes = [columns[r] for r in roles] or [0]
        self.key0 = indexes[0]
        self.key1 = indexes[1] if len(indexes) > 1 else indexes[0]
        rest = indexes[2:]
        self.checked = tuple(rest + [self.key0] * (_CHECKED - len(rest)))
        self.root: dict[str, dict[str, tuple[object, ...]]] = {}
        self._entries = 0
        self._chars = 0
        self._cells = itemgetter(*self.checked)
        full, make_full = _keyed(roles, columns, make)
        self._full = full
        self._by_cells: BoundedCache[Hashable, RowDetail] = BoundedCache(make_full)

    def refill(self, row: list[str]) -> RowDetail:
        """The detail of ``row`` (made, or found in the full-tuple memo), stored as its key cells' entry."""
        detail = self._by_cells[self._full(row)]
        cells = self._cells(row)
        first, second = row[self.key0], row[self.key1]
        size = len(first) + len(second) + sum(map(len, cells))
        if self._entries >= CACHE_ENTRIES or self._chars + size > CACHE_CHARS:
            self.root.clear()
            self._entries = self._chars = 0
        self._entries += 1
        self._chars += size
        node = self.root.get(first)
        if node is None:
            node = self.root[first] = {}
        node[second] = (*cells, detail)
        return detail


def row_findings(
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
    """One finding per data row of a first-row-header CSV (OpenVAS CSV, Nessus / Tenable CSV).

    Args:
        stream: the binary report stream.
        ctx: the parse context.
        header: role lookup for a candidate header row; None when the row is not the header.
        what: the format's name for messages (``"OpenVAS CSV"``).
        scanner: the parser's name for :attr:`Finding.scanner`.
        id_roles: the roles ``identity`` reads (those the header lacks are left out); the first one
            present should be a cell every data row fills (its emptiness sends a row down the slow path).
        detail_roles: the roles ``detail`` reads (likewise), at most 8; the first two present key the
            detail memo, so they should be short and selective (plugin id and CVE, OID and port).
        identity: the host of a row's identity cells (role -> cell), None when it has none.
        detail: the rest of a finding from a row's detail cells (role -> cell).
        no_host: the skip reason of a row without a host.

    ``identity`` and ``detail`` run once per distinct tuple of their cells (bounded memos; a row with
    the previous row's identity cells reuses its host). A row is handed out (or skipped) once the
    next non-empty row is read, so that a cut last row is never taken.

    Raises:
        ParseError: no header in the first lines, or unreadable CSV.
        TruncatedReportError: after the complete rows, when the last row is cut off.
    """
    with csv_text(stream, ctx) as (text, parity):
        columns, delimiter, base = _header(text, ctx, header, what)
        present_ids = [r for r in id_roles if r in columns]
        ident, make_identity = _keyed(present_ids, columns, identity)
        hosts = BoundedCache(make_identity)
        # per-file choices, taken once: the identity key is one cell, or a tuple of several
        id_col = columns[present_ids[0]] if len(present_ids) == 1 else -1
        probe = columns[present_ids[0]] if present_ids else 0  # a cell data rows fill
        memo = _DetailMemo([r for r in detail_roles if r in columns], columns, detail)
        root, key0, key1, refill = memo.root, memo.key0, memo.key1, memo.refill
        v0, v1, v2, v3, v4, v5 = memo.checked
        need = max(columns.values(), default=0) + 1
        skip = ctx.skip
        reader = csv.reader(text, delimiter=delimiter)
        # The held row: ``pending`` is its finding; a held row without host is ``no_host_line`` (its
        # line) instead. Line numbers are read from ``reader.line_num`` only when a message needs
        # them (an attribute read of a C type's member costs ~5% of a row): the held finding's at the
        # first empty row after it (``marked``: empty rows are one line, so it ended on the line
        # before) or at the end.
        pending: Finding | None = None
        no_host_line = 0
        marked: Finding | None = None
        marked_line = 0
        short: int | None = None  # line of a short row, skipped if a non-empty row follows
        last_key: Hashable = None  # identity cells of the previous row (None: look them up)
        who: Identity | None = None
        try:
            for row in reader:
                if len(row) < need or not row[probe]:  # rare: empty, short, or a blank first id cell
                    if not any(row):  # ",,,," padding (Tenable.sc writes hundreds of such rows)
                        if pending is not None and marked is not pending:
                            marked, marked_line = pending, base + reader.line_num - 1
                        continue
                    if len(row) < need:
                        if pending is not None:
                            yield pending
                            pending = None
                        elif no_host_line:
                            skip(f"line {no_host_line}", no_host)
                            no_host_line = 0
                        if short is not None:
                            skip(f"line {short}", f"row has fewer cells than the header ({need} needed)")
                        short = base + reader.line_num
                        continue
                if pending is not None:
                    yield pending
                else:  # the first row, or one after a row without host or a short row
                    if no_host_line:
                        skip(f"line {no_host_line}", no_host)
                        no_host_line = 0
                    if short is not None:
                        skip(f"line {short}", f"row has fewer cells than the header ({need} needed)")
                        short = None
                key = row[id_col] if id_col >= 0 else ident(row)
                if key != last_key:
                    who = hosts[key]
                    if who is None:
                        no_host_line = base + reader.line_num
                        pending = None
                        last_key = None
                        continue
                    last_key = key
                try:
                    c0, c1, c2, c3, c4, c5, found = root[row[key0]][row[key1]]
                except KeyError:
                    found = refill(row)
                else:
                    if not (
                        row[v0] == c0
                        and row[v1] == c1
                        and row[v2] == c2
                        and row[v3] == c3
                        and row[v4] == c4
                        and row[v5] == c5
                    ):
                        found = refill(row)
                # (no typing.cast: a Python call per row; who is set here, found is a RowDetail)
                pending = detail_finding(who, found, scanner)  # type: ignore[arg-type]
        except csv.Error as exc:
            raise ctx.error(f"unreadable CSV: {exc}", location=f"line {base + reader.line_num}") from exc
        held = pending is not None or no_host_line != 0
        if pending is not None:
            held_line = marked_line if marked is pending else base + reader.line_num
        else:
            held_line = no_host_line
        cut = parity.cut_in_quotes
        if held and not cut:
            if pending is not None:
                yield pending
            else:
                skip(f"line {held_line}", no_host)
        if short is not None or cut:
            where = short if short is not None else (held_line if held else base + reader.line_num)
            raise ctx.truncated(
                "the last row is cut off (fewer cells than the header, or inside a quoted cell)",
                location=f"line {where}",
            )
