"""A path-aware walk over the hardened expat driver, for XML reports whose records nest.

OpenVAS, Qualys XML, Burp and ZAP reports reuse element names at several depths (an OpenVAS
``<result>`` also appears inside ``<detection>`` and ``<delta>``; ``<host>`` inside ``<ports>``), so
their parsers need the parent of an element, not only its name. :class:`PathWalker` keeps the stack
of open element names and calls per-tag start/end callbacks; a start callback may send the
element's text to a sink with :meth:`PathWalker.capture`. Text is collected only for captured
elements, so a report's bulky free text (HTTP requests, descriptions) is never held.

Speed: the only Python callback per element is the start handler (as in the Nessus and Nmap
parsers); end tags are recorded by a C-level ``list.append`` and processed at the next start tag.

Everything the driver refuses (entity declarations, external entities, malformed XML, huge tokens)
is refused the same way; :meth:`PathWalker.records` hands out the records the callbacks finish.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import BinaryIO, Generic, TypeVar

from .._exceptions import ParseError
from ._context import ParseContext
from ._errors import TruncatedReportError
from ._xml import ExpatDriver, sniff_root

__all__ = ["EndFn", "FlatWalk", "PathWalker", "StartFn", "sniff_root_any_dtd"]

T = TypeVar("T")
StartFn = Callable[[dict[str, str]], None]
EndFn = Callable[[], None]


def _any_doctype(_name: str, _sysid: str | None, _pubid: str | None, _internal: int) -> None:
    """A DOCTYPE handler that accepts an external id (which expat then never reads)."""


def sniff_root_any_dtd(head: bytes) -> str | None:
    """Like :func:`~futurevuls_ext.parsers._xml.sniff_root`, but a DOCTYPE naming an external DTD is fine.

    Entity declarations still make it answer None.
    """
    return sniff_root(head, doctype=_any_doctype)


class PathWalker:
    """Start dispatch by tag with the open-element stack, end callbacks run lazily (module docstring).

    Only the start-element handler is a Python callback: expat appends the names of ended elements to
    a list (a C-level ``list.append``), and the next start tag (or the end of the input) pops them from
    :attr:`stack`, calling the ``ends`` callback of each ended element that has one, in document order
    and while the element is still on top of :attr:`stack`. Captured text is delivered to its sink first.

    Args:
        ctx: the parse context.
        record_end: end-tag prefix of a record (``b"</result"``), counted by the driver.
        root: called with the root tag and attributes before anything else; raises to reject it.
        starts: tag -> callback(attrs), called after the tag is pushed on :attr:`stack`.
        ends: tag -> callback(), called (lazily) while the tag is still on :attr:`stack`.
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
        """Names of the open elements, root first (exact inside every callback)."""
        self._buf: list[str] = []
        self._ended: list[str] = []
        self._pending: list[Callable[[str], None]] = []  # the sink of the text being captured (0 or 1)
        self._end_tags = frozenset(ends)
        self._end_of = ends.get
        parser = self.driver.parser
        stack = self.stack
        push = stack.append
        handlers = dict(starts)
        ended = self._ended
        clear_ended = ended.clear
        end_tags = self._end_tags
        no_end_callback = end_tags.isdisjoint
        pending = self._pending
        deliver, sync = self._deliver, self._sync

        def start(tag: str, attrs: dict[str, str]) -> None:
            if pending:
                deliver()
            if ended:  # pop the elements ended since the last start tag (their end tags were appended)
                if len(ended) == 1:  # the common case: a leaf ended
                    if ended[0] in end_tags:
                        sync()
                    else:
                        del stack[-1]
                        clear_ended()
                elif no_end_callback(ended):
                    del stack[-len(ended) :]
                    clear_ended()
                else:
                    sync()
            push(tag)
            if tag in handlers:  # a containment test: cheaper than a call for the many tags passed over
                handlers[tag](attrs)

        def first(tag: str, attrs: dict[str, str]) -> None:
            self.driver.started = True
            root(tag, attrs)
            parser.StartElementHandler = start
            start(tag, attrs)

        self._collect = self._buf.append
        parser.StartElementHandler = first
        parser.EndElementHandler = ended.append

    def _deliver(self) -> None:
        buf = self._buf
        text = buf[0] if len(buf) == 1 else "".join(buf)
        buf.clear()
        sink = self._pending.pop()
        self.driver.parser.CharacterDataHandler = None
        sink(text)

    def _sync(self) -> None:
        ended, stack = self._ended, self.stack
        end_of = self._end_of
        for tag in ended:
            fn = end_of(tag)
            if fn is not None:
                fn()
            stack.pop()
        ended.clear()

    def flush(self) -> None:
        """Deliver the captured text and run the pending end callbacks (at the end of the input)."""
        if self._pending:
            self._deliver()
        if self._ended:
            self._sync()

    def capture(self, sink: Callable[[str], None]) -> None:
        """Send the text of the element just started to ``sink`` (character data up to the next start tag).

        The text ends at the element's first child or, for a leaf, at the next start tag: what follows
        the end tag before it is blank in the reports read here, and callers strip it.
        """
        if self._pending:
            self._deliver()
        self._buf.clear()
        self._pending.append(sink)
        self.driver.parser.CharacterDataHandler = self._collect

    def parent(self, level: int = 1) -> str:
        """The name of the ``level``-th ancestor of the element being handled ('' above the root)."""
        stack = self.stack
        return stack[-1 - level] if len(stack) > level else ""

    def records(
        self, stream: BinaryIO, done: list[T], *, what: str, finish: Callable[[bool], None] | None = None
    ) -> Iterator[T]:
        """Parse ``stream`` and yield the records the callbacks append to ``done``, chunk by chunk.

        On truncation the records whose end tag was read are completed, ``finish(True)`` may add
        more, they are yielded and :class:`TruncatedReportError` is re-raised; on success
        ``finish(False)`` runs at the end. Other errors yield what was complete, then propagate.
        """
        try:
            for batch in self.driver.pump(stream, self._buf, done, what=what):
                yield from batch
        except TruncatedReportError:
            self.flush()
            if finish is not None:
                finish(True)
            yield from done
            raise
        except ParseError:
            self._pending.clear()
            if self._ended:
                self._sync()
            yield from done
            raise
        self.flush()
        if finish is not None:
            finish(False)
        yield from done
        done.clear()


