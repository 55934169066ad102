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
from ._model import Finding
from ._openvas_records import Memo, OpenVasResult
from ._speedups import BoundedCache
from ._xml import sniff_root
from ._xml_walk import PathWalker, StartFn

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
        memo = Memo(ctx, self.name)
        counts = [0, 0]  # <results> elements, result records
        cur: OpenVasResult | None = None
        depth = 0  # depth of the open result
        entry: list[str] | None = None  # a report-level <host> entry: [ip, hostname]
        entry_depth = 0
        detail = ["", ""]  # name, value of the open <detail>

        def set_name(text: str) -> None:
            detail[0] = text.strip()

        def set_value(text: str) -> None:
            detail[1] = text

        def set_ip(text: str) -> None:
            if entry is not None:
                entry[0] = text

        def root(tag: str, attrs: dict[str, str]) -> None:
            status = attrs.get("status", "2") if tag.endswith("_response") else "2"
            if not status.startswith("2"):  # a GMP error answer: <get_reports_response status="404" ...>
                raise ctx.error(
                    f"the GMP answer is an error, not a report: status {status} "
                    f"({attrs.get('status_text', '')!r}); check the report id and filter of the request",
                    location=f"root element <{tag}>",
                )
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
            counts[0] += 1

        def on_result(_attrs: dict[str, str]) -> None:
            nonlocal cur, depth
            if cur is None and len(stack) > 1 and stack[-2] in _RESULT_PARENTS:
                cur, depth = OpenVasResult(), len(stack)
                counts[1] += 1

        def end_result() -> None:
            nonlocal cur
            if cur is not None and len(stack) == depth:
                found = memo.finding(cur)
                if found is not None:
                    done.append(found)
                cur = None

        def on_host(_attrs: dict[str, str]) -> None:
            nonlocal entry, entry_depth
            if cur is not None:
                if len(stack) == depth + 1:
                    capture(cur.set_host)
            elif entry is None and stack[-2] == "report":
                entry, entry_depth = ["", ""], len(stack)

        def end_host() -> None:
            nonlocal entry
            if cur is None and entry is not None and len(stack) == entry_depth:
                found = memo.entry(entry[0], entry[1])
                if found is not None:
                    done.append(found)
                entry = None

        def field(setter: str) -> StartFn:
            def start(_attrs: dict[str, str]) -> None:
                if cur is not None and len(stack) == depth + 1:
                    capture(getattr(cur, setter))

            return start

        def nvt_field(setter: str) -> StartFn:
            def start(_attrs: dict[str, str]) -> None:
                if cur is not None and len(stack) == depth + 2 and stack[-2] == "nvt":
                    capture(getattr(cur, setter) if setter else cur.cves.append)

            return start

        def on_hostname(_attrs: dict[str, str]) -> None:
            if cur is not None and len(stack) == depth + 2 and stack[-2] == "host":
                capture(cur.set_hostname)

        def on_nvt(attrs: dict[str, str]) -> None:
            if cur is not None and len(stack) == depth + 1:
                cur.oid = attrs.get("oid", "")

        def on_name(_attrs: dict[str, str]) -> None:
            if cur is not None:
                if len(stack) == depth + 2 and stack[-2] == "nvt":
                    capture(cur.set_name)
            elif entry is not None and len(stack) == entry_depth + 2 and stack[-2] == "detail":
                capture(set_name)

        def on_ref(attrs: dict[str, str]) -> None:
            if (
                _cve_type[attrs.get("type", "")]
                and cur is not None
                and len(stack) == depth + 3
                and stack[-2] == "refs"
            ):
                cur.cves.append(attrs.get("id", ""))

        def on_ip(_attrs: dict[str, str]) -> None:
            if cur is None and entry is not None and len(stack) == entry_depth + 1:
                capture(set_ip)

        def on_value(_attrs: dict[str, str]) -> None:
            if cur is None and entry is not None and len(stack) == entry_depth + 2 and stack[-2] == "detail":
                capture(set_value)

        def end_detail() -> None:
            if cur is None and entry is not None and len(stack) == entry_depth + 1:
                if detail[0].lower() == "hostname" and detail[1].strip() and not entry[1]:
                    entry[1] = detail[1].strip()
                detail[0] = detail[1] = ""

        walker = PathWalker(
            ctx,
            record_end=b"</result",
            root=root,
            starts={
                "results": on_results,
                "result": on_result,
                "host": on_host,
                "port": field("set_port"),
                "threat": field("set_threat"),
                "severity": field("set_cvss"),
                "hostname": on_hostname,
                "nvt": on_nvt,
                "cve": nvt_field(""),
                "cvss_base": nvt_field("set_nvt_cvss"),
                "name": on_name,
                "ref": on_ref,
                "ip": on_ip,
                "value": on_value,
            },
            ends={"result": end_result, "host": end_host, "detail": end_detail},
        )
        stack, capture = walker.stack, walker.capture
        yield from walker.records(stream, done, what="OpenVAS result field")
        if not counts[0] and not counts[1] and not memo.seen:
            raise ctx.error(
                "no <results> element and no host entries: not an OpenVAS/GVM report",
                location=walker.driver.position,
            )
