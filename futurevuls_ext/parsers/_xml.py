"""Hardened, streaming XML reading shared by the Nessus and Nmap parsers.

Design (fast *and* defused):

* A **prologue guard** - a pyexpat parser configured like defusedxml (``forbid_entities``,
  ``forbid_external``; parameter entities never parsed) - reads every byte up to the root start
  tag. Any ``<!ENTITY>`` (internal, external, parameter or unparsed), any DOCTYPE naming an
  external DTD (``SYSTEM``/``PUBLIC``) and any external entity reference raise defusedxml's own
  exceptions (``EntitiesForbidden``, ``DTDForbidden``, ``ExternalReferenceForbidden``), turned into
  :class:`ParseError`. A plain ``<!DOCTYPE nmaprun>`` passes. Entities can only be declared before
  the root element, so once the guard has seen the root start tag the rest of the document cannot
  declare any: an entity reference after that point is an "undefined entity" error.
* The document itself is fed in 1 MiB chunks to the C ``xml.etree.ElementTree.XMLPullParser``
  with element events switched off after the root arrives: the tree is built in C, and the
  parser drains finished record elements (``ReportHost``, ``host``) after each chunk and deletes
  them, so memory stays bounded by the largest record plus one chunk.
"""

from __future__ import annotations

import pyexpat
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from typing import BinaryIO

import attrs
from defusedxml.common import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from ._context import ParseContext

__all__ = ["CHUNK_SIZE", "ExpatDriver", "PrologueGuard", "TreeProgress", "harden", "pull_tree", "sniff_root"]

CHUNK_SIZE = 1 << 20


class _RootReached(Exception):
    pass


class PrologueGuard:
    """Checks the bytes before the root element for entity declarations and external DTDs.

    Args:
        allow_doctype: accept a DOCTYPE without an external id (``<!DOCTYPE nmaprun>``).
    """

    def __init__(self, *, allow_doctype: bool = True) -> None:
        self.allow_doctype = allow_doctype
        self.root: str | None = None
        self.root_attrs: dict[str, str] = {}
        p = pyexpat.ParserCreate()
        p.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)
        p.StartDoctypeDeclHandler = self._doctype
        p.EntityDeclHandler = self._entity
        p.UnparsedEntityDeclHandler = self._unparsed
        p.ExternalEntityRefHandler = self._external
        p.StartElementHandler = self._start
        self._parser = p

    @property
    def done(self) -> bool:
        """True once the root start tag was seen (the prologue is clean)."""
        return self.root is not None

    def _doctype(self, name: str, sysid: str | None, pubid: str | None, _has_internal_subset: int) -> None:
        if sysid or pubid or not self.allow_doctype:
            raise DTDForbidden(name, sysid, pubid)

    def _entity(  # noqa: PLR0917 - expat's callback signature
        self,
        name: str,
        _is_parameter: int,
        value: str | None,
        base: str | None,
        sysid: str | None,
        pubid: str | None,
        notation: str | None,
    ) -> None:
        raise EntitiesForbidden(name, value, base, sysid, pubid, notation)

    def _unparsed(self, name: str, base: str | None, sysid: str, pubid: str | None, notation: str) -> None:
        raise EntitiesForbidden(name, None, base, sysid, pubid, notation)

    def _external(self, context: str, base: str | None, sysid: str | None, pubid: str | None) -> int:
        raise ExternalReferenceForbidden(context, base, sysid, pubid)

    def _start(self, name: str, attrs_: dict[str, str]) -> None:
        self.root = name
        self.root_attrs = dict(attrs_)
        raise _RootReached

    def feed(self, data: bytes, *, final: bool = False) -> None:
        """Check more bytes; a no-op once the root was reached.

        Raises:
            DefusedXmlException: a forbidden construct.
            pyexpat.ExpatError: the prologue is not well-formed.
        """
        if self.root is not None:
            return
        try:
            self._parser.Parse(data, final)
        except _RootReached:
            return

    @property
    def position(self) -> str:
        """Current ``line L, column C`` of the guard."""
        return f"line {self._parser.CurrentLineNumber}, column {self._parser.CurrentColumnNumber}"


def harden(parser: pyexpat.XMLParserType, *, allow_doctype: bool = True) -> None:
    """Configure a pyexpat parser like defusedxml: no entity declarations, no external DTD or entities.

    Args:
        parser: a fresh ``pyexpat`` parser.
        allow_doctype: accept a DOCTYPE without an external id (``<!DOCTYPE nmaprun>``).
    """
    guard = PrologueGuard(allow_doctype=allow_doctype)
    parser.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = guard._doctype
    parser.EntityDeclHandler = guard._entity
    parser.UnparsedEntityDeclHandler = guard._unparsed
    parser.ExternalEntityRefHandler = guard._external


