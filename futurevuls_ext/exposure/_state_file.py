"""The revert file: every server an exposure apply moved, with its previous role (JSON).

Written **before** the first move (so a crash half-way can still be reverted), created exclusively
(never over another run's file), and rewritten after with each move's status; every save is a
fsynced temporary file then a link/rename, so the file is always whole. The token and base URL are
never written. Layout::

    {"kind": "futurevuls-ext/exposure-revert", "version": 1, "created_at": "2026-11-22T01:00:00+00:00",
     "moves": [{"server_id": 102, "server_name": "api-01", "from_role_id": 10, "from_role_name": "default",
                "to_role_id": 11, "to_role_name": "Internet-Facing", "exposure": "open", "reason": "...",
                "status": "moved", "error": null}]}
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .._exceptions import ConfigError
from .._numbers import positive_id
from .._user_files import load_json, read_text_file
from ..ssvc import Exposure
from ._moves import MoveOutcome, RoleMove

__all__ = ["KIND", "default_state_file_name", "read_state_file", "write_state_file"]

KIND = "futurevuls-ext/exposure-revert"
VERSION = 1


def default_state_file_name(now: dt.datetime | None = None) -> str:
    """A revert file name unique to this run: UTC time to the microsecond plus the process id.

    Example:
        >>> default_state_file_name(dt.datetime(2026, 11, 22, 1, 2, 3, 456789, tzinfo=dt.UTC))[:39]
        'exposure-revert-20261122T010203.456789Z'
    """
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return f"exposure-revert-{stamp:%Y%m%dT%H%M%S.%fZ}-{os.getpid()}.json"


def _fsync_folder(folder: Path) -> None:
    """Make a rename or link in ``folder`` durable (best effort: not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _clean_stale_temporaries(target: Path) -> None:
    """Remove ``<name>.*.tmp`` left by an earlier save of ``target`` that was killed mid-way.

    Called once this run owns ``target`` (created it exclusively), so no other run writes these.
    """
    for stale in target.parent.glob(f"{glob.escape(target.name)}.*.tmp"):
        stale.unlink(missing_ok=True)


def write_state_file(
    path: str | os.PathLike[str],
    moves: Sequence[RoleMove] | Sequence[MoveOutcome],
    *,
    overwrite: bool = False,
) -> Path:
    """Write the revert file atomically and durably.

    The document goes to a temporary file in the same folder, is fsynced, then becomes ``path``:
    without ``overwrite`` by a hard link that fails when ``path`` exists (created exclusively, so a
    concurrent run's revert file is never replaced), with ``overwrite`` by ``os.replace``. The folder
    is fsynced after. An interrupted save leaves no ``.tmp`` file behind (a killed one is removed by
    the next save of the same file).

    Raises:
        ConfigError: the file exists and ``overwrite`` is false (an earlier revert file would be lost),
            or it cannot be written.
    """
    target = Path(path)
    exists_error = ConfigError(
        f"revert file {target} already exists; choose another --state-file or revert it first "
        "(overwriting would lose the roles it records)"
    )
    if not overwrite and target.exists():
        raise exists_error
    entries = [
        m.to_dict() if isinstance(m, MoveOutcome) else {**m.to_dict(), "status": "pending"} for m in moves
    ]
    document = {
        "kind": KIND,
        "version": VERSION,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
        "moves": entries,
    }
    folder = target.parent
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, target)
            tmp = None
        else:
            try:
                os.link(tmp, target)  # atomic and exclusive: fails if another run created it first
            except FileExistsError:
                raise exists_error from None
            Path(tmp).unlink()
            tmp = None
            _clean_stale_temporaries(target)
        _fsync_folder(folder)
    except OSError as exc:
        raise ConfigError(f"cannot write revert file {target}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return target


def _int(entry: dict[str, Any], key: str, where: str) -> int:
    value = entry.get(key)
    if type(value) is not int or positive_id(value) is None:
        raise ConfigError(f"{where}: {key!r} must be a positive integer, got {value!r}")
    return value


def _entries(document: Any, source: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    if not isinstance(document, dict) or document.get("kind") != KIND:
        raise ConfigError(f'{source} is not an exposure revert file (no "kind": {KIND!r})')
    if document.get("version") != VERSION:
        raise ConfigError(f"{source}: unsupported revert file version {document.get('version')!r}")
    moves = document.get("moves")
    if not isinstance(moves, list):
        raise ConfigError(f'{source}: "moves" must be a list')
    for index, entry in enumerate(moves):
        if not isinstance(entry, dict):
            raise ConfigError(f"{source}: moves[{index}] must be an object")
        yield index, entry


def read_state_file(path: str | os.PathLike[str]) -> list[RoleMove]:
    """The moves recorded in a revert file, except those that failed (nothing to undo).

    Raises:
        ConfigError: the file is missing, not JSON, or not a revert file; the message names the entry.
    """
    source = Path(path)
    origin, text = read_text_file(source, what="revert file")
    document = load_json(text, origin=origin)
    moves: list[RoleMove] = []
    for index, entry in _entries(document, source):
        if entry.get("status") in {"failed", "skipped", "unchanged"}:
            continue
        where = f"{source}: moves[{index}]"
        exposure = entry.get("exposure")
        moves.append(
            RoleMove(
                server_id=_int(entry, "server_id", where),
                server_name=str(entry.get("server_name") or ""),
                from_role_id=_int(entry, "from_role_id", where),
                from_role_name=str(entry.get("from_role_name") or ""),
                to_role_id=_int(entry, "to_role_id", where),
                to_role_name=str(entry.get("to_role_name") or ""),
                exposure=Exposure.parse(exposure) if isinstance(exposure, str) else None,
                reason=str(entry.get("reason") or ""),
            )
        )
    return moves
