"""The one redaction helper: secrets (the API token) out of every message, exception, log line and output.

Whatever a server sends back (a 401 body quoting the token, a reason phrase, a header) or whatever a
value happens to contain, text that leaves the SDK goes through :class:`Redactor` first:

* exceptions raised by the clients are redacted in place at the shell boundary (:meth:`Redactor.guard`),
  message, attributes, JSON ``body`` and the whole ``__cause__`` / ``__context__`` chain;
* log records of ``httpx``, ``httpcore`` and the SDK's loggers pass :class:`RedactingFilter`, which knows
  every token a client of this process was given (:func:`register_secret`);
* the command line writes through :func:`redacting_stdio`.

Not only the whole token is replaced: every run of text that is a piece of it at least
:data:`PIECE` characters long becomes :data:`MASK`, so a server that echoes a truncated token does not
leak most of it either. Secrets shorter than :data:`MIN_SECRET` characters are not searched for (they
would match ordinary words; real FutureVuls tokens are far longer).
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any, Final, Literal, TextIO

__all__ = [
    "MASK",
    "MIN_SECRET",
    "PIECE",
    "RedactingFilter",
    "Redactor",
    "get_logger",
    "install_log_filter",
    "redact_text",
    "redacting_stdio",
    "register_secret",
    "registered",
]

MASK: Final = "***"
PIECE: Final = 12
"""Any piece of a secret this long (or the whole secret, if shorter) is masked."""
MIN_SECRET: Final = 8
"""Secrets shorter than this are ignored."""
MAX_DEPTH: Final = 256
"""Values nested deeper than this (a hostile body) are replaced by :data:`MASK` below that depth."""
LOGGERS: Final = ("httpx", "httpcore", "futurevuls_ext")


def _pieces(secrets: Iterable[str]) -> tuple[str, ...]:
    found: set[str] = set()
    for secret in secrets:
        if len(secret) < MIN_SECRET:
            continue
        size = min(PIECE, len(secret))
        found.update(secret[i : i + size] for i in range(len(secret) - size + 1))
    return tuple(sorted(found))


class Redactor:
    """Masks given secrets (and every :data:`PIECE`-character piece of them) in text and values.

    Example:
        >>> Redactor(["fvgr-0123456789abcdef"]).text("bad token fvgr-0123456789abcdef!")
        'bad token ***!'
    """

    __slots__ = ("_guard", "_pieces")

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._pieces = _pieces(secrets)
        self._guard = _Guard(self)

    def __bool__(self) -> bool:
        return bool(self._pieces)

    def text(self, text: str) -> str:
        """``text`` with every secret piece replaced by :data:`MASK` (the same object when clean)."""
        spans: list[tuple[int, int]] = []
        for piece in self._pieces:
            at = text.find(piece)
            while at >= 0:
                spans.append((at, at + len(piece)))
                at = text.find(piece, at + 1)
        if not spans:
            return text
        spans.sort()
        out: list[str] = []
        done = 0
        for start, end in spans:
            if start > done or not out:
                out.append(text[done:start])
                out.append(MASK)
            done = max(done, end)
        out.append(text[done:])
        return "".join(out)

    def value(self, value: Any) -> Any:
        """A copy of a JSON-like value (dicts, lists, strings...) with every string redacted.

        Iterative, so a hostile body nested 100k levels deep does not raise ``RecursionError``; a tuple
        at the top stays a tuple, nested tuples come back as lists.
        """
        if not self._pieces:
            return value
        if isinstance(value, tuple):
            return tuple(self.value(list(value)))
        root: list[Any] = [value]
        stack: list[tuple[Any, Any, int]] = [(root, 0, 0)]
        while stack:
            parent, key, depth = stack.pop()
            item = parent[key]
            if isinstance(item, str):
                parent[key] = self.text(item)
            elif isinstance(item, bytes):
                clean = self.text(item.decode("utf-8", "replace"))
                parent[key] = item if clean == item.decode("utf-8", "replace") else clean.encode()
            elif isinstance(item, dict | list | tuple) and depth >= MAX_DEPTH:
                parent[key] = MASK
            elif isinstance(item, dict):
                copy = {self.text(k) if isinstance(k, str) else k: v for k, v in item.items()}
                parent[key] = copy
                stack.extend((copy, k, depth + 1) for k in copy)
            elif isinstance(item, list | tuple):
                items = list(item)
                parent[key] = items
                stack.extend((items, i, depth + 1) for i in range(len(items)))
        return root[0]

    def exception(self, exc: BaseException) -> BaseException:
        """Redact ``exc`` in place: args, string/list/body attributes, notes, and its chained causes."""
        if not self._pieces:
            return exc
        seen: set[int] = set()
        stack: list[BaseException] = [exc]
        while stack:
            current = stack.pop()
            if id(current) in seen:
                continue
            seen.add(id(current))
            self._scrub(current)
            stack.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        return exc

    def _scrub(self, exc: BaseException) -> None:
        with contextlib.suppress(AttributeError, TypeError):
            exc.args = tuple(self._arg(arg) for arg in exc.args)
        attributes = getattr(exc, "__dict__", None)
        if isinstance(attributes, dict):
            for name, attr in list(attributes.items()):
                if _is_data(attr):
                    with contextlib.suppress(AttributeError, TypeError):
                        setattr(exc, name, self.value(attr))
        notes = getattr(exc, "__notes__", None)
        if isinstance(notes, list):
            notes[:] = [self.text(note) if isinstance(note, str) else note for note in notes]

    def _arg(self, arg: object) -> object:
        """A data argument redacted; any other object replaced by its redacted repr if that shows a secret."""
        if _is_data(arg):
            return self.value(arg)
        try:
            shown = repr(arg)
        except Exception:
            return arg
        clean = self.text(shown)
        return arg if clean is shown else clean

    def guard(self) -> _Guard:
        """Redact any exception raised inside the block before it propagates (same object, same traceback).

        One context manager per redactor, used by every call (it keeps no state of its own).
        """
        return self._guard


class _Guard:
    """The context manager of :meth:`Redactor.guard`: an exception leaving the block is redacted."""

    __slots__ = ("_redactor",)

    def __init__(self, redactor: Redactor) -> None:
        self._redactor = redactor

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> Literal[False]:
        if isinstance(exc, Exception):
            self._redactor.exception(exc)
        return False


def _is_data(value: object) -> bool:
    return isinstance(value, str | bytes | list | tuple | dict)


def redact_text(text: str, secrets: Iterable[str]) -> str:
    """``text`` with ``secrets`` (and their pieces) masked; see :class:`Redactor`."""
    return Redactor(secrets).text(text)


# --- the process-wide registry, for log records and the command line ---------------------------------


class _Registry:
    """Every secret registered in this process, and a :class:`Redactor` for them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.secrets: set[str] = set()
        self.redactor = Redactor()


