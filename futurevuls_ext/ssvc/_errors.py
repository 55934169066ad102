"""The error raised for SSVC values and arguments that cannot be understood."""

from __future__ import annotations

from .._exceptions import InvalidArgumentError

__all__ = ["SsvcValueError"]


class SsvcValueError(InvalidArgumentError):
    """An SSVC value or argument was not understood.

    It is both a :class:`~futurevuls_ext.FutureVulsError` and a :class:`ValueError`, so
    ``except ValueError`` keeps working for code that treats SSVC parsing like ``int("x")``.
    The message names the offending value and lists the allowed spellings.
    """
