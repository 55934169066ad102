"""A path-aware walk over the hardened expat driver, for XML reports whose records nest.

OpenVAS, Qualys XML, Burp and ZAP reports reuse element names at several depths (an OpenVAS
``<result>`` also appears inside ``<detection>`` and ``<delta>``; ``<host>`` inside ``<ports>``), so
their parsers need the parent of an element, not only its name. :class:`PathWalker` keeps the stack
of open element names and calls per-tag start/end callbacks; a start callback may ask for the
element's text with :meth:`PathWalker.capture`, which the end callback then reads with
:meth:`PathWalker.text`. Text is the character data before the element's first child (as
``ElementTree``'s ``text``), collected only for captured elements, so a report's bulky free text
(HTTP requests, descriptions) is never held.

Everything the driver refuses (entity declarations, external entities, malformed XML, huge tokens)
is refused the same way; :meth:`PathWalker.records` hands out the records the callbacks finish.
"""

from __future__ import annotations

import pyexpat
from collections.abc import Callable, Iterator, Mapping
from typing import BinaryIO, TypeVar

from defusedxml.common import DefusedXmlException

from .._exceptions import ParseError
from ._context import ParseContext
from ._errors import TruncatedReportError
from ._xml import ExpatDriver, harden

__all__ = ["PathWalker", "sniff_root_any_dtd"]

T = TypeVar("T")
StartFn = Callable[[dict[str, str]], None]
EndFn = Callable[[], None]


def _any_doctype(_name: str, _sysid: str | None, _pubid: str | None, _internal: int) -> None:
    """A DOCTYPE handler that accepts an external id (which expat then never reads)."""


class _Root(Exception):
    pass


def sniff_root_any_dtd(head: bytes) -> str | None:
    """Like :func:`~futurevuls_ext.parsers._xml.sniff_root`, but a DOCTYPE naming an external DTD is fine.

    Entity declarations still make it answer None.
    """
    found: list[str] = []

    def start(name: str, _attrs: dict[str, str]) -> None:
        found.append(name)
        raise _Root

    p = pyexpat.ParserCreate()
    harden(p)
    p.StartDoctypeDeclHandler = _any_doctype
    p.StartElementHandler = start
    try:
        p.Parse(head, False)
    except _Root:
        pass
    except (pyexpat.ExpatError, ValueError, DefusedXmlException):
        return None
    return found[0] if found else None


class PathWalker:
    """Start/end dispatch by tag with the open-element stack (see the module docstring).

    Args:
        ctx: the parse context.
        record_end: end-tag prefix of a record (``b"</result"``), counted by the driver.
        root: called with the root tag and attributes before anything else; raises to reject it.
        starts: tag -> callback(attrs), called after the tag is pushed on :attr:`stack`.
        ends: tag -> callback(), called while the tag is still on :attr:`stack`.
        allow_doctype: accept a DOCTYPE without an external id (and its internal ELEMENT/ATTLIST
            declarations); entity declarations are always refused.
        external_dtd: also accept a DOCTYPE naming an external DTD (Qualys writes
            ``<!DOCTYPE SCAN SYSTEM "https://.../scan-1.dtd">``). The DTD is never fetched or read:
            parameter entities are never parsed and every external entity reference is refused.
    """

    def __init__(
        self,
        ctx: ParseContext,
        *,
        record_end: bytes,
        root: Callable[[str, dict[str, str]], None],
        starts: Mapping[str, StartFn],
        ends: Mapping[str, EndFn],
        allow_doctype: bool = True,
        external_dtd: bool = False,
    ) -> None:
        self.driver = ExpatDriver(ctx, record_end=record_end, allow_doctype=allow_doctype)
        if external_dtd:
            self.driver.parser.StartDoctypeDeclHandler = _any_doctype
        self.stack: list[str] = []
        """Names of the open elements, root first."""
        self._buf: list[str] = []
        self._texts: dict[int, str] = {}  # depth -> captured text of the open element there
        self._cap = 0  # depth of the element whose text is being collected (0: none)
        parser = self.driver.parser
        stack = self.stack
        push, pop = stack.append, stack.pop
        start_of, end_of = starts.get, ends.get
        buf = self._buf
        texts = self._texts

        def start(tag: str, attrs: dict[str, str]) -> None:
            if self._cap:
                self._stop()
            push(tag)
            fn = start_of(tag)
            if fn is not None:
                fn(attrs)

        def end(tag: str) -> None:
            if self._cap:
                self._stop()
            fn = end_of(tag)
            if fn is not None:
                fn()
            if texts:
                texts.pop(len(stack), None)
            pop()

        def first(tag: str, attrs: dict[str, str]) -> None:
            self.driver.started = True
            root(tag, attrs)
            parser.StartElementHandler = start
            start(tag, attrs)

        self._collect = buf.append
        parser.StartElementHandler = first
        parser.EndElementHandler = end

    def _stop(self) -> None:
        buf = self._buf
        self._texts[self._cap] = buf[0] if len(buf) == 1 else "".join(buf)
        buf.clear()
        self._cap = 0
        self.driver.parser.CharacterDataHandler = None

    def capture(self) -> None:
        """Collect the text of the element just started (up to its first child or its end)."""
        self._buf.clear()
        self._cap = len(self.stack)
        self.driver.parser.CharacterDataHandler = self._collect

    def text(self) -> str:
        """In an end callback: the captured text of the element ending ('' when it was not captured)."""
        return self._texts.pop(len(self.stack), "") if self._texts else ""

    def parent(self, level: int = 1) -> str:
        """The name of the ``level``-th ancestor of the element being handled ('' above the root)."""
        stack = self.stack
        return stack[-1 - level] if len(stack) > level else ""

    def records(
        self, stream: BinaryIO, done: list[T], *, what: str, finish: Callable[[bool], None] | None = None
    ) -> Iterator[T]:
        """Parse ``stream`` and yield the records the callbacks append to ``done``, chunk by chunk.

        On truncation ``finish(True)`` may complete a pending record before the complete ones are
        yielded and :class:`TruncatedReportError` is re-raised; on success ``finish(False)`` runs at
        the end. Other errors yield what was complete, then propagate.
        """
        try:
            yield from self.driver.pump(stream, self._buf, done, what=what)
        except TruncatedReportError:
            if finish is not None:
                finish(True)
            yield from done
            raise
        except ParseError:
            yield from done
            raise
        if finish is not None:
            finish(False)
        yield from done
        done.clear()