class ExpatDriver:
    """Feeds a stream to a hardened pyexpat parser chunk by chunk, turning every failure into ParseError.

    The caller installs its element handlers on :attr:`parser`, then iterates :meth:`chunks`, which
    yields after each chunk (so finished records can be handed out) and raises:

    * :class:`ParseError` for forbidden constructs (entities, external DTDs), malformed XML, an empty
      file, or a read error - with the line and column;
    * :class:`TruncatedReportError` when the document ends before its root is closed.

    Exceptions raised by the caller's handlers (e.g. a rejected root) propagate unchanged.

    Args:
        ctx: the parse context (file name and parser name for messages).
        record_end: a record's end-tag prefix, e.g. ``b"</ReportHost"``; occurrences are counted in
            :attr:`closed` so that, on truncation, the caller can tell whether its last record was complete.
        allow_doctype: accept a DOCTYPE without an external id.
        chunk_size: bytes per read.
    """

    def __init__(
        self,
        ctx: ParseContext,
        *,
        record_end: bytes,
        allow_doctype: bool = True,
        chunk_size: int = CHUNK_SIZE,
    ) -> None:
        self.ctx = ctx
        self.parser = pyexpat.ParserCreate()
        harden(self.parser, allow_doctype=allow_doctype)
        self.parser.buffer_text = True
        self.parser.buffer_size = 1 << 16
        self.record_end = record_end
        self.chunk_size = chunk_size
        self.closed = 0
        self.fed = 0
        self.started = False
        """True once the root start tag was seen (set by the caller's start handler, or by the driver)."""

    @property
    def position(self) -> str:
        """The parser's current ``line L, column C``."""
        return f"line {self.parser.CurrentLineNumber}, column {self.parser.CurrentColumnNumber}"

    def chunks(self, stream: BinaryIO) -> Iterator[None]:
        """Parse ``stream``; yield after every chunk. See the class docstring for the errors."""
        tail = b""
        marker = self.record_end
        parse = self.parser.Parse
        while True:
            try:
                data = stream.read(self.chunk_size)
            except OSError as exc:
                raise self.ctx.error(f"cannot read the report: {exc}", location=f"byte {self.fed}") from exc
            if not data:
                break
            window = tail + data
            self.closed += window.count(marker)
            tail = window[1 - len(marker) :]
            self.fed += len(data)
            self._parse(parse, data, final=False)
            yield
        self._parse(parse, b"", final=True)
        yield

    def _parse(self, parse: Callable[[bytes, bool], int], data: bytes, *, final: bool) -> None:
        try:
            parse(data, final)
        except DefusedXmlException as exc:
            raise self.ctx.error(
                f"forbidden XML construct {exc!r}: entity declarations, external entities and external "
                "DTDs are refused (they enable entity bombs and local file disclosure)",
                location=self.position,
            ) from exc
        except pyexpat.ExpatError as exc:
            where = f"line {exc.lineno}, column {exc.offset}"
            reason = pyexpat.errors.messages[exc.code] if exc.code else str(exc)
            if self.fed == 0:
                raise self.ctx.error("the file is empty", location=where) from exc
            if final and self.started and exc.code in _TRUNCATION_CODES:
                raise self.ctx.truncated(
                    f"the XML ends before its root element is closed ({reason}); the file is cut off",
                    location=where,
                ) from exc
            if not self.started:
                raise self.ctx.error(f"not an XML report: {reason}", location=where) from exc
            raise self.ctx.error(f"malformed XML: {reason}", location=where) from exc
        except RecursionError as exc:  # pragma: no cover - expat has no recursion, handlers neither
            raise self.ctx.error("XML nested too deeply", location=self.position) from exc


_TRUNCATION_CODES = frozenset(
    pyexpat.errors.codes[name]
    for name in (
        pyexpat.errors.XML_ERROR_NO_ELEMENTS,
        pyexpat.errors.XML_ERROR_UNCLOSED_TOKEN,
        pyexpat.errors.XML_ERROR_PARTIAL_CHAR,
        pyexpat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
    )
)


def sniff_root(head: bytes) -> str | None:
    """The root element name of an XML document from its first bytes, or None if not XML.

    Entity declarations in the prologue do not hide the root: the sniffer only looks.
    """
    found: list[str] = []

    def start(name: str, _attrs: dict[str, str]) -> None:
        found.append(name)
        raise _RootReached

    def ignore(*_args: object) -> None:
        return None

    p = pyexpat.ParserCreate()
    p.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)
    p.StartElementHandler = start
    p.EntityDeclHandler = ignore
    p.ExternalEntityRefHandler = lambda *_a: 1
    try:
        p.Parse(head, False)
    except _RootReached:
        pass
    except (pyexpat.ExpatError, ValueError, DefusedXmlException):
        return None
    return found[0] if found else None


