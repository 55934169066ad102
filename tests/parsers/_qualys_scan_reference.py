"""Reference twin of the Qualys SCAN XML walk: the version before its one-test pass-over and inline flush.

Nothing in the package calls this. ``tests/parsers/test_qualys_scan_fast.py`` checks that
``futurevuls_ext.parsers._qualys_scan.scan_findings`` gives exactly what this gives (findings, skips,
errors and their positions) on generated, cut and damaged SCAN reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from futurevuls_ext.parsers._context import ParseContext
from futurevuls_ext.parsers._hostid import cvss_score, detail_finding, identity, port_number
from futurevuls_ext.parsers._model import Finding
from futurevuls_ext.parsers._qualys_scan import _answer_error
from futurevuls_ext.parsers._qualys_xml_hosts import _NO, Detection, QualysHost, _cve_sets, _severities
from futurevuls_ext.parsers._xml_walk import FlatWalk, _any_doctype

__all__ = ["scan_findings"]

_ITEMS = frozenset({"VULN", "PRACTICE", "INFO", "SERVICE"})
_CVE_ITEMS = frozenset({"VULN", "PRACTICE"})
_SECTIONS = frozenset({"VULNS", "PRACTICES", "INFOS", "SERVICES"})
_LISTS = frozenset({"CVE_ID_LIST", "BUGTRAQ_ID_LIST", "VENDOR_REFERENCE_LIST"})
_STRUCTURE = _ITEMS | _SECTIONS | {"CAT", "IP", "OS", "HEADER", "ERROR"}


def _findings(host: QualysHost, ctx: ParseContext, where: str, scanner: str) -> list[Finding]:
    """The twin of ``QualysHost.findings`` (SCAN: no glossary), every cell converted for each detection."""
    who = identity(host.ips, host.names)
    if who is None:
        ctx.skip(where, "host without an IP address or host name")
        return []
    if not host.detections:
        address, ip, names, ips = who
        return [Finding(address=address, ip=ip, hostnames=names, ip_addresses=ips, scanner=scanner)]
    out = []
    for d in host.detections:
        port = port_number(d.port) if d.port else None
        protocol = (d.protocol.strip().lower() or "tcp") if port is not None else None
        qid = d.qid.strip()
        cves = _cve_sets[tuple(d.cves)] if d.cves else _NO
        title = d.title.strip() or None
        cvss = _cvss(d.cvss3)  # CVSS v3 base first, else v2
        if cvss is None:
            cvss = _cvss(d.cvss)
        detail = (port, protocol, cves, _severities[d.severity], cvss, qid or None, title)
        out.append(detail_finding(who, detail, scanner))
    return out


def _cvss(text: str) -> float | None:
    head = text.strip().split(" ", 1)[0] if text else ""
    return cvss_score(head) if head else None


def scan_findings(stream: BinaryIO, ctx: ParseContext, scanner: str = "qualys-xml") -> Iterator[Finding]:
    """The twin of ``_qualys_scan.scan_findings``: a separate flush call, four tests per tag."""
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
            done.extend(_findings(host, ctx, f"IP[{walk.started}]", scanner))
            host = None

    def end() -> None:
        finish()
        if error:
            _answer_error(ctx, error, hosts=walk.started)

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal host, det, cves_ok, in_cves, in_section, cat, key
        if key:
            flush()
        if det is not None:
            if tag == "ID":
                if in_cves:
                    key = tag
                    parser.CharacterDataHandler = collect
                return
            if tag in _LISTS:
                in_cves = cves_ok and tag == "CVE_ID_LIST"
                return
            if tag in {"TITLE", "CVSS_BASE", "CVSS3_BASE"}:
                key = tag
                parser.CharacterDataHandler = collect
                return
        if tag not in _STRUCTURE:  # one containment test for the many tags passed over
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
