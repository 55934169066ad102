r"""Text from a report or a server, made safe to show on a terminal or in a log line.

A host name in a report (nuclei ``host``, a Qualys DNS cell) or a server name from the API can hold
ANSI escapes, carriage returns and newlines: printed raw they clear the screen, recolour it, or forge
log lines. Every human-readable output (CLI text, ``summary()``, reprs) passes such values through
:func:`printable`; machine output (``--json``, ``to_dict()``) keeps them exact.

Non-printable characters (``str.isprintable()`` is False: C0/C1 controls, DEL, line and paragraph
separators, bidi and other format characters) become Python escapes: ``"a\x1b[2Jb"`` shows as
``a\x1b[2Jb``, ``"web\nERROR"`` as ``web\nERROR``.
"""

from __future__ import annotations

from typing import TextIO

__all__ = ["EscapingWriter", "printable"]


def _escape(ch: str) -> str:
    return ch.encode("unicode_escape").decode("ascii")


def printable(value: object) -> str:
    r"""``str(value)`` with every non-printable character escaped (newlines included).

    Example:
        >>> print(printable("web01\x1b[2J\r\nINFO forged"), printable("plain host"))
        web01\x1b[2J\r\nINFO forged plain host
    """
    text = value if isinstance(value, str) else str(value)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def _printable_keeping(text: str, keep: str) -> str:
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch in keep else _escape(ch) for ch in text)


class EscapingWriter:
    """A text stream wrapper for the CLI's human-readable output: control characters are escaped.

    Newlines and tabs the program writes pass (they lay out the text); every other non-printable
    character is escaped, whatever value carried it. Values that may hold a newline of their own are
    escaped with :func:`printable` where they are formatted; this is the net under those.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` with its control characters (except newline and tab) escaped."""
        self._stream.write(_printable_keeping(text, "\n\t"))
        return len(text)

    def flush(self) -> None:
        """Flush the wrapped stream."""
        self._stream.flush()

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)
