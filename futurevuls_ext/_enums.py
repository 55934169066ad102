"""``TolerantEnum``: the one base of every string enum the SDK parses (task and SSVC values).

Spellings are compared after :func:`normalize_spelling` (case folded; spaces, ``-``, ``_``, ``/`` and
``.`` removed), so ``out-of-cycle``, ``OUT_OF_CYCLE`` and ``Out of Cycle`` are one value. ``parse``
raises an :class:`~futurevuls_ext.InvalidArgumentError` subclass for user arguments;
``parse_lenient`` keeps an unknown spelling as a plain string for values coming from the API.

A family of enums names its exception once, ``class _SsvcEnum(TolerantEnum, error=SsvcValueError)``;
an enum with extra spellings lists them, ``class Exposure(_SsvcEnum, aliases={"unavoidable": "open"})``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Final, Self

from ._exceptions import InvalidArgumentError

__all__ = ["TolerantEnum", "normalize_spelling"]

_SEPARATORS: Final = re.compile(r"[\s\-_/.]+")
_ERRORS: Final[dict[type, type[InvalidArgumentError]]] = {}
"""A family's ``error`` class keyword, by the class that gave it."""
_ALIASES: Final[dict[type, Mapping[str, str]]] = {}
"""Each enum's ``aliases`` class keyword."""


def normalize_spelling(text: str) -> str:
    """Reduce a spelling to its comparison key: lower case, separators removed.

    >>> normalize_spelling("Out of Cycle") == normalize_spelling("OUT_OF_CYCLE") == "outofcycle"
    True
    """
    return _SEPARATORS.sub("", text).casefold()


@functools.cache
def _lookup(cls: type[TolerantEnum]) -> Mapping[str, TolerantEnum]:
    table: dict[str, TolerantEnum] = {}
    for member in cls:
        table[normalize_spelling(member.value)] = member
        table[normalize_spelling(member.name)] = member
    for alias, value in _ALIASES.get(cls, {}).items():
        table[normalize_spelling(alias)] = cls(value)
    return table


class TolerantEnum(StrEnum):
    """Base: str-valued members, spelling-tolerant :meth:`parse`, :meth:`parse_lenient` for API data.

    Class keywords: ``error``, the :class:`InvalidArgumentError` subclass :meth:`parse` raises for an
    unknown spelling (inherited by subclasses); ``aliases``, extra spellings of this enum (alias ->
    canonical value), compared after normalisation.
    """

    def __init_subclass__(
        cls, *, error: type[InvalidArgumentError] | None = None, aliases: Mapping[str, str] | None = None
    ) -> None:
        super().__init_subclass__()
        if error is not None:
            _ERRORS[cls] = error
        _ALIASES[cls] = dict(aliases or {})

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, str):
            return _lookup(cls).get(normalize_spelling(value))
        return None

    @classmethod
    def allowed_values(cls) -> list[str]:
        """The canonical spellings, in definition order."""
        return [member.value for member in cls]

    @classmethod
    def parse(cls, value: str | Self) -> Self:
        """The member for ``value`` (any case; ``-``, ``_`` and spaces ignored; aliases accepted).

        Raises:
            InvalidArgumentError: (the enum family's subclass) naming the value and the allowed ones.
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            member = _lookup(cls).get(normalize_spelling(value))
            if member is not None:
                return member  # type: ignore[return-value]
        error = next((_ERRORS[c] for c in cls.__mro__ if c in _ERRORS), InvalidArgumentError)
        raise error(
            f"{value!r} is not a valid {cls.__name__}; expected one of "
            f"{', '.join(repr(v) for v in cls.allowed_values())} (case, '-', '_' and spaces are ignored)"
        )

    @classmethod
    def parse_lenient(cls, value: str | Self) -> Self | str:
        """Like :meth:`parse`, but an unknown spelling comes back as the stripped string (for API data)."""
        if isinstance(value, cls):
            return value
        try:
            return cls.parse(value)
        except InvalidArgumentError:
            return str(value).strip()