_REGISTRY = _Registry()


def register_secret(secret: str | None) -> None:
    """Remember ``secret`` so that :class:`RedactingFilter` and :func:`redacting_stdio` mask it.

    Clients register their token when they are created; the filter is installed on the ``httpx``,
    ``httpcore`` and ``futurevuls_ext`` loggers on first use.
    """
    if secret is None or len(secret) < MIN_SECRET:
        return
    with _REGISTRY.lock:  # the filter also goes on loggers created since the last registration
        if secret not in _REGISTRY.secrets:
            _REGISTRY.secrets.add(secret)
            _REGISTRY.redactor = Redactor(_REGISTRY.secrets)
        install_log_filter()


def registered() -> Redactor:
    """A :class:`Redactor` for every secret registered so far."""
    return _REGISTRY.redactor


class RedactingFilter(logging.Filter):
    """A logging filter that masks registered secrets in a record's message, arguments and extras.

    Attach it to any handler (the CLI does) or logger; it never drops a record.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite ``record`` when its text contains a secret; always keep it."""
        redactor = _REGISTRY.redactor
        if not redactor:
            return True
        try:
            message = record.getMessage()
        except Exception:
            message = str(record.msg)
        clean = redactor.text(message)
        if clean is not message:
            record.msg = clean
            record.args = None
        for name, attr in list(vars(record).items()):
            if name not in _RECORD_FIELDS and _is_data(attr):
                setattr(record, name, redactor.value(attr))
        if record.exc_info and record.exc_info[1] is not None:
            redactor.exception(record.exc_info[1])
            record.exc_text = None
        return True


_RECORD_FIELDS: Final = frozenset(vars(logging.LogRecord("n", 0, "p", 0, "m", None, None))) | {
    "message",
    "asctime",
}
_FILTER = RedactingFilter()


def install_log_filter() -> None:
    """Add the one :class:`RedactingFilter` to the HTTP libraries' and the SDK's loggers (idempotent).

    Covers ``httpx``, ``httpcore``, ``futurevuls_ext`` and every child logger that exists already.
    """
    names = list(LOGGERS)
    names += [
        n for n in list(logging.root.manager.loggerDict) if n.startswith(tuple(f"{p}." for p in LOGGERS))
    ]
    for name in names:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


def get_logger(name: str) -> logging.Logger:
    """``logging.getLogger(name)`` with the :class:`RedactingFilter` attached; the SDK's modules use it."""
    logger = logging.getLogger(name)
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
    return logger


class _RedactingStream:
    """A text stream that masks secrets in everything written through it."""

    def __init__(self, stream: TextIO, clean: Callable[[str], str]) -> None:
        self._stream = stream
        self._clean = clean

    def write(self, text: str) -> int:
        self._stream.write(self._clean(text) if isinstance(text, str) else text)
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _clean_registered(text: str) -> str:
    return _REGISTRY.redactor.text(text)


@contextlib.contextmanager
def redacting_stdio(*secrets: str | None) -> Iterator[None]:
    """Within the block, ``sys.stdout`` and ``sys.stderr`` mask ``secrets`` and every registered secret.

    The registry is consulted at each write, so a client created inside the block is covered too.
    """
    for secret in secrets:
        register_secret(secret)
    saved = sys.stdout, sys.stderr
    sys.stdout = _RedactingStream(saved[0], _clean_registered)
    sys.stderr = _RedactingStream(saved[1], _clean_registered)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
