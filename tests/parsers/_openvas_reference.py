"""Reference twin of the OpenVAS XML parser: the PathWalker implementation before its single start handler.

Nothing in the package calls this. ``tests/parsers/test_openvas_fast.py`` checks that
:class:`futurevuls_ext.parsers.openvas.OpenVasParser` gives exactly what this gives (findings, skips,
warnings, errors and their positions) on generated and damaged reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from futurevuls_ext.parsers._context import ParseContext
from futurevuls_ext.parsers._hostid import identity
from futurevuls_ext.parsers._model import Finding
from futurevuls_ext.parsers._openvas_records import Memo, no_results
from futurevuls_ext.parsers._xml_walk import PathWalker, StartFn
from futurevuls_ext.parsers.openvas import _RESULT_PARENTS, _cve_type, _refuse_root

__all__ = ["parse"]


class _Result:
    """The fields of one ``results/result`` as the callbacks collect them."""

    def __init__(self) -> None:
        self.host = self.hostname = self.port = self.threat = self.cvss = self.nvt_cvss = self.name = ""
        self.oid = ""
        self.cves: list[str] = []

    def set_host(self, text: str) -> None:
        self.host = text

    def set_hostname(self, text: str) -> None:
        self.hostname = text

    def set_port(self, text: str) -> None:
        self.port = text

    def set_threat(self, text: str) -> None:
        self.threat = text

    def set_cvss(self, text: str) -> None:
        self.cvss = text

    def set_nvt_cvss(self, text: str) -> None:
        self.nvt_cvss = text

    def set_name(self, text: str) -> None:
        self.name = text


class _OldMemo(Memo):
    """``Memo`` as it was: every result host text is remembered for the report-level entries."""

    def finding(self, rec: list[str], cve_texts: list[str]) -> Finding | None:
        raw = rec[1].strip()
        who, _keep = self._who[raw, rec[2]]
        if who is not None and raw and raw not in self.seen:
            self.seen[raw] = who
        return super().finding(rec, cve_texts)

    def entry(self, ip_text: str, hostname: str) -> Finding | None:
        raw = ip_text.strip()
        who = identity([raw], [hostname])
        if who is None:
            return None
        self.hosts_seen = True
        known = self.seen.get(raw)
        if known is not None and who[1] is None:
            who = (known[0], known[1], tuple(dict.fromkeys((*known[2], *who[2]))), known[3])
        self.seen.setdefault(raw, who)
        address, ip, names, ips = who
        return Finding(address=address, ip=ip, hostnames=names, ip_addresses=ips, scanner=self.scanner)


def parse(stream: BinaryIO, ctx: ParseContext, scanner: str = "openvas") -> Iterator[Finding]:
    """The twin of ``OpenVasParser.parse``: the PathWalker version (a stack and one callback per tag)."""
    done: list[Finding] = []
    memo = _OldMemo(ctx, scanner)
    counts = [0, 0, 0]  # <results> elements, result records, <report> elements outside results and entries
    root_tag = [""]
    cur: _Result | None = None
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
        root_tag[0] = tag
        _refuse_root(ctx, tag, attrs)  # the root decision is no part of the fast path

    def on_results(_attrs: dict[str, str]) -> None:
        counts[0] += 1

    def on_report(_attrs: dict[str, str]) -> None:
        if cur is None and entry is None and len(stack) == 2:
            counts[2] += 1

    def on_result(_attrs: dict[str, str]) -> None:
        nonlocal cur, depth
        if cur is None and len(stack) > 1 and stack[-2] in _RESULT_PARENTS:
            cur, depth = _Result(), len(stack)
            counts[1] += 1

    def end_result() -> None:
        nonlocal cur
        if cur is not None and len(stack) == depth:
            found = memo.finding(
                [cur.oid, cur.host, cur.hostname, cur.port, cur.threat, cur.cvss, cur.nvt_cvss, cur.name],
                cur.cves,
            )
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
            "report": on_report,
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
    if not counts[0] and not counts[1] and not memo.hosts_seen:
        raise ctx.error(no_results(root_tag[0], counts[2]), location=walker.driver.position)
