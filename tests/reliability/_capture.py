"""Capture every log line (root at DEBUG, httpx/httpcore included) as text, and find a secret in text."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["LogCapture", "capture_logs", "describe_exception", "leaks"]

LOGGERS = ("", "httpx", "httpcore", "hpack", "h11", "asyncio", "anyio", "futurevuls_ext", "urllib3")


class LogCapture(logging.Handler):
    """Keeps each record as text: the formatted line, its raw message and arguments, extras, traceback."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        """Store everything a log handler could ever print for this record."""
        parts = [self.format(record), repr(record.msg), repr(record.args), repr(vars(record))]
        if record.exc_info and record.exc_info[1] is not None:
            parts.append("".join(traceback.format_exception(record.exc_info[1])))
        self.lines.append("\n".join(parts))

    @property
    def text(self) -> str:
        """Every captured record."""
        return "\n".join(self.lines)


@contextmanager
def capture_logs() -> Iterator[LogCapture]:
    """Root and the HTTP libraries' loggers at DEBUG into one capture; levels restored afterwards."""
    handler = LogCapture()
    saved = {name: logging.getLogger(name).level for name in LOGGERS}
    root = logging.getLogger()
    root.addHandler(handler)
    for name in LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)


def describe_exception(exc: BaseException) -> str:
    """str, repr, args, attributes and the full chained traceback of an exception."""
    return "\n".join(
        [str(exc), repr(exc), repr(exc.args), repr(vars(exc)), "".join(traceback.format_exception(exc))]
    )


def leaks(secret: str, text: str, *, window: int = 12) -> list[str]:
    """Where ``secret`` (or any ``window``-character piece of it) occurs in ``text``; empty when clean."""
    found = []
    for start in range(len(secret) - window + 1):
        piece = secret[start : start + window]
        at = text.find(piece)
        if at >= 0:
            found.append(text[max(0, at - 120) : at + len(piece) + 120])
            break
    return found
