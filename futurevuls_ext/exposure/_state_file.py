"""The revert file: every server an exposure apply moved, with its previous role (JSON).

Written **before** the first move (so a crash half-way can still be reverted) and rewritten after
with each move's status. The token and base URL are never written. Layout::

    {"kind": "futurevuls-ext/exposure-revert", "version": 1, "created_at": "2026-11-22T01:00:00+00:00",
     "moves": [{"server_id": 102, "server_name": "api-01", "from_role_id": 10, "from_role_name": "default",
                "to_role_id": 11, "to_role_name": "Internet-Facing", "exposure": "open", "reason": "...",
                "status": "moved", "error": null}]}
"""

from __future__ import annotations

import datetime as dt
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

__all__ = ["KIND", "read_state_file", "write_state_file"]

KIND = "futurevuls-ext/exposure-revert"
VERSION = 1


def write_state_file(
    path: str | os.PathLike[str],
    moves: Sequence[RoleMove] | Sequence[MoveOutcome],
    *,
    overwrite: bool = False,
) -> Path:
    """Write the revert file atomically (temporary file + rename).

    Raises:
        ConfigError: the file exists and ``overwrite`` is false (an earlier revert file would be lost),
            or it cannot be written.
    """
    target = Path(path)
    if target.exists() and not overwrite:
        raise ConfigError(
            f"revert file {target} already exists; choose another --state-file or revert it first "
            "(overwriting would lose the roles it records)"
        )
    entries = [
        m.as_dict() if isinstance(m, MoveOutcome) else {**m.as_dict(), "status": "pending"} for m in moves
    ]
    document = {
        "kind": KIND,
        "version": VERSION,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "moves": entries,
    }
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
        os.replace(tmp, target)
        tmp = None
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
