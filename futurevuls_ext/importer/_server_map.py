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

import os
import re
from collections.abc import Mapping

from .._exceptions import ConfigError
from .._identity import canonical_host
from .._numbers import positive_id
from .._user_files import load_json, read_text_file

__all__ = ["ServerMap", "load_server_map", "normalise_server_map"]

ServerMap = Mapping[str, int]
_SPLIT = re.compile(r"[,\s;]+")


def normalise_server_map(mapping: Mapping[str, int | str], *, origin: str = "server_map") -> dict[str, int]:
    """Canonical host keys (see :mod:`futurevuls_ext._identity`) and integer server ids.

    A server id is a positive integer or its decimal string, nothing else: ``true``, ``100.9`` or
    ``"1e2"`` would send CVEs to an unrelated server, so they are refused, not coerced.

    Raises:
        ConfigError: naming a bad entry, or two spellings of one host mapped to different servers.
    """
    if not isinstance(mapping, Mapping):
        raise ConfigError(f"{origin}: expected a mapping of host -> server id, got {type(mapping).__name__}")
    result: dict[str, int] = {}
    spelled: dict[str, str] = {}
    for key, value in mapping.items():
        if not isinstance(key, str):
            raise ConfigError(f"{origin}: host {key!r} is not a string")
        host = canonical_host(key) if key.strip() else ""
        server_id = positive_id(value)
        if server_id is None:
            raise ConfigError(
                f"{origin}: server id for {key!r} must be a positive integer (or its decimal string), "
                f"got {value!r}"
            )
        if not host:
            raise ConfigError(f"{origin}: empty host for server id {value!r}")
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
    first = True
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
        header, first = first and not any(c.isdigit() for c in server_id), False
        if header:
            continue  # a header row: the first line, its last cell holds no digit of any script
        if positive_id(server_id) is None:
            raise ConfigError(f"{origin}, line {number}: server id {server_id!r} is not a positive integer")
        entries[host] = server_id
    return entries


def load_server_map(path: str | os.PathLike[str]) -> dict[str, int]:
    """Load a server map file (JSON object, CSV, or ``ip_and_id_mapping.txt``)."""
    origin, text = read_text_file(path, what="server map")
    if text.lstrip().startswith(("{", "[")):
        data = load_json(text, origin=origin)
        if not isinstance(data, dict):
            raise ConfigError(f"{origin}: expected a JSON object of host -> server id")
        return normalise_server_map(data, origin=origin)
    return normalise_server_map(_parse_lines(text, origin), origin=origin)
