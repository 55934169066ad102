"""Reading the files a user hands us: server maps, API profiles, revert files, fake datasets.

One place decides what such a file may be, so every loader fails the same clean way: a
:class:`~futurevuls_ext.ConfigError` (CLI exit 2) that names the file and the problem, never a
``UnicodeDecodeError``, ``RecursionError`` or an ``inf`` that slipped through.

* Text: UTF-8 with or without a BOM, UTF-16 with a BOM. Anything else (UTF-16 without a BOM,
  cp1252, Shift_JIS...) is refused with the byte offset and what to do.
* JSON and TOML: no ``NaN``/``Infinity``, no number that overflows to infinity (``1e999``), no
  nesting deeper than :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import codecs
import json
import math
import os
import tomllib
from pathlib import Path
from typing import Any, Final

from ._exceptions import ConfigError

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "decode_text", "load_json", "load_toml", "read_text_file"]

MAX_FILE_BYTES: Final = 256 * 1024 * 1024
"""Largest config or state file read (a million-line server map is about 30 MB)."""

MAX_DEPTH: Final = 64
"""Deepest JSON/TOML nesting accepted; no config file of this package needs more than 5."""

_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class _BadNumber(ValueError):
    pass


def decode_text(data: bytes, *, origin: str) -> str:
    """``data`` as text: UTF-8 (BOM optional) or UTF-16/32 with a BOM.

    Raises:
        ConfigError: naming ``origin`` and the first byte that is not text in any of those.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ConfigError(
                    f"{origin}: not valid {encoding.upper()} text at byte {exc.start}"
                ) from None
    if b"\x00" in data[:4096]:
        raise ConfigError(
            f"{origin}: looks like UTF-16 or binary without a byte-order mark (NUL bytes); "
            "save it as UTF-8 (or UTF-16 with a BOM)"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{origin}: not UTF-8 text (byte {exc.start} is 0x{data[exc.start]:02x}; cp1252 or "
            "Shift_JIS?); save it as UTF-8"
        ) from None


def read_text_file(path: str | os.PathLike[str], *, what: str) -> tuple[str, str]:
    """Read a user's text file; answer ``(origin, text)`` where origin is ``"<what> '<path>'"``.

    Raises:
        ConfigError: the file cannot be read, is larger than :data:`MAX_FILE_BYTES`, or is not text.
    """
    file = Path(path)
    origin = f"{what} {str(file)!r}"
    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"cannot read {origin}: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ConfigError(f"{origin}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    return origin, decode_text(data, origin=origin)


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise _BadNumber(f"number {text} is not finite")
    return number


def _no_constant(name: str) -> Any:
    raise _BadNumber(f"{name} is not a number this file may hold")


def _depth(value: Any, origin: str) -> None:
    """Raise when ``value`` nests deeper than MAX_DEPTH (iterative: no recursion to blow)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ConfigError(f"{origin}: nested deeper than {MAX_DEPTH} levels")
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)


def load_json(text: str, *, origin: str) -> Any:
    """Parse a user's JSON document.

    Raises:
        ConfigError: naming ``origin``: invalid JSON (with line and column), NaN/Infinity, a number
            too large for a float, or nesting deeper than :data:`MAX_DEPTH`.
    """
    try:
        data = json.loads(text, parse_float=_finite, parse_constant=_no_constant)
    except RecursionError:
        raise ConfigError(f"{origin}: nested deeper than {MAX_DEPTH} levels") from None
    except _BadNumber as exc:
        raise ConfigError(f"{origin}: {exc}") from None
    except ValueError as exc:  # JSONDecodeError, or an integer of more than 4300 digits
        raise ConfigError(f"{origin}: not valid JSON: {exc}") from None
    _depth(data, origin)
    return data


def load_toml(text: str, *, origin: str) -> Any:
    """Parse a user's TOML document (same refusals as :func:`load_json`)."""
    try:
        data = tomllib.loads(text, parse_float=_finite)
    except RecursionError:
        raise ConfigError(f"{origin}: nested deeper than {MAX_DEPTH} levels") from None
    except _BadNumber as exc:
        raise ConfigError(f"{origin}: {exc}") from None
    except ValueError as exc:  # TOMLDecodeError
        raise ConfigError(f"{origin}: not valid TOML: {exc}") from None
    _depth(data, origin)
    return data
