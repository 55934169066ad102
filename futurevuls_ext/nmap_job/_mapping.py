"""The mapping file: which external scan result (and server) each scanned IP feeds.

It reads the FutureVuls article's ``ip_and_id_mapping.txt``: one line per IP with the IP, the external
scan result's id and the server's id, separated by commas or whitespace; ``#`` starts a comment. A
first line that is a header (``ip,result_id,server_id``) is kept as it is. Writes go to a temporary
file in the same folder, then ``os.replace``, so a crash never leaves a half-written mapping; comments,
the header and the order of lines are kept, new entries are appended.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

import attrs

from .._exceptions import ConfigError
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

    def find(self, ip: str, server_id: int | None = None) -> tuple[MappingEntry, ...]:
        """Entries of this IP (optionally only those on one server)."""
        return tuple(
            e for e in self.entries if e.ip == ip and (server_id is None or e.server_id == server_id)
        )

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


def _positive_int(cell: str, what: str, where: str, raw: str) -> int:
    if not (cell.isascii() and cell.isdigit()) or int(cell) < 1:
        raise ConfigError(f"{where}: {what} {cell!r} is not a positive integer in {raw!r}; {_FIX}")
    return int(cell)


_FIX = "each line must be 'IP,external_scan_id,server_id' (comma or space separated); fix or remove the line"


def _parse_line(raw: str, where: str, *, header_allowed: bool) -> MappingEntry | str:
    text, _, note = raw.partition("#")
    cells = [cell.strip().strip("\"'") for cell in _SPLIT.split(text.strip()) if cell.strip()]
    if not cells:
        return raw
    if len(cells) != 3:
        raise ConfigError(f"{where}: expected 3 fields, got {len(cells)} in {raw!r}; {_FIX}")
    if header_allowed and not cells[1].isdigit() and not cells[2].isdigit():
        try:
            normalize_ip(cells[0])
        except ConfigError:
            return raw  # a header row such as "ip,result_id,server_id"
    return MappingEntry(
        ip=normalize_ip(cells[0], where=where),
        external_scan_id=_positive_int(cells[1], "external scan result id", where, raw),
        server_id=_positive_int(cells[2], "server id", where, raw),
        note=note.strip(),
    )


def _check_unique(entries: Iterable[tuple[MappingEntry, str]]) -> None:
    seen: dict[int, tuple[MappingEntry, str]] = {}
    for entry, where in entries:
        first = seen.setdefault(entry.external_scan_id, (entry, where))
        if first[0] != entry:
            raise ConfigError(
                f"{where}: external scan result {entry.external_scan_id} is also recorded for "
                f"{first[0].ip} on server {first[0].server_id} ({first[1]}); a result belongs to one IP "
                "and one server, remove the wrong line"
            )


def load_mapping(path: str | os.PathLike[str]) -> Mapping:
    """Read a mapping file; a missing file is an empty mapping.

    Raises:
        ConfigError: the file cannot be read, or a line is malformed (the message names the line).
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return Mapping(path=file)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the mapping file {str(file)!r}: {exc}") from exc
    lines: list[MappingEntry | str] = []
    located: list[tuple[MappingEntry, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        where = f"{file}, line {number}"
        line = _parse_line(raw, where, header_allowed=not located)
        if isinstance(line, MappingEntry):
            if line in (e for e, _ in located):
                continue  # an exact repeat (the article's script appends): keep the first
            located.append((line, where))
        lines.append(line)
    _check_unique(located)
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
