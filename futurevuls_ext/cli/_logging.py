"""The command line's log output on stderr: ``-v`` / ``-vv`` for more, ``-q`` for errors only.

By default only what happens *while* a command runs is shown (retries and rate-limit waits, WARNING):
what a command did is in its own output. ``-v`` adds every INFO record of the SDK (skipped records, the
import's counts, healed duplicates, retries), ``-vv`` DEBUG; ``-q`` shows errors only and no progress.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["LIVE_LOGGERS", "cli_logging", "log_level"]

LIVE_LOGGERS = ("futurevuls_ext.retry", "futurevuls_ext.transport")
"""Loggers shown at the default verbosity: events of a running command, not its results."""


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"futurevuls-ext: {record.levelname.lower()}: {record.getMessage()}"


def log_level(verbose: int, quiet: bool) -> int:
    """The stderr threshold for ``-v`` count and ``-q``."""
    if quiet:
        return logging.ERROR
    return logging.DEBUG if verbose >= 2 else logging.INFO if verbose == 1 else logging.WARNING


def _live(record: logging.LogRecord) -> bool:
    return record.name.startswith(LIVE_LOGGERS) or record.levelno >= logging.ERROR


@contextmanager
def cli_logging(verbose: int, quiet: bool) -> Iterator[None]:
    """Send the SDK's log records to stderr for one command, then remove the handler again."""
    level = log_level(verbose, quiet)
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(level)
    handler.setFormatter(_Formatter())
    if not verbose and not quiet:
        handler.addFilter(_live)
    logger = logging.getLogger("futurevuls_ext")
    previous = logger.level
    logger.setLevel(level)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
