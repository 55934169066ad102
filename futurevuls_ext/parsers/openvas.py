"""OpenVAS / Greenbone GVM XML reports: GSA download, OpenVAS 6-9 single ``<report>``, GMP responses.

Roots accepted: ``<report>`` (the GSA download wraps the data in an inner ``<report>``; OpenVAS
6-era files hold it directly), ``<get_reports_response>`` and ``<get_results_response>`` (GMP). A bare
``<result>`` fragment and any other root are refused.

One finding per ``results/result`` (never the ``<result>`` references inside notes, overrides,
detection or delta, never the ``<ports>`` summary nor the task's ``<slave><host>``):

* host: the text of ``result/host`` before its ``<asset>``/``<hostname>`` children; hostname
  ``result/host/hostname``; address = the IP when valid, else the hostname (a host text like
  ``192.168.1.1001`` is kept as a name);
* report-level ``report/host`` entries (``<ip>`` + ``<detail>`` named ``hostname``) add hosts and names;
* CVEs of every result whatever its threat: ``nvt/refs/ref[@type="cve"]/@id`` (GVM >= 9), the
  comma-separated ``nvt/cve`` text (OpenVAS <= 9; ``NOCVE`` ignored) and ``nvt/@oid`` when the OID
  itself is a CVE id (GVM's CVE scanner);
* port from ``443/tcp`` or ``http (80/tcp)`` (``general/tcp`` gives none); severity from ``threat``;
  CVSS from ``severity`` (else ``nvt/cvss_base``); ``source_id`` = the NVT OID.

Results stream out as each ``</result>`` is read; memory holds one result plus the host texts that
are not IP addresses (report-level entries are matched to them).

Speed: one start handler (:func:`_findings`). Expat appends end tags to a list (a C-level call) and the
next start tag subtracts them from the depth, as the benchmark floor does. Outside a result the
open elements are kept on a stack (their parents decide what a ``<result>`` or ``<host>`` is); inside
one, where nearly all elements are, only the depth relative to the result and the names of the
latest child and grandchild are tracked. The plain :class:`~._xml_walk.PathWalker` version is kept as
the twin ``tests/parsers/_openvas_reference.py``; ``tests/parsers/test_openvas_fast.py`` compares them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from .._exceptions import ParseError
from ._context import ParseContext
from ._errors import TruncatedReportError
from ._model import Finding
from ._openvas_records import (
    CVE,
    FETCH_REPORT,
    HOSTNAME,
    NVT_FIELDS,
    OID,
    RESULT_FIELDS,
    Memo,
    new_record,
    no_results,
)
from ._speedups import BoundedCache
from ._xml import ExpatDriver, sniff_root

__all__ = ["OpenVasParser"]

_ROOTS = frozenset({"report", "get_reports_response", "get_results_response"})
_MARKERS = (b"<nvt", b"<gmp>", b"<omp>", b"<scan_run_status", b"format_id=", b"<results")
_CVE_REF_TYPES = frozenset({"cve", "cve_id"})


def _names_cve(kind: str) -> bool:
    return kind.lower() in _CVE_REF_TYPES


_cve_type = BoundedCache(_names_cve, entries=256)
"""Whether a ``ref@type`` names a CVE (a handful of distinct values: url, cert-bund, cve...)."""
_RESULT_PARENTS = frozenset({"results", "get_results_response", "report"})
"""A result record's parent (``report`` too: some OpenVAS 6 era files have no ``<results>`` wrapper)."""
_ENTRY_IP, _DETAIL_NAME, _DETAIL_VALUE = CVE + 1, CVE + 2, CVE + 3
"""Text slots outside a result: a report-level host entry's ``<ip>``, its ``detail/name`` and ``value``."""


