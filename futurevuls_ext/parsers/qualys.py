"""Qualys VM / VMDR CSV: scan reports (host-based), VMDR QID- and CVE-centric lists, PCI, HackerGuardian.

The header row is found by its column names, after a preamble of any length (company block, "Launch
Date" block, summary tables whose header also starts with ``IP``): it is the first row holding an
address column (``IP``, ``Asset IPV4``, ``Asset IPV6``) and a detection column (``QID``, ``CVE ID``,
``CVEID``, ``CVE`` or ``VULN TITLE``). Columns are then read by name, case-insensitively; unknown
columns are ignored.

Each detection row becomes one :class:`Finding`:

* address: the first IP of ``IP`` / ``Asset IPV4`` / ``Asset IPV6`` (a cell may hold several,
  ``"192.168.1.100,192.168.1.101"``: all are kept in ``ip_addresses``); rows with no IP fall back
  to a host name; rows with neither are skipped;
* hostnames: ``DNS``, ``FQDN``, ``NetBIOS``, ``HOSTNAME``, ``Asset Name`` (placeholders such as
  ``No registered hostname`` dropped);
* CVEs: only the ``CVE ID`` / ``CVEID`` / ``CVE`` cell, comma- or space-separated;
* port: numeric ``Port`` > 0 with the lower-cased ``Protocol`` (``tcp`` when empty);
* severity: Qualys level 1-5 mapped to Info..Critical, or a word/letter (``M``, ``H``);
* CVSS: the leading number of the first filled CVSS base column (v3.1, v3, then v2).

A short last row (the file cut off inside a record) raises
:class:`~futurevuls_ext.parsers.TruncatedReportError` after the complete rows were yielded.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TYPE_CHECKING, BinaryIO, ClassVar

from .._numbers import ascii_int, ascii_port
from ._context import ParseContext
from ._csv import (
    PREAMBLE_LINE_LIMIT,
    QuoteParity,
    capped_lines,
    clean,
    csv_text,
    header_name,
    is_end_marker,
    leading_cvss,
    sniff_rows,
    with_end_marker,
)
from ._csv_table import tuple_getter
from ._cve import split_cves
from ._model import Finding, Severity
from ._speedups import BoundedCache, detail_finding
from ._target import canonical_ip

if TYPE_CHECKING:
    from _csv import Reader as _reader

__all__ = ["QualysCsvParser", "find_columns"]

_ALIASES: dict[str, tuple[str, ...]] = {
    "ip": ("ip", "ip address", "asset ipv4", "ipv4", "asset ip"),
    "ipv6": ("asset ipv6", "ipv6"),
    "dns": ("dns", "dns name"),
    "fqdn": ("fqdn",),
    "netbios": ("netbios", "netbios name"),
    "hostname": ("hostname", "host name"),
    "asset_name": ("asset name",),
    "qid": ("qid",),
    "title": ("title", "vuln title"),
    "severity": ("severity", "q_severity"),
    "port": ("port",),
    "protocol": ("protocol",),
    "cve": ("cve id", "cveid", "cve", "cve ids", "cve-id"),
    "cvss": (
        "cvss3.1 base",
        "cvssv3.1 base (nvd)",
        "cvss3 base",
        "cvssv3 base (nvd)",
        "cvss base",
        "cvss_base",
        "cvssv2 base (nvd)",
    ),
}
_NAME_COLUMNS = ("dns", "fqdn", "netbios", "hostname", "asset_name")
_PLACEHOLDERS = frozenset({"", "-", "n/a", "na", "none", "null", "no registered hostname", "unknown"})


def find_columns(row: list[str]) -> dict[str, int] | None:
    """Column indexes when ``row`` is a Qualys VM detection header, else None.

    For each role the first matching alias (in ``_ALIASES`` order) wins: ``cvss`` prefers v3.1.
    """
    names = [header_name(cell) for cell in row]
    index = {name: i for i, name in reversed(list(enumerate(names))) if name}
    columns: dict[str, int] = {}
    for role, aliases in _ALIASES.items():
        for alias in aliases:
            if alias in index:
                columns[role] = index[alias]
                break
    # the next CVSS base columns, in preference order: read on a row whose preferred cell is empty
    others = [index[a] for a in _ALIASES["cvss"] if a in index and index[a] != columns.get("cvss")]
    for role, column in zip(_CVSS_FALLBACKS, dict.fromkeys(others), strict=False):
        columns[role] = column
    has_address = "ip" in columns or "ipv6" in columns
    has_detection = "qid" in columns or "cve" in columns or "vuln title" in index
    return columns if has_address and has_detection else None


def _severity(cell: str) -> Severity | None:
    text = clean(cell)
    level = ascii_int(text)
    if level is not None:
        return Severity(min(level, 5) - 1) if level >= 1 else Severity.INFO
    return Severity.parse(text)


def _addresses(*cells: str) -> list[str]:
    out: list[str] = []
    for cell in cells:
        for part in cell.replace(";", ",").replace(" ", ",").split(","):
            ip = canonical_ip(clean(part)) if part else None
            if ip is not None and ip not in out:
                out.append(ip)
    return out


def _host(
    ip_cells: tuple[str, ...], name_cells: tuple[str, ...]
) -> tuple[str, str | None, tuple[str, ...], tuple[str, ...]] | None:
    """(address, ip, hostnames, ip addresses) of a row's identity cells; None without any."""
    ips = _addresses(*ip_cells)
    names: list[str] = []
    for cell in name_cells:
        if not cell:
            continue  # (an empty cell is a placeholder)
        name = clean(cell)
        if name.lower() in _PLACEHOLDERS or name in names:
            continue
        # canonical_ip answers None at once for these; skipping its cache spares one entry per name
        if (":" not in name and not name.replace(".", "").isdigit()) or canonical_ip(name) is None:
            names.append(name)
    if ips:
        return ips[0], ips[0], tuple(names), tuple(ips)
    if names:
        return names[0], None, tuple(names), ()
    return None


