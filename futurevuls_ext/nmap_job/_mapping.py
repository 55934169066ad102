"""The mapping file: which external scan result (and server) each scanned IP feeds.

It reads the FutureVuls article's ``ip_and_id_mapping.txt``: one line per IP with the IP, the external
scan result's id and the server's id, separated by commas or whitespace; ``#`` starts a comment. A
first line that is a header (``ip,result_id,server_id``) is kept as it is. Writes go to a temporary
file in the same folder, then ``os.replace``, so a crash never leaves a half-written mapping; comments,
the header and the order of lines are kept, new entries are appended.
"""

from __future__ import annotations

import functools
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import attrs

from .._exceptions import ConfigError
from .._numbers import positive_id
from .._user_files import decode_text
from ._address import normalize_ip

__all__ = [
    "DEFAULT_MAPPING_FILE",
    "MAPPING_ENV_VAR",
    "Mapping",
    "MappingEntry",
    "default_mapping_path",
    "load_mapping",
    "save_mapping",
]

DEFAULT_MAPPING_FILE = "ip_and_id_mapping.txt"
MAPPING_ENV_VAR = "FUTUREVULS_NMAP_MAPPING"
_SPLIT = re.compile(r"[,\s]+")
_HEADER = (
    "# futurevuls-ext nmap: IP, external scan result id, server id (one line per IP; '#' comments).\n"
    "# Written by 'futurevuls-ext nmap add'; read by 'futurevuls-ext nmap update'.\n"
)


def default_mapping_path() -> Path:
    """``$FUTUREVULS_NMAP_MAPPING``, else ``./ip_and_id_mapping.txt``."""
    return Path(os.environ.get(MAPPING_ENV_VAR) or DEFAULT_MAPPING_FILE)


@attrs.frozen(kw_only=True)
class MappingEntry:
    """One line of the mapping: this IP's scans go to this result on this server.

    Attributes:
        ip: the scanned address (canonical spelling).
        external_scan_id: the external scan result the IP's CVEs are written to.
        server_id: the server the result is attached to.
        note: a trailing ``# comment`` of the line, kept when the file is rewritten.
    """

    ip: str
    external_scan_id: int
    server_id: int
    note: str = attrs.field(default="", eq=False)

    def to_line(self) -> str:
        """The entry as a line: ``ip,external_scan_id,server_id`` (plus its note)."""
        text = f"{self.ip},{self.external_scan_id},{self.server_id}"
        return f"{text}  # {self.note}" if self.note else text


@attrs.frozen(kw_only=True)
class Mapping:
    """The parsed file: its lines in order, each an entry or verbatim text (comment, blank, header).

    Instances are immutable; :meth:`with_entry` and :meth:`replacing` return changed copies.
    """

    path: Path
    lines: tuple[MappingEntry | str, ...] = ()
    exists: bool = False

    @property
    def entries(self) -> tuple[MappingEntry, ...]:
        """Every entry, in file order."""
        return tuple(line for line in self.lines if isinstance(line, MappingEntry))

    @functools.cached_property
    def _by_ip(self) -> dict[str, tuple[MappingEntry, ...]]:
        index: dict[str, list[MappingEntry]] = {}
        for entry in self.entries:
            index.setdefault(entry.ip, []).append(entry)
        return {ip: tuple(found) for ip, found in index.items()}

    def find(self, ip: str, server_id: int | None = None) -> tuple[MappingEntry, ...]:
        """Entries of this IP (optionally only those on one server); one dict look-up, not a scan."""
        found = self._by_ip.get(ip, ())
        return found if server_id is None else tuple(e for e in found if e.server_id == server_id)

    def with_entry(self, entry: MappingEntry) -> Mapping:
        """A copy with ``entry`` appended."""
        return attrs.evolve(self, lines=(*self.lines, entry))

    def replacing(self, old: MappingEntry, new: MappingEntry) -> Mapping:
        """A copy with ``old`` replaced by ``new`` in place."""
        return attrs.evolve(self, lines=tuple(new if line == old else line for line in self.lines))

    def render(self) -> str:
        """The file's text."""
        body = "".join(
            (line.to_line() if isinstance(line, MappingEntry) else line) + "\n" for line in self.lines
        )
        return body if self.exists else _HEADER + body


def _positive_int(cell: str, what: str, where: Callable[[], str], raw: str) -> int:
    number = positive_id(cell)
    if number is None:
        raise ConfigError(f"{where()}: {what} {cell!r} is not a positive integer in {raw!r}; {_FIX}")
    return number


