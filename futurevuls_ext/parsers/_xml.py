"""Hardened, streaming XML reading shared by the Nessus and Nmap parsers.

Every XML report is read by a pyexpat parser configured like defusedxml's (``forbid_entities``,
``forbid_external``, parameter entities never parsed): any ``<!ENTITY>`` declaration (internal,
external, parameter or unparsed), any DOCTYPE naming an external DTD (``SYSTEM``/``PUBLIC``) and any
external entity reference raise defusedxml's own exceptions (``EntitiesForbidden``, ``DTDForbidden``,
``ExternalReferenceForbidden``) at once, before anything is expanded or fetched; they become
:class:`ParseError`. A plain ``<!DOCTYPE nmaprun>`` passes. Entity bombs, quadratic blowup, XXE
and external DTDs therefore fail on their first declaration, in constant memory.

The parsers install their own start-element handlers (no tree is built; memory is bounded by one
record plus one 1 MiB chunk) and switch the character-data handler on only for the elements whose
text they need, which keeps the cost per element close to a bare expat pass.
"""

from __future__ import annotations

import pyexpat
import re
from collections.abc import Callable, Iterator
from typing import BinaryIO, TypeVar

from defusedxml.common import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from ._context import ParseContext

__all__ = ["CHUNK_SIZE", "ExpatDriver", "PrologueGuard", "harden", "sniff_root"]

CHUNK_SIZE = 1 << 20
T = TypeVar("T")
MAX_TOKEN = 16 << 20
"""Largest single XML token (a start tag with its attributes, a comment...) accepted: 16 MiB."""


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
        if len(record_end) < 2:
            raise ValueError("record_end must be at least 2 bytes (an end-tag prefix such as b'</host')")
        self.record_end = record_end
        self.chunk_size = chunk_size
        self.max_token = MAX_TOKEN
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
        keep = len(marker) - 1
        parse = self.parser.Parse
        while True:
            try:
                data = stream.read(self.chunk_size)
            except OSError as exc:
                raise self.ctx.error(f"cannot read the report: {exc}", location=f"byte {self.fed}") from exc
            if not data:
                break
            # in the chunk, and across its start: the previous reads' last bytes joined to its first ones
            self.closed += data.count(marker) + (tail + data[:keep]).count(marker)
            tail = (tail + data)[-keep:] if len(data) < keep else data[-keep:]
            self.fed += len(data)
            self._parse(parse, data, final=False)
            if self.fed - max(self.parser.CurrentByteIndex, 0) > self.max_token:
                raise self.ctx.error(
                    f"a single XML token (tag, attribute value or comment) is larger than "
                    f"{self.max_token >> 20} MiB; this is not a scanner report",
                    location=self.position,
                )
            yield
        self._parse(parse, b"", final=True)
        yield

    def pump(
        self,
        stream: BinaryIO,
        text: list[str],
        done: list[T],
        *,
        what: str,
        between: Callable[[], None] | None = None,
    ) -> Iterator[list[T]]:
        """Parse ``stream`` and hand out ``done``, the records the handlers appended, after each chunk.

        The caller yields each batch's records (``for batch in pump(...): yield from batch``): one
        generator level less per record than yielding them from here. ``done`` is cleared when the
        next batch is asked for.

        ``text`` is the caller's buffer of collected element text: one element's text over
        :data:`MAX_TOKEN` characters raises :class:`ParseError` naming ``what`` (the elements collected).
        ``between`` is called after each chunk is parsed (before its records are handed out).
        Raises as :meth:`chunks` does; records completed before an error are left in ``done``.
        """
        for _ in self.chunks(stream):
            if between is not None:
                between()
            if text and sum(map(len, text)) > MAX_TOKEN:
                raise self.ctx.error(
                    f"the text of one {what} element is larger than {MAX_TOKEN >> 20} MiB",
                    location=self.position,
                )
            if done:
                yield done
                done.clear()

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
            if not self.started and exc.code == _MISPLACED_DECLARATION:
                raise self.ctx.error(
                    f"not an XML report: {reason} (a comment or text, such as an SPDX licence header, comes "
                    "before the <?xml ...?> declaration, which must be first): delete everything before "
                    "'<?xml' and import the file again",
                    location=where,
                ) from exc
            if not self.started:
                raise self.ctx.error(f"not an XML report: {reason}", location=where) from exc
            raise self.ctx.error(
                f"malformed XML: {reason}{_control_hint(exc.code, data)}", location=where
            ) from exc
        except (ValueError, LookupError) as exc:
            if self.started:
                raise  # from a handler: not about the document's encoding
            # expat reads UTF-8, UTF-16, ISO-8859-1 and ASCII itself and single-byte codecs through
            # Python; a multi-byte (Shift_JIS, EUC-JP, UTF-7) or unknown declared encoding lands here
            encoding = _declared(data)
            raise self.ctx.error(
                f"the XML declaration names encoding {encoding!r}, which the XML parser cannot read "
                "(it reads UTF-8, UTF-16 and single-byte encodings); convert the file to UTF-8 "
                f'(iconv -f {encoding} -t UTF-8) and change its declaration to encoding="UTF-8"',
                location="line 1",
            ) from exc
        except RecursionError as exc:  # pragma: no cover - expat has no recursion, handlers neither
            raise self.ctx.error("XML nested too deeply", location=self.position) from exc