def _too_long(ctx: ParseContext, line: int) -> Exception:
    return ctx.error(
        f"line over {PREAMBLE_LINE_LIMIT} characters before any header row: not a Qualys CSV",
        location=f"line {line}",
    )


_CVSS_FALLBACKS = ("cvss 2nd", "cvss 3rd")
"""Roles of the CVSS base columns after the preferred one (a v3 cell left empty falls back to v2)."""
_DETAIL_ROLES = ("port", "protocol", "cve", "severity", "cvss", "qid", "title", *_CVSS_FALLBACKS)
_Host = tuple[str, str | None, tuple[str, ...], tuple[str, ...]]
_Detail = tuple[int | None, str | None, frozenset[str], Severity | None, float | None, str | None, str | None]


def _cvss(cells: dict[str, str]) -> float | None:
    """The leading number of the first filled CVSS base cell (v3.1, v3, then v2), 0 to 10; else None."""
    for role in ("cvss", *_CVSS_FALLBACKS):
        cell = cells.get(role)
        if cell is None:
            return None
        score = leading_cvss(cell)
        if score is not None:
            return score
    return None


def _detail(cells: dict[str, str]) -> _Detail:
    """(port, protocol, CVE ids, severity, CVSS, QID, title) of a row's detail cells."""
    port = ascii_port(clean(cells.get("port", "")))
    protocol = None
    if port is not None:
        protocol = clean(cells.get("protocol", "")).lower()
        protocol = protocol if protocol and protocol != "-" else "tcp"
    cve_cell = cells.get("cve", "")
    return (
        port,
        protocol,
        split_cves(cve_cell) if cve_cell else frozenset(),
        _severity(cells["severity"]) if "severity" in cells else None,
        _cvss(cells),
        clean(cells.get("qid", "")) or None,
        cells.get("title", "").strip() or None,
    )


