"""The user's host -> server id map: loaded from JSON, CSV, or the article's ``ip_and_id_mapping.txt``.

Accepted files:

* JSON: ``{"203.0.113.10": 123, "www.example.com": 124}``
* CSV / text: one mapping a line, ``host,server_id`` (a header row is skipped), or the three columns of
  the FutureVuls article's ``ip_and_id_mapping.txt`` (``ip external_scan_id server_id``, comma or space
  separated). Lines starting with ``#`` are comments.

Keys are matched by canonical identity (case-folded IDNA names, canonical IPs) against every
address, IP and hostname of a scanned host; this is how public or NAT addresses reach the right server.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path

from .._exceptions import ConfigError
from .._identity import canonical_host

__all__ = ["ServerMap", "load_server_map", "normalise_server_map"]

ServerMap = Mapping[str, int]
_SPLIT = re.compile(r"[,\s;]+")


def normalise_server_map(mapping: Mapping[str, int | str], *, origin: str = "server_map") -> dict[str, int]:
    """Canonical host keys (see :mod:`futurevuls_ext._identity`) and integer server ids.

    Raises:
        ConfigError: naming a bad entry, or two spellings of one host mapped to different servers.
    """
    result: dict[str, int] = {}
    spelled: dict[str, str] = {}
    for key, value in mapping.items():
        host = canonical_host(str(key)) if str(key).strip() else ""
        try:
            server_id = int(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{origin}: server id for {key!r} is not an integer: {value!r}") from None
        if not host or server_id < 1:
            raise ConfigError(f"{origin}: bad entry {key!r} -> {value!r} (need a host and a server id >= 1)")
        if result.get(host, server_id) != server_id:
            raise ConfigError(
                f"{origin}: {spelled[host]!r} -> {result[host]} and {key!r} -> {server_id} name two "
                "different servers for one host; keep the right entry and remove the other"
            )
        result[host] = server_id
        spelled.setdefault(host, str(key))
    return result


def _parse_lines(text: str, origin: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        cells = [cell.strip().strip('"') for cell in _SPLIT.split(line) if cell.strip()]
        if len(cells) not in (2, 3):
            raise ConfigError(
                f"{origin}, line {number}: expected 'host,server_id' or 'ip result_id server_id', got {raw!r}"
            )
        host, server_id = cells[0], cells[-1]
        if not server_id.isdigit():
            if number == 1 or not entries:
                continue  # a header row
            raise ConfigError(f"{origin}, line {number}: server id {server_id!r} is not a number")
        entries[host] = server_id
    return entries


def load_server_map(path: str | os.PathLike[str]) -> dict[str, int]:
    """Load a server map file (JSON object, CSV, or ``ip_and_id_mapping.txt``)."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"cannot read server map {str(file)!r}: {exc}") from exc
    origin = str(file)
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ConfigError(f"{origin}: not valid JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise ConfigError(f"{origin}: expected a JSON object of host -> server id")
        return normalise_server_map(data, origin=origin)
    return normalise_server_map(_parse_lines(text, origin), origin=origin)
