"""Qualys VM XML reports: ``SCAN`` (scan report), ``ASSET_DATA_REPORT``, ``HOST_LIST_VM_DETECTION_OUTPUT``.

The root decides the layout; ``WAS_SCAN_REPORT`` (a web application scan) and any other root are refused
with a message saying what to use instead. Qualys writes ``<!DOCTYPE SCAN SYSTEM "https://...dtd">``:
the external DTD is accepted and never fetched; entity declarations are refused as everywhere.

* ``SCAN``: one host per ``SCAN/IP`` (``@value``; ``@name`` unless "No registered hostname"); one
  finding per ``VULN`` (confirmed), ``PRACTICE`` (potential) and ``INFO`` (information gathered) with
  the QID as ``source_id``, the Qualys level 1-5 as severity, CVSS v3 base (``CVSS3_BASE``) else v2
  (``CVSS_BASE``) and the port/protocol of its ``CAT``. CVE ids from ``CVE_ID_LIST/CVE_ID/ID`` of
  ``VULN`` and ``PRACTICE`` (never from diagnosis or result text). Hosts stream out at each ``</IP>``.
* ``ASSET_DATA_REPORT``: hosts ``HOST_LIST/HOST`` (``IP``, ``DNS``, ``FQDN``, ``NETBIOS``), one finding per
  ``VULN_INFO`` (QID, port, protocol); the QIDs' CVE ids, severity, title and CVSS (``CVSS3_SCORE/
  CVSS3_BASE``, else ``CVSS_SCORE/CVSS_BASE``) come from the report's ``GLOSSARY`` (``VULN_DETAILS``),
  which follows the hosts, so the hosts are handed out at the end of the file (a few strings per
  detection are held). A glossary CVE that no host reports is not attributed.
* ``HOST_LIST_VM_DETECTION_OUTPUT`` (API ``/api/2.0/fo/asset/host/vm/detection/``): hosts with their
  ``DETECTION`` QIDs, ports and severities; it has no CVE ids and no CVSS base score (they live in the
  KnowledgeBase). ``HOST_LIST_OUTPUT`` (``/api/2.0/fo/asset/host/``) is read the same way: hosts, no
  detections.
* ``SIMPLE_RETURN`` (a Qualys API error answer saved as the report) is refused with that explanation.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import BinaryIO, ClassVar

from ._context import ParseContext
from ._cve import normalize_cve
from ._model import Finding
from ._qualys_scan import scan_findings
from ._qualys_xml_hosts import Detection, Glossed, QualysHost
from ._source import _ReplayStream, read_head
from ._xml_walk import PathWalker, sniff_root_any_dtd

__all__ = ["QualysXmlParser"]

_LAYOUTS = frozenset({"SCAN", "ASSET_DATA_REPORT", "HOST_LIST_VM_DETECTION_OUTPUT", "HOST_LIST_OUTPUT"})
_SCAN_ITEMS = frozenset({"VULN", "PRACTICE", "INFO", "SERVICE"})
_CVE_ITEMS = frozenset({"VULN", "PRACTICE", "VULN_INFO", "DETECTION"})
_DET_PARENTS = {
    "VULN": "CAT",
    "PRACTICE": "CAT",
    "INFO": "CAT",
    "SERVICE": "CAT",
    "VULN_INFO": "VULN_INFO_LIST",
    "DETECTION": "DETECTION_LIST",
}
_ID_TAGS = frozenset({"IP", "IPV6", "DNS", "NETBIOS", "FQDN"})
_DET_FIELDS = frozenset({"QID", "PORT", "PROTOCOL", "SEVERITY", "TITLE", "CVSS_BASE", "CVSS3_BASE"})
_DET_SLOTS = {"CVSS_BASE": "cvss", "CVSS3_BASE": "cvss3"}
"""The ``Detection`` attribute of a field whose name is not the attribute's upper-cased."""
_GLOSSARY_SCORES = {("CVSS_BASE", "CVSS_SCORE"): 3, ("CVSS3_BASE", "CVSS3_SCORE"): 4}
"""A glossary ``VULN_DETAILS`` score (tag, parent) -> its slot in the entry: v2, v3."""
_FINDING_SECTIONS = frozenset({"VULNS", "PRACTICES", "INFOS", "SERVICES"})