class OpenVasParser:
    """Reads OpenVAS / Greenbone GVM XML reports (see the module docstring)."""

    name: ClassVar[str] = "openvas"
    priority: ClassVar[int] = 45
    description: ClassVar[str] = "OpenVAS / Greenbone GVM XML report (GSA download or GMP response)"

    def sniff(self, head: bytes) -> float:
        """0.95 for a report/GMP root with GVM markers; 0.5 for a bare ``<result>`` with an ``<nvt>``."""
        root = sniff_root(head)
        if root is None:
            if b"<report" in head and b"<nvt" in head and b"<results" in head:
                return 0.5  # a prologue the sniffer refuses (an entity declaration): let parse say so
            return 0.0
        if root in _ROOTS:
            return 0.95 if any(m in head for m in _MARKERS) else 0.2
        if root == "result" and b"<nvt" in head:
            return 0.5
        if root.startswith("get_") and root.endswith("_response") and b"<report id=" in head:
            return 0.5  # another GMP answer naming a report (get_tasks): parse says how to fetch it
        return 0.0

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        """Yield one finding per result as it completes, then the report-level host entries."""
        return _findings(stream, ctx, Memo(ctx, self.name))


def _refuse_root(ctx: ParseContext, tag: str, attrs: dict[str, str]) -> None:
    """Raise for a root that is no OpenVAS report (a GMP error answer, a bare ``<result>``, other formats)."""
    status = attrs.get("status", "2") if tag.endswith("_response") else "2"
    if not status.startswith("2"):  # a GMP error answer: <get_reports_response status="404" ...>
        raise ctx.error(
            f"the GMP answer is an error, not a report: status {status} "
            f"({attrs.get('status_text', '')!r}); check the report id and filter of the request",
            location=f"root element <{tag}>",
        )
    if tag in _ROOTS:
        return
    if tag == "result":
        why = (
            "a bare <result> fragment, not a report: download the whole report from GSA "
            "(Reports > Download > XML) or with GMP get_reports"
        )
    elif tag.startswith("get_") and tag.endswith("_response"):  # <get_tasks_response>: names reports only
        why = f"a GMP <{tag}> answer, not a report: fetch the report itself with {FETCH_REPORT}"
    else:
        why = (
            f"unsupported root <{tag}>: an OpenVAS/GVM XML report has a <report>, "
            "<get_reports_response> or <get_results_response> root"
        )
    raise ctx.error(why, location=f"root element <{tag}>")


