"""The Qualys ``SCAN`` report (``fo/scan`` XML), streamed host by host with a single start handler.

In this layout every element name has one place (``IP`` only under ``SCAN``, ``CAT`` only in a
section, ``VULN`` / ``PRACTICE`` / ``INFO`` / ``SERVICE`` only in a ``CAT``), so no element stack is
needed: a host is complete when the next ``IP`` starts or the document ends; the driver counts
``</IP>`` end tags so that a file cut inside a host drops that host. ``ID`` is read only inside a
``CVE_ID_LIST`` (``BUGTRAQ_ID_LIST`` has ``ID`` elements too). A detection's ``CVSS3_BASE`` (v3) and
``CVSS_BASE`` (v2) texts are both kept; the finding takes the v3 score, else the v2 one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from ._context import ParseContext
from ._model import Finding
from ._qualys_xml_hosts import Detection, QualysHost
from ._xml_walk import FlatWalk, _any_doctype

__all__ = ["scan_findings"]

_ITEMS = frozenset({"VULN", "PRACTICE", "INFO", "SERVICE"})
_CVE_ITEMS = frozenset({"VULN", "PRACTICE"})
_SECTIONS = frozenset({"VULNS", "PRACTICES", "INFOS", "SERVICES"})
_LISTS = frozenset({"CVE_ID_LIST", "BUGTRAQ_ID_LIST", "VENDOR_REFERENCE_LIST"})
_STRUCTURE = _ITEMS | _SECTIONS | {"CAT", "IP", "OS", "HEADER", "ERROR"}
"""The tags that open or close a host, a section or a detection."""
_TEXTS = frozenset({"TITLE", "CVSS_BASE", "CVSS3_BASE"})
"""A detection's fields whose text is collected (CVE ids: ``ID`` in a ``CVE_ID_LIST``)."""
_ACTIVE = _STRUCTURE | _LISTS | _TEXTS | {"ID"}
"""Every tag the start handler acts on (the others are passed over after one test)."""


def scan_findings(stream: BinaryIO, ctx: ParseContext, scanner: str) -> Iterator[Finding]:
    """The findings of a Qualys SCAN report, host by host."""
    walk: FlatWalk[Finding] = FlatWalk(ctx, record_end=b"</IP>", root="SCAN", refusal="expected SCAN")
    parser, buf, done = walk.parser, walk.buf, walk.done
    parser.StartDoctypeDeclHandler = _any_doctype  # Qualys' external DTD: accepted, never read
    collect = buf.append
    host: QualysHost | None = None
    det: Detection | None = None
    cves_ok = in_cves = in_section = False
    cat = ("", "")
    key = ""
    error: list[str] = []  # an <ERROR number="..."> of the API answer: [number, text]

    def flush() -> None:
        nonlocal key
        text = buf[0] if len(buf) == 1 else "".join(buf)
        buf.clear()
        parser.CharacterDataHandler = None
        if det is not None:
            if key == "ID":
                det.cves.append(text)
            elif key == "TITLE":
                det.title = text
            elif key == "CVSS_BASE":
                det.cvss = text
            else:
                det.cvss3 = text
        elif key == "ERROR":
            error.append(" ".join(text.split())[:300])
        key = ""

    def finish() -> None:
        nonlocal host
        if host is not None:
            done.extend(host.findings(ctx, f"IP[{walk.started}]", scanner))
            host = None

    def end() -> None:
        finish()
        if error:
            _answer_error(ctx, error, hosts=walk.started)

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal host, det, cves_ok, in_cves, in_section, cat, key
        if key:  # the text being collected ends here
            if key == "ID":  # the most common: inline (an ID is collected in a detection only)
                det.cves.append(buf[0] if len(buf) == 1 else "".join(buf))  # type: ignore[union-attr]
                buf.clear()
                parser.CharacterDataHandler = None
                key = ""
            else:
                flush()
        if tag not in _ACTIVE:  # one containment test for the many tags passed over
            return
        if det is not None:
            if tag == "ID":
                if in_cves:
                    key = tag
                    parser.CharacterDataHandler = collect
                return
            if tag in _LISTS:
                in_cves = cves_ok and tag == "CVE_ID_LIST"
                return
            if tag in _TEXTS:
                key = tag
                parser.CharacterDataHandler = collect
                return
        if tag in _ITEMS:
            if host is not None and in_section:
                det = Detection(attrs.get("number", ""), attrs.get("severity", ""), *cat)
                cves_ok, in_cves = tag in _CVE_ITEMS, False
                if cves_ok and attrs.get("cveid"):  # older scan reports: <VULN cveid="CVE-a,CVE-b">
                    det.cves.extend(attrs["cveid"].split(","))
                host.detections.append(det)
        elif tag == "CAT":
            det, cat = None, (attrs.get("port", ""), attrs.get("protocol", ""))
        elif tag in _SECTIONS:
            det, in_section = None, True
        elif tag == "IP":
            finish()
            det, in_section = None, False
            walk.started += 1
            if attrs.get("status") == "down":  # <IP value=".." status="down"/>: not alive, nothing scanned
                ctx.skip(
                    f"IP[{walk.started}] {attrs.get('value', '')}",
                    "host status is 'down': it was not scanned",
                )
                return
            host = QualysHost()
            host.ips.append(attrs.get("value", ""))
            host.names.append(attrs.get("name", ""))
        elif tag in {"OS", "HEADER"}:
            det, in_section = None, False
        elif tag == "ERROR" and host is None:  # the API's own error, outside any scanned host
            key = tag
            error.append(attrs.get("number", "?"))
            parser.CharacterDataHandler = collect

    return walk.records(stream, start, what="Qualys XML field", flush=flush, finish=end)


def _answer_error(ctx: ParseContext, error: list[str], *, hosts: int) -> None:
    """A SCAN with an ``<ERROR>``: refused when it lists no host (the scan did not run), else a warning."""
    number, text = error[0], (error[1] if len(error) > 1 else "")
    said = f"the Qualys API answered ERROR {number} ({text})"
    if not hosts:
        raise ctx.error(
            f"{said} instead of a scan report: fix the scan request (target, option profile) and fetch the "
            "scan again",
            location="SCAN/ERROR",
        )
    ctx.warn(f"{said}: the scan stopped early or found no live host; it lists {hosts} host(s)")