_FIX = "each line must be 'IP,external_scan_id,server_id' (comma or space separated); fix or remove the line"


def _cells(raw: str) -> tuple[list[str], str]:
    """The cells and the trailing note of a line (fast path for the usual ``ip,id,id``)."""
    text, _, note = raw.partition("#")
    cells = text.split(",")
    if len(cells) == 3 and all(c and not c.isspace() and c.strip() == c for c in cells):
        return cells, note  # nothing to strip, no other separator: the line as the job writes it
    return [cell.strip().strip("\"'") for cell in _SPLIT.split(text.strip()) if cell.strip()], note


_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_USUAL_LINE = re.compile(
    rf"((?:{_OCTET}\.){{3}}{_OCTET}),([1-9][0-9]{{0,17}}),([1-9][0-9]{{0,17}})", re.ASCII
)
"""A line as the job writes it: a canonical dotted quad (what normalize_ip returns unchanged), two ids."""


def _parse_line(raw: str, where: Callable[[], str], *, header_allowed: bool) -> MappingEntry | str:
    usual = _USUAL_LINE.fullmatch(raw)
    if usual is not None:  # one regex match instead of the general path below; same result
        ip, result_id, server_id = usual.groups()
        return MappingEntry(ip=ip, external_scan_id=int(result_id), server_id=int(server_id))
    cells, note = _cells(raw)
    if not cells:
        return raw
    if len(cells) != 3:
        raise ConfigError(f"{where()}: expected 3 fields, got {len(cells)} in {raw!r}; {_FIX}")
    if header_allowed and not cells[1].isdigit() and not cells[2].isdigit():
        try:
            normalize_ip(cells[0])
        except ConfigError:
            return raw  # a header row such as "ip,result_id,server_id"
    try:
        ip = normalize_ip(cells[0])
    except ConfigError:
        normalize_ip(cells[0], where=where())  # the same error, now naming the line
        raise
    return MappingEntry(
        ip=ip,
        external_scan_id=_positive_int(cells[1], "external scan result id", where, raw),
        server_id=_positive_int(cells[2], "server id", where, raw),
        note=note.strip(),
    )


def load_mapping(path: str | os.PathLike[str]) -> Mapping:
    """Read a mapping file; a missing file is an empty mapping.

    Time is linear in the number of lines (a million-line file loads in seconds: ``bench/mapping_load.py``):
    each line costs a few dictionary look-ups, never a scan of the earlier lines.

    Raises:
        ConfigError: the file cannot be read or is not UTF-8/UTF-16 text, a line is malformed, or two
            lines give one external scan result different IPs or servers (the message names the lines).
    """
    file = Path(path)
    origin = f"mapping file {str(file)!r}"
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        return Mapping(path=file)
    except OSError as exc:
        raise ConfigError(f"cannot read the {origin}: {exc.strerror or exc}") from None
    text = decode_text(data, origin=origin)
    lines: list[MappingEntry | str] = []
    by_result: dict[int, tuple[MappingEntry, int]] = {}  # result id -> (first entry, its line number)
    for number, raw in enumerate(text.splitlines(), start=1):

        def where(number: int = number) -> str:
            return f"{file}, line {number}"

        line = _parse_line(raw, where, header_allowed=not by_result)
        if isinstance(line, MappingEntry):
            first = by_result.setdefault(line.external_scan_id, (line, number))
            if first[1] != number:
                if (first[0].ip, first[0].server_id) == (line.ip, line.server_id):
                    continue  # an exact repeat (the article's script appends): keep the first
                raise ConfigError(
                    f"{where()}: external scan result {line.external_scan_id} is also recorded for "
                    f"{first[0].ip} on server {first[0].server_id} ({file}, line {first[1]}); a result "
                    "belongs to one IP and one server, remove the wrong line"
                )
        lines.append(line)
    return Mapping(path=file, lines=tuple(lines), exists=True)


def save_mapping(mapping: Mapping) -> None:
    """Write the mapping atomically: a temporary file in the same folder, fsync, then ``os.replace``.

    The file keeps the permissions of the file it replaces (0644 for a new one).

    Raises:
        ConfigError: the folder is not writable or the disk is full; the old file is left untouched.
    """
    path = mapping.path
    folder = path.parent if str(path.parent) else Path()
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    except OSError as exc:
        raise ConfigError(f"cannot write the mapping file {str(path)!r}: {exc}") from exc
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ConfigError(f"cannot write the mapping file {str(path)!r}: {exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(mapping.render())
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ConfigError(f"cannot write the mapping file {str(path)!r}: {exc}") from exc
