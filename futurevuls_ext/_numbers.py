r"""ASCII-only number parsing shared by every parser, config loader and the CLI.

Python's own helpers read far more than a report or a config file means: a superscript two is
``isdigit()`` yet ``int()`` of it raises, an Arabic-Indic three is ``int()`` 3, ``int("1_0")`` is
10, ``float("nan")`` and ``float("1e999")`` are numbers, ``re`` ``\d`` matches every script's
digits. These helpers accept ASCII decimal text only and answer None instead of raising, so one bad
cell costs that value, never the report.

Use them wherever text from a file becomes a number (ports, severities, scores, ids); write regexes
with ``[0-9]`` (or ``re.ASCII``), never a bare ``\d``.
"""

from __future__ import annotations

import math
import re
from typing import Final

__all__ = [
    "MAX_INT_DIGITS",
    "ascii_float",
    "ascii_int",
    "ascii_port",
    "cvss_number",
    "cvss_range",
    "finite_number",
    "is_ascii_digits",
    "positive_id",
]

MAX_INT_DIGITS: Final = 64
"""Longest digit run :func:`ascii_int` reads (far below Python's 4300-digit ``int()`` limit)."""

_FLOAT: Final = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?")
_SPACE: Final = " \t\r\n\f\v"


def is_ascii_digits(text: str) -> bool:
    """True when ``text`` is one or more ASCII digits ``0-9`` and nothing else.

    Example:
        >>> is_ascii_digits("443"), is_ascii_digits(chr(0xFF14)), is_ascii_digits(chr(0xB2))
        (True, False, False)
    """
    return text.isascii() and text.isdigit()


def ascii_int(text: str, *, strip: bool = True) -> int | None:
    """The non-negative integer ``text`` spells in ASCII digits, or None.

    Args:
        text: the cell; surrounding ASCII white space is ignored when ``strip`` is true.
        strip: drop surrounding ASCII white space first.

    Returns:
        The number, or None for an empty cell, a sign, underscores, non-ASCII digits or more than
        :data:`MAX_INT_DIGITS` digits.

    Example:
        >>> ascii_int(" 42 "), ascii_int(chr(0x663)), ascii_int("1_0"), ascii_int("-1")
        (42, None, None, None)
    """
    if strip:
        text = text.strip(_SPACE)
    if not is_ascii_digits(text) or len(text) > MAX_INT_DIGITS:
        return None
    return int(text)


def ascii_port(value: object) -> int | None:
    """A TCP/UDP port 1-65535 from a JSON int or an ASCII digit string, or None.

    Booleans, floats, non-ASCII digits and out-of-range numbers are None; surrounding ASCII white
    space is ignored, however long.

    Example:
        >>> ascii_port(443), ascii_port("8080"), ascii_port(chr(0xFF18)), ascii_port(True), ascii_port(0)
        (443, 8080, None, None, None)
    """
    if type(value) is int:
        number: int | None = value
    elif isinstance(value, str):
        if len(value) > 16:  # only white space may pad a port: the text of a pretty-printed XML element
            value = value.strip(_SPACE)  # ("3389" + a newline + the next tag's indentation)
            if len(value) > 16:
                return None
        number = ascii_int(value)
    else:
        return None
    return number if number is not None and 0 < number < 65536 else None


def ascii_float(text: str) -> float | None:
    """The finite decimal number ``text`` spells in ASCII, or None.

    Accepts ``7``, ``7.5``, ``.5``, ``-1``, ``1e3``; refuses ``nan``, ``inf``, ``1e999``, non-ASCII
    digits, ``1_0`` and anything else ``float()`` would stretch to read.

    Example:
        >>> ascii_float(" 7.5 "), ascii_float("nan"), ascii_float("1e999"), ascii_float(chr(0xFF17))
        (7.5, None, None, None)
    """
    text = text.strip(_SPACE)
    if len(text) > 64 or not _FLOAT.fullmatch(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


def finite_number(value: object) -> float | None:
    """A finite number from a JSON value: int or float (not bool), or an ASCII numeric string.

    Example:
        >>> finite_number(9.8), finite_number("9.8"), finite_number(float("inf")), finite_number(True)
        (9.8, 9.8, None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = float(value) if abs(value) < 1 << 1000 else math.inf
    elif isinstance(value, float):
        number = value
    elif isinstance(value, str):
        return ascii_float(value)
    else:
        return None
    return number if math.isfinite(number) else None


def cvss_number(value: object) -> float | None:
    """A CVSS score from a JSON value or text (see :func:`finite_number`): a number from 0 to 10, else None.

    No CVSS version scores outside 0-10, so such a number is damage (an export re-saved in a
    ``,``-decimal locale turns ``5.0`` into ``50``) or another scale, never a score.

    Example:
        >>> cvss_number(9.8), cvss_number("10"), cvss_number(98), cvss_number(-1.0), cvss_number(float("nan"))
        (9.8, 10.0, None, None, None)
    """
    return cvss_range(finite_number(value))


def cvss_range(number: float | None) -> float | None:
    """``number`` when it can be a CVSS score (0 to 10), else None: the one range rule every parser uses.

    Example:
        >>> cvss_range(9.8), cvss_range(50.0), cvss_range(None), cvss_range(float("nan"))
        (9.8, None, None, None)
    """
    return number if number is not None and 0.0 <= number <= 10.0 else None


def positive_id(value: object) -> int | None:
    """An id (server, role, user...) from a config value: an int >= 1 or its ASCII decimal string.

    Nothing else is an id: ``True`` is not 1, ``100.9`` is not 100, ``"1e2"`` is not 100, and an
    id fits a signed 64-bit integer.

    Example:
        >>> positive_id(7), positive_id(" 7 "), positive_id(True), positive_id(7.0), positive_id(0)
        (7, 7, None, None, None)
    """
    if type(value) is int:
        number: int | None = value
    elif isinstance(value, str):
        number = ascii_int(value)
    else:
        return None
    return number if number is not None and 1 <= number < 1 << 63 else None