def _findings(stream: BinaryIO, ctx: ParseContext, memo: Memo) -> Iterator[Finding]:
    """The findings of one report (see the module docstring, "Speed": one start handler, closures)."""
    driver = ExpatDriver(ctx, record_end=b"</result")
    parser = driver.parser
    done: list[Finding] = []
    buf: list[str] = []
    collect, clear_buf = buf.append, buf.clear
    ended: list[str] = []  # the end tags of this chunk, appended by expat (only their number is used)
    opened = 0  # start tags, less the end tags of the chunks before: the depth is opened - len(ended)
    stack: list[str] = []  # the open elements outside a result (the result itself included)
    push = stack.append
    results = records = reports = 0  # <results> and <report> elements seen outside a result; results opened
    root = ""  # the root element's name
    base = 0  # len(stack): the depth of the innermost element on the stack (of the open result in one)
    d1 = d2 = d3 = -1  # the depths of the open result's children, grandchildren, great-grandchildren
    slot = 0  # where the text being collected goes (0: no text is collected)
    rec: list[str] | None = None  # the open result's fields (new_record)
    cves: list[str] = []  # its CVE texts (ref ids, nvt/cve texts)
    child = grandchild = ""  # the latest elements started at depth d1 / d2 of the open result
    entry: list[str] | None = None  # an open report-level <host> entry: [ip, hostname]
    entry_depth = 0
    detail = ["", ""]  # name, value of the entry's open <detail>

    def store(text: str) -> None:
        """Put the collected text into its slot."""
        nonlocal slot
        where, slot = slot, 0
        if where < CVE:
            if rec is not None:
                rec[where] = text
        elif where == CVE:
            cves.append(text)
        elif where == _ENTRY_IP:
            if entry is not None:
                entry[0] = text
        elif where == _DETAIL_NAME:
            detail[0] = text.strip()
        else:
            detail[1] = text

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal opened, slot, child, grandchild
        if slot:  # the text of the element collected ends here
            parser.CharacterDataHandler = None
            if slot < CVE:
                rec[slot] = buf[0] if len(buf) == 1 else "".join(buf)  # type: ignore[index]  # in a result
                slot = 0
            else:
                store(buf[0] if len(buf) == 1 else "".join(buf))
            clear_buf()
        opened += 1
        depth = opened - len(ended)
        if depth <= base:  # the innermost element on the stack has ended
            close(depth)
        if depth == d1:  # (d1, d2, d3 are -1 outside a result)
            child = tag
            if tag in RESULT_FIELDS:
                slot = RESULT_FIELDS[tag]
                parser.CharacterDataHandler = collect
            elif tag == "nvt":
                rec[OID] = attrs.get("oid", "")  # type: ignore[index]  # in a result
        elif depth == d2:
            grandchild = tag
            if child == "nvt":
                if tag in NVT_FIELDS:
                    slot = NVT_FIELDS[tag]
                    parser.CharacterDataHandler = collect
            elif child == "host" and tag == "hostname":
                slot = HOSTNAME
                parser.CharacterDataHandler = collect
        elif depth == d3:
            if tag == "ref" and grandchild == "refs" and _cve_type[attrs.get("type", "")]:
                cves.append(attrs.get("id", ""))
        elif rec is None:
            outside(tag, attrs, depth)

    def outside(tag: str, attrs: dict[str, str], depth: int) -> None:
        """A start tag outside any result: pushed on the stack; a result, <results> or host entry opens."""
        nonlocal base, d1, d2, d3, rec, cves, records, results, reports, entry, entry_depth, slot
        push(tag)
        base = depth
        if tag == "result":
            if len(stack) > 1 and stack[-2] in _RESULT_PARENTS:
                rec, cves = new_record(), []
                d1, d2, d3 = depth + 1, depth + 2, depth + 3
                records += 1
        elif tag == "results":
            results += 1
        elif entry is None:
            if tag == "host" and len(stack) > 1 and stack[-2] == "report":
                entry, entry_depth = ["", ""], depth
            elif tag == "report" and len(stack) == 2:  # a report of a GMP answer
                reports += 1
        elif depth == entry_depth + 1:
            if tag == "ip":
                slot = _ENTRY_IP
                parser.CharacterDataHandler = collect
        elif depth == entry_depth + 2 and stack[-2] == "detail" and tag in ("name", "value"):
            slot = _DETAIL_NAME if tag == "name" else _DETAIL_VALUE
            parser.CharacterDataHandler = collect

    def close(depth: int) -> None:
        """Pop the elements at ``depth`` and below, completing a result, host entry or detail that ended."""
        nonlocal rec, entry, detail, base, d1, d2, d3
        while len(stack) >= depth:
            level = len(stack)
            tag = stack.pop()
            if tag == "result":
                if rec is not None and level == base:
                    found = memo.finding(rec, cves)
                    if found is not None:
                        done.append(found)
                    rec = None
                    d1 = d2 = d3 = -1
            elif rec is None and entry is not None:
                if tag == "host" and level == entry_depth:
                    found = memo.entry(entry[0], entry[1])
                    if found is not None:
                        done.append(found)
                    entry = None
                elif tag == "detail" and level == entry_depth + 1:
                    name, value = detail
                    if name.lower() == "hostname" and value.strip() and not entry[1]:
                        entry[1] = value.strip()
                    detail = ["", ""]
        base = len(stack)

    def ends() -> None:
        """Process the end tags read since the last start tag (at the end of the input, on an error)."""
        depth = opened - len(ended)  # of the innermost open element
        if depth < base:
            close(depth + 1)

    def between_chunks() -> None:
        nonlocal opened
        opened -= len(ended)
        ended.clear()

    def flush() -> None:
        """Store the text being collected, then process the pending end tags (at the end of the input)."""
        if slot:
            parser.CharacterDataHandler = None
            store("".join(buf))
            clear_buf()
        ends()

    def first(tag: str, attrs: dict[str, str]) -> None:
        nonlocal root
        driver.started = True
        root = tag
        _refuse_root(ctx, tag, attrs)
        parser.StartElementHandler = start
        start(tag, attrs)

    parser.StartElementHandler = first
    parser.EndElementHandler = ended.append
    try:
        for batch in driver.pump(stream, buf, done, what="OpenVAS result field", between=between_chunks):
            yield from batch
    except TruncatedReportError:
        flush()
        yield from done
        raise
    except ParseError:
        slot = 0  # the text being collected is dropped; results whose end tag was read complete
        clear_buf()
        ends()
        yield from done
        raise
    flush()
    yield from done
    if not results and not records and not memo.hosts_seen:
        raise ctx.error(no_results(root, reports), location=driver.position)