class FlatWalk(Generic[T]):
    """A single-start-handler walk (Burp, ZAP, Qualys SCAN): the driver, the root check, the record tail.

    The format's start handler collects element text into :attr:`buf`, switching
    ``parser.CharacterDataHandler`` on for an element whose text it wants and off again when it stores
    that text (so the handler is set exactly while text is being collected); it counts the records it
    starts in :attr:`started` and appends the records it completes to :attr:`done`.

    Args:
        ctx: the parse context.
        record_end: a record's end-tag prefix (``b"</issue>"``), counted by the driver.
        root: the root element the format has.
        refusal: what to tell the user about another root (``"expected SCAN"``).
    """

    def __init__(self, ctx: ParseContext, *, record_end: bytes, root: str, refusal: str) -> None:
        self.ctx = ctx
        self.driver = ExpatDriver(ctx, record_end=record_end)
        self.parser = self.driver.parser
        self.buf: list[str] = []
        """The text of the element being collected."""
        self.done: list[T] = []
        """Completed records, handed out after each chunk."""
        self.started = 0
        """How many records the start handler opened."""
        self._root = root
        self._refusal = refusal

    def records(
        self,
        stream: BinaryIO,
        start: Callable[[str, dict[str, str]], None] | Callable[[str, list[str]], None],
        *,
        what: str,
        flush: Callable[[], None],
        finish: Callable[[], None],
    ) -> Iterator[T]:
        """Check the root, run ``start`` for every other start tag, hand out the records (the last one too).

        Args:
            stream: the binary report stream.
            start: the format's start-element handler (attributes as a dict, or as the ordered
                ``[name, value, ...]`` list when the format sets ``parser.ordered_attributes``).
            what: the elements collected, for the too-large-text error.
            flush: stores the text being collected (called at the end of the input when some is).
            finish: completes the open record (appends it to :attr:`done`).

        On a cut file the records before the cut are handed out, the open one only when its end tag was
        read, then :class:`TruncatedReportError` is raised; on any other parse error the completed
        records are handed out before it is raised.
        """
        driver, parser = self.driver, self.parser

        def first(tag: str, _attrs: dict[str, str]) -> None:
            driver.started = True
            if tag != self._root:
                raise self.ctx.error(
                    f"unsupported root <{tag}>: {self._refusal}", location=f"root element <{tag}>"
                )
            parser.StartElementHandler = start

        parser.StartElementHandler = first
        return self._records(stream, what, flush, finish)

    def _records(
        self, stream: BinaryIO, what: str, flush: Callable[[], None], finish: Callable[[], None]
    ) -> Iterator[T]:
        driver, done = self.driver, self.done
        try:
            for batch in driver.pump(stream, self.buf, done, what=what):
                yield from batch
        except TruncatedReportError:
            if self.parser.CharacterDataHandler is not None:
                flush()
            if driver.closed >= self.started:  # the last record's end tag was read
                finish()
            yield from done
            raise
        except ParseError:
            yield from done
            raise
        if self.parser.CharacterDataHandler is not None:
            flush()
        finish()
        yield from done