class QualysCsvParser:
    """Parser for Qualys VM / VMDR / PCI / HackerGuardian detection CSV exports."""

    name: ClassVar[str] = "qualys-csv"
    priority: ClassVar[int] = 40
    description: ClassVar[str] = "Qualys VM/VMDR scan or detection CSV (also PCI and HackerGuardian)"

    def sniff(self, head: bytes) -> float:
        """Score a CSV head whose header row (after any preamble) has Qualys detection columns."""
        if sniff_rows(head, find_columns) is not None:
            return 0.9
        return 0.0

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        """Yield one finding per detection row (see the module docstring)."""
        with csv_text(stream, ctx, count_quotes=False) as (text, parity):
            head = csv.reader(capped_lines(text, PREAMBLE_LINE_LIMIT, lambda n: _too_long(ctx, n)))
            reader = head
            try:
                columns, header_len = self._header(head, ctx)
                reader = csv.reader(with_end_marker(text))  # the fast path for the detection rows
                yield from self._rows(
                    reader, base=head.line_num, columns=columns, header_len=header_len, parity=parity, ctx=ctx
                )
            except csv.Error as exc:
                line = reader.line_num + (head.line_num if reader is not head else 0)
                raise ctx.error(f"unreadable CSV: {exc}", location=f"line {line}") from exc

    @staticmethod
    def _header(reader: _reader, ctx: ParseContext) -> tuple[dict[str, int], int]:
        """Find the header row after any preamble: (role -> column, header width)."""
        for row in reader:
            columns = find_columns(row) if row else None
            if columns is not None:
                width = len(row)
                while width and not row[width - 1].strip():
                    width -= 1
                return columns, width
        raise ctx.error(
            "no Qualys detection header found (a row with IP / Asset IPV4 and QID / CVE columns); "
            "not a Qualys VM CSV",
            location=f"line {reader.line_num}",
        )

    def _rows(
        self,
        reader: _reader,
        *,
        base: int,
        columns: dict[str, int],
        header_len: int,
        parity: QuoteParity,
        ctx: ParseContext,
    ) -> Iterator[Finding]:
        need = max(columns.values()) + 1
        get = columns.get
        name_cols = [columns[c] for c in _NAME_COLUMNS if c in columns]
        ident_cols = [i for i in (get("ip"), get("ipv6")) if i is not None] + name_cols
        n_ip = len(ident_cols) - len(name_cols)
        ident = tuple_getter(ident_cols)
        roles = [r for r in _DETAIL_ROLES if r in columns]
        detail = tuple_getter([columns[r] for r in roles])
        # A host's identity cells and a QID's detail cells repeat row after row: each distinct tuple of
        # cells is converted once.
        hosts: BoundedCache[tuple[str, ...], _Host | None] = BoundedCache(
            lambda cells: _host(cells[:n_ip], cells[n_ip:])
        )
        details: BoundedCache[tuple[str, ...], _Detail] = BoundedCache(
            lambda cells: _detail(dict(zip(roles, cells, strict=False)))
        )
        scanner = self.name
        short: tuple[int, int] | None = None  # (line, cells) of a short row, reported on the next row
        held: Finding | None = None  # the last row's finding, held until the row is known complete
        held_is_last = False
        ended = False  # the end marker came as a row: the text does not end inside a quoted cell
        for row in reader:
            held_is_last = False
            if len(row) < need:
                if is_end_marker(row):
                    ended = True
                    continue
                if not row or not any(cell.strip() for cell in row):
                    continue
                if short is not None:
                    ctx.skip(f"line {short[0]}", f"row has {short[1]} cells, the header {header_len}")
                short = (base + reader.line_num, len(row))
                continue
            if short is not None:
                ctx.skip(f"line {short[0]}", f"row has {short[1]} cells, the header {header_len}")
                short = None
            host = hosts[ident(row)]
            if host is None:
                ctx.skip(f"line {base + reader.line_num}", "detection row without an IP address or host name")
                continue
            found = detail_finding(host, details[detail(row)], scanner)
            if held is not None:
                yield held
            held_is_last = True
            held = found
        cut_in_quotes = not ended and parity.quoted  # (unquoted exports are not judged)
        if cut_in_quotes and held_is_last:
            held = None  # its last cell is partial
        if held is not None:
            yield held
        if short is not None:
            if not ended:  # the last row is the short one, and the marker's line was read into it
                short = (short[0] - 1, short[1])
            raise ctx.truncated(
                f"the last row has {short[1]} cells, the header {header_len}: the file is cut off",
                location=f"line {short[0]}",
            )
        if cut_in_quotes:
            raise ctx.truncated(  # (the marker's line, read into the open cell, is not the file's)
                "the file ends inside a quoted cell: it is cut off",
                location=f"line {base + reader.line_num - 1}",
            )