class QualysXmlParser:
    """Reads Qualys VM XML reports (see the module docstring)."""

    name: ClassVar[str] = "qualys-xml"
    priority: ClassVar[int] = 45
    description: ClassVar[str] = "Qualys VM XML: scan report, asset data report, host list VM detection"

    def sniff(self, head: bytes) -> float:
        """0.95 for a Qualys VM root; 0.6 for ``WAS_SCAN_REPORT`` (recognised, then refused)."""
        root = sniff_root_any_dtd(head)
        if root in _LAYOUTS:
            return 0.95
        if root in ("WAS_SCAN_REPORT", "SIMPLE_RETURN"):
            return 0.6
        if root is None and b"qualys" in head.lower() and (b"<SCAN" in head or b"<ASSET_DATA_REPORT" in head):
            return 0.5  # a prologue the sniffer refuses (entity declarations): parse says why
        return 0.0

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        """Yield the findings host by host (ASSET_DATA_REPORT: at the end, after its glossary)."""
        head = read_head(stream)
        replay = io.BufferedReader(_ReplayStream(head, stream))  # the head is read again by the parser
        if sniff_root_any_dtd(head) == "SCAN":  # the streaming layout: one start handler, no stack
            yield from scan_findings(replay, ctx, self.name)
        else:
            yield from self._walk(replay, ctx)

    def _walk(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        done: list[Finding] = []
        layout = [""]
        hosts_held: list[tuple[QualysHost, str]] = []
        glossary: dict[str, Glossed] = {}
        det_depth = 0
        host: QualysHost | None = None
        count = 0
        det: Detection | None = None
        det_tag = ""
        cat: tuple[str, str] = ("", "")
        entry: tuple[list[str], list[str]] | None = (
            None  # glossary VULN_DETAILS: [qid, severity, title, cvss, cvss3], cves
        )
        warning: list[str] | None = None  # an API answer's RESPONSE/WARNING: [text, url]
        scanner = self.name

        def root(tag: str, _attrs: dict[str, str]) -> None:
            if tag == "SIMPLE_RETURN":
                raise ctx.error(
                    "a Qualys API error or status answer (SIMPLE_RETURN), not a report: check the API call "
                    "that produced this file",
                    location="root element <SIMPLE_RETURN>",
                )
            if tag == "WAS_SCAN_REPORT":
                raise ctx.error(
                    "a Qualys WAS (web application) scan report, not a VM report: download the WAS report "
                    "as CSV and import it with format 'qualys-was-csv'",
                    location="root element <WAS_SCAN_REPORT>",
                )
            if tag not in _LAYOUTS:
                raise ctx.error(
                    f"unsupported root <{tag}>: a Qualys VM XML report has a SCAN, ASSET_DATA_REPORT or "
                    "HOST_LIST_VM_DETECTION_OUTPUT root",
                    location=f"root element <{tag}>",
                )
            layout[0] = tag

        def add_ip(text: str) -> None:
            if host is not None:
                host.ips.append(text)

        def add_name(text: str) -> None:
            if host is not None:
                host.names.append(text)

        def start_host(attrs: dict[str, str]) -> None:
            nonlocal host, count, det
            tag, parent = stack[-1], walker.parent()
            if host is None and (tag, parent) in (("IP", "SCAN"), ("HOST", "HOST_LIST")):
                host, det = QualysHost(), None
                count += 1
                if parent == "SCAN":
                    host.ips.append(attrs.get("value", ""))
                    host.names.append(attrs.get("name", ""))
            elif host is not None and det is None and tag in _ID_TAGS and parent in ("HOST", "DNS_DATA"):
                walker.capture(add_ip if tag in ("IP", "IPV6") else add_name)

        def end_host() -> None:
            nonlocal host
            tag, parent = stack[-1], walker.parent()
            if host is not None and (
                (tag == "IP" and parent == "SCAN") or (tag == "HOST" and parent == "HOST_LIST")
            ):
                where = f"{tag}[{count}]"
                if layout[0] == "ASSET_DATA_REPORT":
                    hosts_held.append((host, where))
                else:
                    done.extend(host.findings(ctx, where, scanner))
                host = None

        def start_cat(attrs: dict[str, str]) -> None:
            nonlocal cat
            if host is not None and walker.parent(2) == "IP" and walker.parent() in _FINDING_SECTIONS:
                cat = (attrs.get("port", ""), attrs.get("protocol", ""))
            else:
                cat = ("", "")

        def start_det(attrs: dict[str, str]) -> None:
            nonlocal det, det_tag
            tag = stack[-1]
            parent = walker.parent()
            if host is None or det is not None:
                return
            if tag in _SCAN_ITEMS and (parent != "CAT" or walker.parent(2) not in _FINDING_SECTIONS):
                return
            if tag in _DET_PARENTS and _DET_PARENTS[tag] != parent:
                return
            det, det_tag = Detection(attrs.get("number", ""), attrs.get("severity", ""), *cat), tag
            if tag in _CVE_ITEMS and attrs.get("cveid"):  # older scan reports: <VULN cveid="CVE-a,CVE-b">
                det.cves.extend(attrs["cveid"].split(","))
            host.detections.append(det)

        def end_det() -> None:
            nonlocal det
            if det is not None and stack[-1] == det_tag and len(stack) == det_depth:
                det = None

        def det_sink(field: str) -> Callable[[str], None]:
            def sink(text: str) -> None:
                if det is not None:
                    if field == "severity":
                        det.severity = det.severity or text
                    else:
                        setattr(det, field, text)

            return sink

        det_sinks = {tag: det_sink(_DET_SLOTS.get(tag, tag.lower())) for tag in _DET_FIELDS}

        def entry_sink(slot: int) -> Callable[[str], None]:
            def sink(text: str) -> None:
                if entry is not None:
                    entry[0][slot] = text.strip()

            return sink

        entry_sinks = {"QID": entry_sink(0), "SEVERITY": entry_sink(1), "TITLE": entry_sink(2)}
        entry_scores = {where: entry_sink(slot) for where, slot in _GLOSSARY_SCORES.items()}

        def add_cve(text: str) -> None:
            if det is not None and det_tag in _CVE_ITEMS:
                det.cves.append(text)
            elif entry is not None:
                entry[1].append(text)

        def start_field(attrs: dict[str, str]) -> None:
            tag, parent = stack[-1], walker.parent()
            if det is not None and parent == det_tag:
                walker.capture(det_sinks[tag])
            elif entry is not None:  # a glossary VULN_DETAILS: the QID's severity, title and CVSS v2 / v3
                if parent == "VULN_DETAILS" and tag in entry_sinks:
                    walker.capture(entry_sinks[tag])
                elif (tag, parent) in entry_scores and walker.parent(2) == "VULN_DETAILS":
                    walker.capture(entry_scores[tag, parent])

        def start_id(_attrs: dict[str, str]) -> None:
            in_list = walker.parent() == "CVE_ID" and walker.parent(2) == "CVE_ID_LIST"
            if in_list and ((det is not None and det_tag in _CVE_ITEMS) or entry is not None):
                walker.capture(add_cve)

        def start_details(attrs: dict[str, str]) -> None:
            nonlocal entry
            if walker.parent() == "VULN_DETAILS_LIST":
                entry = ([attrs.get("id", "").removeprefix("qid_"), "", "", "", ""], [])

        def end_details() -> None:
            nonlocal entry
            if entry is not None and walker.parent() == "VULN_DETAILS_LIST":
                cves = frozenset(c for c in map(normalize_cve, entry[1]) if c)
                qid, severity, title, cvss, cvss3 = entry[0]
                if qid:
                    glossary[qid] = Glossed(cves, severity, title, cvss, cvss3)
                entry = None

        def start_warning(_attrs: dict[str, str]) -> None:
            nonlocal warning
            if walker.parent() == "RESPONSE":
                warning = ["", ""]

        def warning_sink(slot: int) -> Callable[[str], None]:
            def sink(text: str) -> None:
                if warning is not None:
                    warning[slot] = text.strip()

            return sink

        warning_sinks = {"TEXT": warning_sink(0), "URL": warning_sink(1)}

        def start_warning_field(_attrs: dict[str, str]) -> None:
            if warning is not None and walker.parent() == "WARNING":
                walker.capture(warning_sinks[stack[-1]])

        def end_warning() -> None:
            nonlocal warning
            if warning is not None and walker.parent() == "RESPONSE":
                text, url = warning
                ctx.warn(
                    f"the Qualys API answer is one page of a longer list ({text or 'WARNING'}): only its "
                    f"hosts are imported; fetch the next page{f' ({url})' if url else ''} and import it too"
                )
                warning = None

        def start_any_det(attrs: dict[str, str]) -> None:
            nonlocal det_depth
            before = det
            start_det(attrs)
            if det is not before:
                det_depth = len(stack)

        def finish(truncated: bool) -> None:
            for held, where in hosts_held:
                done.extend(held.findings(ctx, where, scanner, glossary))
            hosts_held.clear()
            if truncated and layout[0] == "ASSET_DATA_REPORT":
                ctx.warn("the file is cut off before the end of its GLOSSARY: some CVE ids may be missing")

        walker = PathWalker(
            ctx,
            record_end=b"</HOST",
            root=root,
            external_dtd=True,
            starts={
                **dict.fromkeys(_ID_TAGS, start_host),
                "HOST": start_host,
                "CAT": start_cat,
                **dict.fromkeys(_DET_PARENTS, start_any_det),
                **dict.fromkeys(_DET_FIELDS, start_field),
                "ID": start_id,
                "VULN_DETAILS": start_details,
                "WARNING": start_warning,
                "TEXT": start_warning_field,
                "URL": start_warning_field,
            },
            ends={
                "IP": end_host,
                "HOST": end_host,
                **dict.fromkeys(_DET_PARENTS, end_det),
                "VULN_DETAILS": end_details,
                "WARNING": end_warning,
            },
        )
        stack = walker.stack
        yield from walker.records(stream, done, what="Qualys XML field", finish=finish)