_MISPLACED_DECLARATION = pyexpat.errors.codes[pyexpat.errors.XML_ERROR_MISPLACED_XML_PI]
_INVALID_TOKEN = pyexpat.errors.codes[pyexpat.errors.XML_ERROR_INVALID_TOKEN]
_BAD_CHAR_REF = pyexpat.errors.codes[pyexpat.errors.XML_ERROR_BAD_CHAR_REF]
_CONTROL_BYTE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _control_hint(code: int | None, data: bytes) -> str:
    """What to do when a scanner copied raw tool output (terminal colours, Nikto results) into the XML."""
    if code == _BAD_CHAR_REF:
        return (
            ": the report holds a character reference to a control character (such as &#x1b;), which XML "
            "1.0 forbids; delete that reference and import the file again"
        )
    found = _CONTROL_BYTE.search(data) if code == _INVALID_TOKEN else None
    if found is None:
        return ""
    return (
        f": the report holds a control character (byte 0x{found.group()[0]:02x}), which XML forbids; delete "
        "such bytes (tr -d '\\000-\\010\\013\\014\\016-\\037' < report > clean) and import the file again"
    )


_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([^"'>]{1,64})["']""")


def _declared(data: bytes) -> str:
    """The encoding named by the XML declaration at the start of ``data`` (``"?"`` if none is found)."""
    match = _ENCODING.match(data.lstrip(b"\xef\xbb\xbf \t\r\n")[:512])
    return match.group(1).decode("ascii", "replace") if match else "?"


_TRUNCATION_CODES = frozenset(
    pyexpat.errors.codes[name]
    for name in (
        pyexpat.errors.XML_ERROR_NO_ELEMENTS,
        pyexpat.errors.XML_ERROR_UNCLOSED_TOKEN,
        pyexpat.errors.XML_ERROR_PARTIAL_CHAR,
        pyexpat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
    )
)


def sniff_root(
    head: bytes, *, doctype: Callable[[str, str | None, str | None, int], None] | None = None
) -> str | None:
    """The root element name of an XML document from its first bytes, or None.

    None also when the prologue declares entities or names an external DTD: the sniffer never
    expands anything (parsers fall back to a plain byte search and then reject such files clearly).
    ``doctype`` replaces the DOCTYPE check (a handler that accepts an external DTD, never read).
    A declared encoding Python does not know is read as Latin-1 here, so the format is still
    recognised and its parser can say what is wrong with the file (the encoding) and what to do.
    """
    try:
        return _root_name(head, doctype, encoding=None)
    except LookupError:
        return _root_name(head, doctype, encoding="iso-8859-1")


def _root_name(
    head: bytes, doctype: Callable[[str, str | None, str | None, int], None] | None, *, encoding: str | None
) -> str | None:
    found: list[str] = []

    def start(name: str, _attrs: dict[str, str]) -> None:
        found.append(name)
        raise _RootReached

    p = pyexpat.ParserCreate(encoding)
    harden(p)
    if doctype is not None:
        p.StartDoctypeDeclHandler = doctype
    p.StartElementHandler = start
    try:
        p.Parse(head, False)
    except _RootReached:
        pass
    except (pyexpat.ExpatError, ValueError, DefusedXmlException):
        return None
    return found[0] if found else None
