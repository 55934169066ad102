"""OWASP ZAP traditional reports: XML (root ``<OWASPZAPReport>``) and JSON (``{"site": [...]}``).

* Every ``site`` is a host (also one with no alerts), keyed by the site's ``host``; the http and https
  sites of one host merge into one host with both ports. The port is the site's ``port`` (``tcp``).
* One finding per alert (``alertitem`` / ``alerts[]``): ``pluginid`` as ``source_id``, ``alert`` /
  ``name`` as ``title``, ``riskcode`` 0-3 as severity (Info..High).
* CVE ids only from structured places: ids named by URLs in the alert's ``reference`` and by its
  ``tags`` (a tag key that is a CVE id, or a tag link naming one). ``otherinfo``, ``desc``,
  ``evidence`` and the instances are never searched.

The XML is streamed alert by alert. The JSON is read site by site (a site's alerts and instances are
held while it is read; a site larger than :data:`MAX_SITE_BYTES` is refused).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import BinaryIO, ClassVar

from ._context import ParseContext
from ._json import head_keys, head_starts_like_json
from ._model import Finding
from ._source import _ReplayStream, read_head
from ._xml import sniff_root
from ._xml_walk import PathWalker
from ._zap_alert import Site, alert_finding, site_finding
from ._zap_json import MAX_SITE_BYTES, zap_json_findings

__all__ = ["MAX_SITE_BYTES", "ZapParser"]

_ROOT = "OWASPZAPReport"
_FIELDS = frozenset({"pluginid", "alert", "name", "riskcode", "reference"})


class ZapParser:
    """Reads OWASP ZAP traditional XML and JSON reports (see the module docstring)."""

    name: ClassVar[str] = "zap"
    priority: ClassVar[int] = 45
    description: ClassVar[str] = "OWASP ZAP traditional XML or JSON report"

    def sniff(self, head: bytes) -> float:
        """0.95 for an ``OWASPZAPReport`` root or ZAP JSON (``site`` with ``@version`` / ``@generated``)."""
        if head_starts_like_json(head):
            keys = head_keys(head)
            if "site" in keys and keys & {"@version", "@generated", "@programName"}:
                return 0.95
            return 0.5 if "site" in keys and {"alerts", "@host"} <= keys else 0.0
        root = sniff_root(head)
        if root == _ROOT:
            return 0.95
        return 0.5 if root is None and b"<OWASPZAPReport" in head else 0.0

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        """Yield one finding per site and one per alert."""
        head = read_head(stream, 4096)
        replay = io.BufferedReader(_ReplayStream(head, stream))  # the head is read again by the parser
        if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
            yield from zap_json_findings(replay, ctx, self.name)
        else:
            yield from self._xml(replay, ctx)

    def _xml(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        done: list[Finding] = []
        site: Site | None = None
        alert: dict[str, str] | None = None
        tags: list[tuple[str, str]] = []
        tag: list[str] = ["", ""]
        depth = 0
        scanner = self.name

        def root(name: str, _attrs: dict[str, str]) -> None:
            if name != _ROOT:
                raise ctx.error(
                    f"unsupported root <{name}>: a ZAP traditional XML report has an <{_ROOT}> root",
                    location=f"root element <{name}>",
                )

        def start_site(attrs: dict[str, str]) -> None:
            nonlocal site
            if walker.parent() == _ROOT:
                get = attrs.get
                site = Site(get("name", ""), get("host", ""), get("port", ""), get("ssl", ""))
                found = site_finding(site, scanner)
                if found is None:
                    ctx.skip(f"site {get('name', '')!r}", "site without a host")
                else:
                    done.append(found)

        def end_site() -> None:
            nonlocal site
            if walker.parent() == _ROOT:
                site = None

        def start_alert(_attrs: dict[str, str]) -> None:
            nonlocal alert, depth
            if site is not None and alert is None and walker.parent() == "alerts":
                alert, depth = {}, len(stack)
                tags.clear()

        def end_alert() -> None:
            nonlocal alert
            if site is not None and alert is not None and len(stack) == depth:
                get = alert.get
                found = alert_finding(
                    site,
                    plugin=get("pluginid", ""),
                    title=get("alert", "") or get("name", ""),
                    risk=get("riskcode", ""),
                    reference=get("reference", ""),
                    tags=list(tags),
                    scanner=scanner,
                )
                if found is not None:
                    done.append(found)
                alert = None

        def sink_for(tag: str) -> Callable[[str], None]:
            def sink(text: str) -> None:
                if alert is not None:
                    alert[tag] = text

            return sink

        sinks = {tag: sink_for(tag) for tag in _FIELDS}

        def set_key(text: str) -> None:
            tag[0] = text.strip()

        def set_link(text: str) -> None:
            tag[1] = text.strip()

        def start_field(_attrs: dict[str, str]) -> None:
            if alert is not None and len(stack) == depth + 1:
                walker.capture(sinks[stack[-1]])

        def start_tag(_attrs: dict[str, str]) -> None:
            # <tags><tag><tag>CVE-...</tag><link>https://...</link></tag></tags>
            if alert is None:
                return
            if len(stack) == depth + 3 and stack[-2] == "tag":
                walker.capture(set_key)
            elif len(stack) == depth + 2 and stack[-2] == "tags":
                tag[0] = tag[1] = ""

        def end_tag() -> None:
            if alert is not None and len(stack) == depth + 2 and stack[-2] == "tags":
                tags.append((tag[0], tag[1]))

        def start_link(_attrs: dict[str, str]) -> None:
            if alert is not None and len(stack) == depth + 3 and stack[-2] == "tag":
                walker.capture(set_link)

        walker = PathWalker(
            ctx,
            record_end=b"</alertitem",
            root=root,
            starts={
                "site": start_site,
                "alertitem": start_alert,
                **dict.fromkeys(_FIELDS, start_field),
                "tag": start_tag,
                "link": start_link,
            },
            ends={"site": end_site, "alertitem": end_alert, "tag": end_tag},
        )
        stack = walker.stack
        yield from walker.records(stream, done, what="ZAP alert field")
