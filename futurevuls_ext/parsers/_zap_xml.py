"""The ZAP traditional XML report, streamed alert by alert with a single start-element handler.

ZAP's element names are unique to their place (``pluginid``, ``riskcode``, ``reference``... only occur
in an ``alertitem``; ``alertitem`` only in a site's ``alerts``), so no element stack is needed: an
alert is complete when the next ``alertitem`` or ``site`` starts, or the document ends (the driver
counts ``</alertitem`` end tags so that a file cut inside an alert drops that alert).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from ._context import ParseContext
from ._model import Finding
from ._xml import ExpatDriver
from ._xml_walk import flat_records
from ._zap_alert import Site, alert_finding, site_finding

__all__ = ["ROOT", "zap_xml_findings"]

ROOT = "OWASPZAPReport"
_FIELDS = frozenset({"pluginid", "alert", "name", "riskcode", "reference"})


def zap_xml_findings(stream: BinaryIO, ctx: ParseContext, scanner: str) -> Iterator[Finding]:
    """Yield a bare finding per ``site`` and one finding per ``alertitem``."""
    driver = ExpatDriver(ctx, record_end=b"</alertitem")
    parser = driver.parser
    done: list[Finding] = []
    buf: list[str] = []
    collect = buf.append
    fields = _FIELDS
    key = prev = ""  # the element whose text is being collected; the previous start tag
    alerts = 0
    site: Site | None = None
    alert: dict[str, str] | None = None
    tags: list[tuple[str, str]] = []
    pair = ["", ""]  # the open <tag>: its key (inner <tag>) and <link>

    def flush() -> None:
        nonlocal key
        text = buf[0] if len(buf) == 1 else "".join(buf)
        buf.clear()
        parser.CharacterDataHandler = None
        field, key = key, ""
        if field == "#tag":
            pair[0] = text.strip()
        elif field == "#link":
            pair[1] = text.strip()
        elif alert is not None:
            alert[field] = text

    def close_pair() -> None:
        if pair[0] or pair[1]:
            tags.append((pair[0], pair[1]))
        pair[0] = pair[1] = ""

    def finish_alert() -> None:
        nonlocal alert
        if alert is None or site is None:
            alert = None
            return
        close_pair()
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
        tags.clear()

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal site, alert, key, prev, alerts
        if key:
            flush()
        if tag in fields:
            if alert is not None:
                key = tag
                parser.CharacterDataHandler = collect
        elif tag == "alertitem":
            finish_alert()
            alert = {}
            alerts += 1
        elif tag == "tag":
            if alert is not None:
                if prev == "tag":  # <tag><tag>CVE-...</tag><link>...</link></tag>
                    key = "#tag"
                    parser.CharacterDataHandler = collect
                else:
                    close_pair()
        elif tag == "link":
            if alert is not None:
                key = "#link"
                parser.CharacterDataHandler = collect
        elif tag == "site":
            finish_alert()
            get = attrs.get
            site = Site(get("name", ""), get("host", ""), get("port", ""), get("ssl", ""))
            found = site_finding(site, scanner)
            if found is None:
                ctx.skip(f"site {get('name', '')!r}", "site without a host")
            else:
                done.append(found)
        prev = tag

    def root(name: str, attrs: dict[str, str]) -> None:
        driver.started = True
        if name != ROOT:
            raise ctx.error(
                f"unsupported root <{name}>: a ZAP traditional XML report has an <{ROOT}> root",
                location=f"root element <{name}>",
            )
        parser.StartElementHandler = start

    parser.StartElementHandler = root
    yield from flat_records(
        driver,
        stream,
        buf,
        done,
        what="ZAP alert field",
        text_open=lambda: bool(key),
        flush=flush,
        finish=finish_alert,
        started=lambda: alerts,
    )
