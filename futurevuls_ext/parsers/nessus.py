"""Tenable Nessus ``.nessus`` (NessusClientData_v2) parser: streaming, defused, memory-flat.

Driven by a hardened pyexpat parser with a single start-element handler; character data is
collected only inside the few elements whose text is needed (host tags, ``<cve>``, CVSS scores),
so the cost per element stays close to a bare expat pass and no tree is ever built.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from .._exceptions import ParseError
from ._context import ParseContext
from ._errors import TruncatedReportError
from ._model import Finding
from ._nessus_host import HostBuilder
from ._xml import ExpatDriver, sniff_root

__all__ = ["NessusParser"]

_ROOT = "NessusClientData_v2"
_TEXT_TAGS = frozenset({"host-ip", "host-fqdn", "hostname", "netbios-name", "host-rdns"})
# start-tag codes
_REPORT_HOST, _HOST_PROPERTIES, _TAG, _REPORT_ITEM, _CVE, _CVSS3, _CVSS2 = range(1, 8)
_CODES = {
    "ReportHost": _REPORT_HOST,
    "HostProperties": _HOST_PROPERTIES,
    "tag": _TAG,
    "ReportItem": _REPORT_ITEM,
    "cve": _CVE,
    "cvss3_base_score": _CVSS3,
    "cvss_base_score": _CVSS2,
    "cvssv3": _CVSS3,  # Nessus WAS (Tenable.io Web App Scanning) writes <cvssv3> / <cvss>
    "cvss": _CVSS2,
}
_ITEM_KEYS = ("",) * _CVSS3 + ("cvss3_base_score", "cvss_base_score")
"""The ReportItem key a collected score text is stored under, by code (both spellings, one key)."""


class NessusParser:
    """Reads Nessus v2 exports: one finding per ReportItem, hosts keyed by ``host-ip``.

    * host address = the ``host-ip`` tag, else ``ReportHost@name``;
    * hostnames = ``host-fqdn``, ``hostname``, ``netbios-name``, ``host-rdns`` and a non-IP name;
    * every ``<cve>`` of every ReportItem (severity 0 included), severity 0-4, CVSS v3 else v2,
      ``pluginID`` as ``source_id``; port 0 (host-level items) gives no port;
    * legacy v1 (``NessusClientData``) and other roots are rejected before any host is read.
    """

    name: ClassVar[str] = "nessus"
    priority: ClassVar[int] = 50
    description: ClassVar[str] = "Tenable Nessus .nessus v2 XML export"

    def sniff(self, head: bytes) -> float:
        """1.0 for a NessusClientData_v2 root; 0.6 for other NessusClientData roots (to reject them)."""
        root = sniff_root(head)
        if root == _ROOT:
            return 1.0
        if root is not None:
            return 0.6 if root.startswith("NessusClientData") else 0.0
        return 0.5 if b"<NessusClientData" in head else 0.0

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        """Yield the findings of each ReportHost once the host is complete."""
        driver = ExpatDriver(ctx, record_end=b"</ReportHost")
        parser = driver.parser
        builder = HostBuilder(ctx, scanner=self.name)
        buf: list[str] = []
        collect = buf.append
        code_of = _CODES.get
        text_tags = _TEXT_TAGS
        item_keys = _ITEM_KEYS
        mode = 0  # code of the element whose text is being collected, 0 when none
        in_props = False
        cves: list[str] = []  # the current item's <cve> texts
        sink: dict[str, str] = {}  # where a collected text goes (item attributes or host tags) ...
        key = ""  # ... and under which key

        def start(tag: str, attrs: dict[str, str]) -> None:
            nonlocal mode, in_props, cves, sink, key
            if mode:  # the previous collected element ended before this start tag
                text = buf[0] if len(buf) == 1 else "".join(buf)
                buf.clear()
                if mode == _CVE:
                    cves.append(text)
                else:
                    sink[key] = text
                mode = 0
                parser.CharacterDataHandler = None
            code = code_of(tag)
            if code is None:
                return
            if code >= _CVE:
                if builder.item is not None:
                    mode, key = code, item_keys[code] if code > _CVE else tag
                    parser.CharacterDataHandler = collect
            elif code == _REPORT_ITEM:
                in_props = False
                item = builder.start_item(attrs)
                if item is not None:
                    sink, cves = item.attrs, item.cves
            elif code == _TAG:
                name = attrs.get("name", "")
                if in_props and name in text_tags:
                    mode, key, sink = code, name, builder.tags
                    parser.CharacterDataHandler = collect
            elif code == _REPORT_HOST:
                in_props = False
                builder.start_host(attrs.get("name", ""))
            elif code == _HOST_PROPERTIES:
                in_props = True

        def flush() -> None:
            start("", {})

        def root(tag: str, _attrs: dict[str, str]) -> None:
            driver.started = True
            check_root(tag, ctx)
            parser.StartElementHandler = start

        parser.StartElementHandler = root
        done = builder.done
        try:
            for batch in driver.pump(stream, buf, done, what="<cve>, CVSS or host tag"):
                yield from batch
        except TruncatedReportError:
            if mode:
                flush()
            if driver.closed >= builder.hosts_started:  # the last host's end tag was read
                builder.end_host()
            yield from done
            raise
        except ParseError:
            yield from done
            raise
        if mode:
            flush()
        builder.end_host()
        yield from done


def check_root(tag: str, ctx: ParseContext) -> None:
    """Raise ParseError unless ``tag`` is the NessusClientData_v2 root."""
    if tag == _ROOT:
        return
    if tag == "NessusClientData":
        raise ctx.error(
            "legacy Nessus v1 export (root <NessusClientData>) is not supported; "
            "export the scan again in the 'Nessus' (.nessus v2) format",
            location=f"root element <{tag}>",
        )
    raise ctx.error(
        f"unsupported root <{tag}> (only NessusClientData_v2); this is not a Nessus v2 export",
        location=f"root element <{tag}>",
    )
