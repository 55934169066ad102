"""Burp Suite "Report issues" XML export (root ``<issues>``).

Burp writes an internal DTD of ``<!ELEMENT>`` / ``<!ATTLIST>`` declarations before the root: it is
accepted; any ``<!ENTITY>`` declaration (and any external DTD) is refused, as for every XML report.

One finding per ``issues/issue``, handed out at its ``</issue>``:

* host: ``<host ip="...">http://name</host>``: the address is ``@ip`` when it is a valid IP, else the
  URL's host; the URL's host name is kept as a host name; issues over http and https of one host merge;
* port: the URL's explicit port, else 443 / 80 by scheme (protocol ``tcp``);
* CVEs: only ids named in the path or query of URLs inside ``<references>`` and
  ``<vulnerabilityClassifications>`` (``https://nvd.nist.gov/vuln/detail/CVE-2021-44228``); ids that
  appear elsewhere (``issueDetail``, even inside links there; request/response bodies) are never taken;
* severity from ``<severity>`` (High, Medium, Low, Information), the issue ``<type>`` as ``source_id``,
  ``<name>`` as ``title``. Requests and responses (often base64, often large) are never held.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO, ClassVar

from ._context import ParseContext
from ._hostid import identity, url_cves
from ._model import Finding, Severity
from ._speedups import new_finding
from ._target import split_target
from ._xml import sniff_root
from ._xml_walk import PathWalker

__all__ = ["BurpParser"]

_FIELDS = frozenset({"host", "name", "type", "severity", "references", "vulnerabilityClassifications"})


class _Issue:
    __slots__ = ("fields", "ip")

    def __init__(self) -> None:
        self.ip = ""
        self.fields: dict[str, str] = {}


class BurpParser:
    """Reads Burp Suite issue exports (see the module docstring)."""

    name: ClassVar[str] = "burp"
    priority: ClassVar[int] = 45
    description: ClassVar[str] = "Burp Suite 'Report issues' XML export"

    def sniff(self, head: bytes) -> float:
        """0.95 for an ``<issues>`` root with Burp markers; 0.5 for Burp markers in an unreadable prologue."""
        root = sniff_root(head)
        markers = b"burpVersion" in head or (b"<issue>" in head and b"<serialNumber>" in head)
        if root == "issues":
            return 0.95 if markers else 0.3
        if root is None and markers and b"<issues" in head:
            return 0.5  # e.g. an entity declaration in the DTD: parse refuses it clearly
        return 0.0

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        """Yield one finding per issue as it completes."""
        done: list[Finding] = []
        cur: _Issue | None = None
        depth = 0
        count = 0
        scanner = self.name

        def root(tag: str, _attrs: dict[str, str]) -> None:
            if tag != "issues":
                raise ctx.error(
                    f"unsupported root <{tag}>: a Burp Suite issues export has an <issues> root "
                    "(Burp: select issues > Report issues > XML)",
                    location=f"root element <{tag}>",
                )

        def start_issue(_attrs: dict[str, str]) -> None:
            nonlocal cur, depth, count
            if cur is None and walker.parent() == "issues":
                cur, depth = _Issue(), len(stack)
                count += 1

        def end_issue() -> None:
            nonlocal cur
            if cur is not None and len(stack) == depth:
                found = self._finding(cur, f"issue[{count}]", ctx, scanner)
                if found is not None:
                    done.append(found)
                cur = None

        def sink_for(tag: str) -> Callable[[str], None]:
            def sink(text: str) -> None:
                if cur is not None:
                    cur.fields[tag] = text

            return sink

        sinks = {tag: sink_for(tag) for tag in _FIELDS}

        def start_field(attrs: dict[str, str]) -> None:
            if cur is not None and len(stack) == depth + 1:
                tag = stack[-1]
                if tag == "host":
                    cur.ip = attrs.get("ip", "")
                walker.capture(sinks[tag])

        walker = PathWalker(
            ctx,
            record_end=b"</issue>",
            root=root,
            starts={"issue": start_issue, **dict.fromkeys(_FIELDS, start_field)},
            ends={"issue": end_issue},
        )
        stack = walker.stack
        yield from walker.records(stream, done, what="Burp issue field")

    @staticmethod
    def _finding(issue: _Issue, where: str, ctx: ParseContext, scanner: str) -> Finding | None:
        fields = issue.fields
        url = fields.get("host", "").strip()
        target = split_target(url) if url else None
        host = target.host if target is not None else None
        who = identity([issue.ip], [host])
        if who is None:
            ctx.skip(where, "issue without a host IP or URL")
            return None
        port = target.default_port if target is not None and host is not None else None
        cves = url_cves(fields.get("references", ""))
        cves |= url_cves(fields.get("vulnerabilityClassifications", ""))
        address, ip, names, ips = who
        return new_finding(
            address=address,
            ip=ip,
            hostnames=names,
            ip_addresses=ips,
            port=port,
            protocol="tcp" if port is not None else None,
            service=target.scheme if target is not None else None,
            cve_ids=cves,
            severity=Severity.parse(fields.get("severity", "")),
            source_id=fields.get("type", "").strip() or None,
            title=fields.get("name", "").strip() or None,
            scanner=scanner,
        )