@attrs.define
class TreeProgress:
    """The tree after one more chunk was parsed."""

    root: ET.Element
    """The root element; finished children are still attached until the caller deletes them."""
    final: bool
    """True when the whole document was parsed: every element is complete."""
    closed: int
    """How many end tags of the record element were seen in the bytes fed so far."""
    truncated: bool = False
    """True on the last step of a document cut off before its end (``closed`` tells which records
    of the open chain are complete)."""


def _expat_location(exc: ET.ParseError) -> str:
    line, column = getattr(exc, "position", (0, 0))
    return f"line {line}, column {column}"


def _reason(exc: BaseException) -> str:
    text = str(exc)
    return text.split(": line ", maxsplit=1)[0] if ": line " in text else text


def pull_tree(
    stream: BinaryIO,
    ctx: ParseContext,
    *,
    record_end: bytes,
    check_root: Callable[[str, dict[str, str]], None],
    allow_doctype: bool = True,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[TreeProgress]:
    """Parse ``stream`` chunk by chunk, yielding the growing tree after each chunk.

    The caller deletes finished record elements after each step. Elements that are not the last
    child of their parent are complete; with ``final`` everything is. On a malformed document the
    last progress is yielded (``final=False``) and :class:`ParseError` is raised; on a document cut
    off before its end, :class:`TruncatedReportError` is raised after the last progress.

    Args:
        stream: binary input.
        ctx: the parse context (for error messages).
        record_end: the record's end tag prefix, e.g. ``b"</ReportHost"`` (counted in ``closed``).
        check_root: called with the root name and attributes before any record; raises to reject.
        allow_doctype: accept a DOCTYPE without an external id.
        chunk_size: bytes per read.
    """
    guard = PrologueGuard(allow_doctype=allow_doctype)
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start",))
    root: ET.Element | None = None
    closed = 0
    tail = b""
    fed = 0
    while True:
        try:
            data = stream.read(chunk_size)
        except OSError as exc:
            raise ctx.error(f"cannot read the report: {exc}", location=f"byte {fed}") from exc
        if not data:
            break
        if not guard.done:
            _feed_guard(guard, data, ctx)
            if guard.root is not None:
                check_root(guard.root, guard.root_attrs)
        window = tail + data
        closed += window.count(record_end)
        tail = window[-(len(record_end) - 1) :]
        fed += len(data)
        try:
            parser.feed(data)
        except ET.ParseError as exc:
            if root is not None:
                yield TreeProgress(root=root, final=False, closed=closed)
            raise ctx.error(f"malformed XML: {_reason(exc)}", location=_expat_location(exc)) from exc
        if root is None:
            root = _take_root(parser)
        if root is not None:
            yield TreeProgress(root=root, final=False, closed=closed)
    if not guard.done:
        _feed_guard(guard, b"", ctx, final=True)
    try:
        parser.close()
    except ET.ParseError as exc:
        location = _expat_location(exc)
        if root is None:
            what = "the file is empty" if fed == 0 else f"no XML root element ({_reason(exc)})"
            raise ctx.error(what, location=location) from exc
        yield TreeProgress(root=root, final=False, closed=closed, truncated=True)
        raise ctx.truncated(
            f"the XML ends before its last element is closed ({_reason(exc)}); the file is cut off",
            location=location,
        ) from exc
    if root is None:
        root = _take_root(parser)
    if root is None:  # pragma: no cover - close() succeeded, so there was a root
        raise ctx.error("no XML root element", location=f"byte {fed}")
    yield TreeProgress(root=root, final=True, closed=closed)


def _feed_guard(guard: PrologueGuard, data: bytes, ctx: ParseContext, *, final: bool = False) -> None:
    try:
        guard.feed(data, final=final)
    except DefusedXmlException as exc:
        raise ctx.error(
            f"forbidden XML construct {exc!r}: entity declarations, external entities and external DTDs "
            "are refused (they enable entity bombs and local file disclosure)",
            location=guard.position,
        ) from exc
    except pyexpat.ExpatError as exc:
        where = f"line {exc.lineno}, column {exc.offset}"
        if exc.code == pyexpat.errors.codes[pyexpat.errors.XML_ERROR_NO_ELEMENTS] and final:
            raise ctx.error("the file is empty or holds no XML element", location=where) from exc
        raise ctx.error(f"not an XML document: {_reason(exc)}", location=where) from exc


def _take_root(parser: ET.XMLPullParser[ET.Element]) -> ET.Element | None:
    root: ET.Element | None = None
    for event in parser.read_events():
        elem: object = event[-1]
        if root is None and isinstance(elem, ET.Element):
            root = elem
    if root is not None:
        inner = getattr(parser, "_parser", None)
        setevents = getattr(inner, "_setevents", None)
        if setevents is not None:  # stop element events: the tree is then built entirely in C
            setevents(parser._events_queue, ())  # type: ignore[attr-defined]
    return root
