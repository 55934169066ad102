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

Results stream out as each ``</result>`` is read; memory holds one result plus one entry per host.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from ._context import ParseContext
from ._cve import normalize_cve, split_cves
from ._hostid import Identity, identity, port_proto, score
from ._model import Finding, Severity, make_finding
from ._xml import sniff_root
from ._xml_walk import PathWalker

__all__ = ["OpenVasParser"]

_ROOTS = frozenset({"report", "get_reports_response", "get_results_response"})
_MARKERS = (b"<nvt", b"<gmp>", b"<omp>", b"<scan_run_status", b"format_id=", b"<results")
_THREATS: dict[str, Severity] = {
    "critical": Severity.CRITICAL,
    "alarm": Severity.CRITICAL,  # OpenVAS 6-8 name for the top level
    "high": Severity.HIGH,
    "medium": Severity.MEDIUM,
    "low": Severity.LOW,
    "log": Severity.INFO,
    "debug": Severity.INFO,
    "none": Severity.INFO,
}
_CVE_REF_TYPES = frozenset({"cve", "cve_id"})
_RESULT_PARENTS = frozenset({"results", "get_results_response", "report"})
"""A result record's parent (``report`` too: some OpenVAS 6 era files have no ``<results>`` wrapper)."""


class _Result:
    __slots__ = ("cves", "cvss", "host", "hostname", "name", "oid", "port", "threat")

    def __init__(self) -> None:
        self.host = self.hostname = self.port = self.threat = self.cvss = self.name = ""
        self.oid = ""
        self.cves: list[str] = []


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
        return 0.0

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        """Yield one finding per result as it completes, then the report-level host entries."""
        done: list[Finding] = []
        seen: dict[str, Identity] = {}  # raw host text -> identity given to it
        state: dict[str, int] = {"results": 0, "records": 0}
        cur: _Result | None = None
        depth = 0  # depth of the open result
        entry: dict[str, str] | None = None  # a report-level <host> entry: ip, hostname
        entry_depth = 0
        detail: list[str] = ["", ""]  # name, value of the open <detail>
        scanner = self.name

        def root(tag: str, _attrs: dict[str, str]) -> None:
            if tag == "result":
                raise ctx.error(
                    "a bare <result> fragment, not a report: download the whole report from GSA "
                    "(Reports > Download > XML) or with GMP get_reports",
                    location="root element <result>",
                )
            if tag not in _ROOTS:
                raise ctx.error(
                    f"unsupported root <{tag}>: an OpenVAS/GVM XML report has a <report>, "
                    "<get_reports_response> or <get_results_response> root",
                    location=f"root element <{tag}>",
                )

        def on_results(_attrs: dict[str, str]) -> None:
            state["results"] += 1

        def on_result(_attrs: dict[str, str]) -> None:
            nonlocal cur, depth
            if cur is None and walker.parent() in _RESULT_PARENTS:
                cur, depth = _Result(), len(stack)
                state["records"] += 1

        def end_result() -> None:
            nonlocal cur
            if cur is not None and len(stack) == depth:
                found = self._finding(cur, seen, ctx, scanner)
                if found is not None:
                    done.append(found)
                cur = None

        def on_host(_attrs: dict[str, str]) -> None:
            nonlocal entry, entry_depth
            if cur is not None:
                if len(stack) == depth + 1:
                    walker.capture()
            elif entry is None and walker.parent() == "report":
                entry, entry_depth = {"ip": "", "hostname": ""}, len(stack)

        def end_host() -> None:
            nonlocal entry
            if cur is not None:
                if len(stack) == depth + 1:
                    cur.host = walker.text()
            elif entry is not None and len(stack) == entry_depth:
                found = self._entry(entry, seen, scanner)
                if found is not None:
                    done.append(found)
                entry = None

        def capture_in_result(_attrs: dict[str, str]) -> None:
            if cur is not None and len(stack) == depth + 1:
                walker.capture()

        def end_field(field: str) -> None:
            if cur is not None and len(stack) == depth + 1:
                setattr(cur, field, walker.text())

        def on_hostname(_attrs: dict[str, str]) -> None:
            if cur is not None and len(stack) == depth + 2 and walker.parent() == "host":
                walker.capture()

        def end_hostname() -> None:
            if cur is not None and len(stack) == depth + 2 and walker.parent() == "host":
                cur.hostname = walker.text()

        def on_nvt(attrs: dict[str, str]) -> None:
            if cur is not None and len(stack) == depth + 1:
                cur.oid = attrs.get("oid", "")

        def in_nvt() -> bool:
            return cur is not None and len(stack) == depth + 2 and walker.parent() == "nvt"

        def on_nvt_child(_attrs: dict[str, str]) -> None:
            if in_nvt():
                walker.capture()

        def end_cve() -> None:
            if cur is not None and in_nvt():
                cur.cves.append(walker.text())

        def end_cvss_base() -> None:
            if cur is not None and in_nvt() and not cur.cvss:
                cur.cvss = "nvt:" + walker.text()

        def end_nvt_name() -> None:
            if cur is not None and in_nvt():
                cur.name = walker.text()

        def on_ref(attrs: dict[str, str]) -> None:
            if (
                cur is not None
                and len(stack) == depth + 3
                and walker.parent() == "refs"
                and attrs.get("type", "").lower() in _CVE_REF_TYPES
            ):
                cur.cves.append(attrs.get("id", ""))

        def on_entry_child(_attrs: dict[str, str]) -> None:
            if entry is not None and cur is None:
                d = len(stack) - entry_depth
                if (d == 1 and stack[-1] == "ip") or (d == 2 and walker.parent() == "detail"):
                    walker.capture()

        def end_entry_ip() -> None:
            if entry is not None and cur is None and len(stack) == entry_depth + 1:
                entry["ip"] = walker.text()

        def end_detail_part(index: int) -> None:
            if entry is not None and cur is None and len(stack) == entry_depth + 2:
                detail[index] = walker.text().strip()

        def end_detail() -> None:
            if entry is not None and cur is None and len(stack) == entry_depth + 1:
                if detail[0].lower() == "hostname" and detail[1] and not entry["hostname"]:
                    entry["hostname"] = detail[1]
                detail[0] = detail[1] = ""

        def end_name() -> None:
            end_detail_part(0)

        def end_value() -> None:
            end_detail_part(1)

        def on_name(attrs: dict[str, str]) -> None:
            on_nvt_child(attrs)
            on_entry_child(attrs)

        def end_any_name() -> None:
            end_nvt_name()
            end_name()

        walker = PathWalker(
            ctx,
            record_end=b"</result",
            root=root,
            starts={
                "results": on_results,
                "result": on_result,
                "host": on_host,
                "port": capture_in_result,
                "threat": capture_in_result,
                "severity": capture_in_result,
                "hostname": on_hostname,
                "nvt": on_nvt,
                "cve": on_nvt_child,
                "cvss_base": on_nvt_child,
                "name": on_name,
                "ref": on_ref,
                "ip": on_entry_child,
                "value": on_entry_child,
            },
            ends={
                "result": end_result,
                "host": end_host,
                "port": lambda: end_field("port"),
                "threat": lambda: end_field("threat"),
                "severity": lambda: end_field("cvss"),
                "hostname": end_hostname,
                "cve": end_cve,
                "cvss_base": end_cvss_base,
                "name": end_any_name,
                "ip": end_entry_ip,
                "value": end_value,
                "detail": end_detail,
            },
        )
        stack = walker.stack
        yield from walker.records(stream, done, what="OpenVAS result field")
        if not state["results"] and not seen and not state["records"]:
            raise ctx.error(
                "no <results> element and no host entries: not an OpenVAS/GVM report",
                location=walker.driver.position,
            )

    @staticmethod
    def _finding(cur: _Result, seen: dict[str, Identity], ctx: ParseContext, scanner: str) -> Finding | None:
        raw = cur.host.strip()
        who = identity([raw], [cur.hostname])
        if who is None:
            ctx.skip(f"result NVT {cur.oid or cur.name!r}", "result without a host")
            return None
        if raw and raw not in seen:
            seen[raw] = who
        port, protocol = port_proto(cur.port)
        cves: set[str] = set(split_cves(cur.cves)) if cur.cves else set()
        oid_cve = normalize_cve(cur.oid) if cur.oid else None
        if oid_cve is not None:
            cves.add(oid_cve)
        text = cur.cvss
        cvss = score(text[4:] if text.startswith("nvt:") else text) if text else None
        address, ip, names, ips = who
        return make_finding(
            address,
            ip,
            names,
            ips,
            port,
            protocol,
            None,
            frozenset(cves),
            _THREATS.get(cur.threat.strip().lower()),
            cvss,
            cur.oid or None,
            cur.name.strip() or None,
            scanner,
        )

    @staticmethod
    def _entry(entry: dict[str, str], seen: dict[str, Identity], scanner: str) -> Finding | None:
        raw = entry["ip"].strip()
        who = identity([raw], [entry["hostname"]])
        if who is None:
            return None
        known = seen.get(raw)
        if known is not None and who[1] is None:
            who = (known[0], known[1], tuple(dict.fromkeys((*known[2], *who[2]))), known[3])
        seen.setdefault(raw, who)
        address, ip, names, ips = who
        return Finding(address=address, ip=ip, hostnames=names, ip_addresses=ips, scanner=scanner)
