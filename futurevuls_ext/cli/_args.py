"""The command line's argument parser class and the argument types that validate before any work starts."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from typing import Any, TypeVar

from .._enums import TolerantEnum
from .._exceptions import ConfigError, InvalidArgumentError
from .._numbers import ascii_int, positive_id

EnumT = TypeVar("EnumT", bound=TolerantEnum)

__all__ = ["CliParser", "cve_id", "iso_date", "positive_int", "tcp_port"]

_REST_LITERAL = re.compile(r"``([^`]+)``")


class CliParser(argparse.ArgumentParser):
    """``argparse.ArgumentParser`` with abbreviations off and plain-text help.

    ``allow_abbrev=False``: ``--from-xml`` never silently stands for ``--from-xml-dir``. Subcommand parsers
    are of the same class (``add_subparsers`` uses the parent's class), so the rule holds everywhere.
    Docstrings reused as descriptions lose their reST markup (````futurevuls-ext demo```` shows as
    ``futurevuls-ext demo``).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["allow_abbrev"] = False
        super().__init__(*args, **kwargs)

    def format_help(self) -> str:
        """The help text, without reST literals."""
        return _REST_LITERAL.sub(r"\1", super().format_help())


def cve_id(text: str) -> str:
    """``--cve`` values: one CVE id (``CVE-2021-44228``, any case), returned upper-case."""
    from ..parsers import normalize_cve

    cve = normalize_cve(text) if text.isascii() else None
    if cve is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a CVE id (expected CVE-YYYY-NNNN, e.g. CVE-2021-44228)"
        )
    return cve


def iso_date(text: str) -> dt.date:
    """Date values: ``YYYY-MM-DD``, a real calendar date."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: expected YYYY-MM-DD, e.g. 2026-03-31")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:  # 2026-13-01, 2026-02-30
        raise argparse.ArgumentTypeError(f"{text!r} is not a calendar date ({exc})") from None


def positive_int(text: str) -> int:
    """An id or count >= 1 written in ASCII digits."""
    number = positive_id(text)
    if number is None:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1, got {text!r}")
    return number


def tcp_port(text: str) -> int:
    """A TCP port 0-65535 (0: let the system pick a free one)."""
    number = ascii_int(text)
    if number is None or number > 65535:
        raise argparse.ArgumentTypeError(f"must be a TCP port 0-65535 (0: a free port), got {text!r}")
    return number


def enum_option(flag: str, enum: type[EnumT], text: str | None) -> EnumT | None:
    """The value of an option naming one of ``enum``'s members, checked before any request is sent.

    Checked in the command rather than as an argparse ``type``, so that building the parser does not
    load the models. Raises ConfigError naming the flag and the allowed values.
    """
    if text is None:
        return None
    try:
        return enum.parse(text)
    except InvalidArgumentError:
        allowed = ", ".join(enum.allowed_values())
        raise ConfigError(f"{flag}: {text!r} is not one of: {allowed}") from None
