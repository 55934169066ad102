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
from ._xml_walk import FlatWalk
from ._zap_alert import Site, alert_finding, site_finding

__all__ = ["ROOT", "zap_xml_findings"]

ROOT = "OWASPZAPReport"
_REFUSAL = f"a ZAP traditional XML report has an <{ROOT}> root"
_FIELDS = {"pluginid": 1, "alert": 2, "name": 3, "riskcode": 4, "reference": 5}
"""An alert field's slot in the alert record (slot 0 is unused)."""
_ALERT, _NAME = _FIELDS["alert"], _FIELDS["name"]
_TAG_KEY, _TAG_LINK = 6, 7  # slots of a <tag>'s inner <tag> and <link> text (kept in ``pair``)
_ALERTITEM, _TAG, _LINK, _SITE = 10, 11, 12, 13
_CODES = {**_FIELDS, "alertitem": _ALERTITEM, "tag": _TAG, "link": _LINK, "site": _SITE}
"""What each start tag the walk acts on is: a field slot (< 10), or one of the structural codes."""


def zap_xml_findings(stream: BinaryIO, ctx: ParseContext, scanner: str) -> Iterator[Finding]:
    """A bare finding per ``site`` and one finding per ``alertitem``, as each completes."""
    walk: FlatWalk[Finding] = FlatWalk(ctx, record_end=b"</alertitem", root=ROOT, refusal=_REFUSAL)
    parser, buf, done = walk.parser, walk.buf, walk.done
    collect = buf.append
    codes = _CODES
    slot = 0  # the slot of the element whose text is being collected (0: none)
    prev = ""  # the previous start tag
    site: Site | None = None
    alert: list[str] | None = None  # the open alert's fields, by slot
    tags: list[tuple[str, str]] = []
    pair = ["", ""]  # the open <tag>: its key (inner <tag>) and <link>

    def flush() -> None:
        nonlocal slot
        text = buf[0] if len(buf) == 1 else "".join(buf)
        buf.clear()
        parser.CharacterDataHandler = None
        if slot >= _TAG_KEY:
            pair[slot - _TAG_KEY] = text.strip()
        elif alert is not None:
            alert[slot] = text
        slot = 0

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
        found = alert_finding(site, alert[1], alert[2] or alert[3], alert[4], alert[5], tags, scanner)
        if found is not None:
            done.append(found)
        alert = None
        tags.clear()

    def collect_into(code: int) -> None:
        nonlocal slot
        slot = code
        parser.CharacterDataHandler = collect

    def structure(code: int, attrs: dict[str, str]) -> None:
        """An ``alertitem``, ``tag``, ``link`` or ``site`` start tag."""
        nonlocal site, alert
        if code == _ALERTITEM:
            finish_alert()
            alert = ["", "", "", "", "", ""]
            walk.started += 1
        elif code == _TAG:
            if alert is not None:
                if prev == "tag":  # <tag><tag>CVE-...</tag><link>...</link></tag>
                    collect_into(_TAG_KEY)
                else:
                    close_pair()
        elif code == _LINK:
            if alert is not None:
                collect_into(_TAG_LINK)
        else:
            finish_alert()
            get = attrs.get
            site = Site(get("name", ""), get("host", ""), get("port", ""), get("ssl", ""))
            found = site_finding(site, scanner)
            if found is None:
                ctx.skip(f"site {get('name', '')!r}", "site without a host")
            else:
                done.append(found)

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal slot, prev
        if slot:  # the text being collected ends here (flush, inline for an alert field)
            if slot < _TAG_KEY and alert is not None:
                alert[slot] = buf[0] if len(buf) == 1 else "".join(buf)
                buf.clear()
                parser.CharacterDataHandler = None
                slot = 0
            else:
                flush()
        if tag in codes:  # a containment test: cheaper than a call for the many tags passed over
            code = codes[tag]
            if code < _ALERTITEM:
                # (<name> only matters without <alert>, which ZAP writes before it: title = alert or name)
                if alert is not None and not (code == _NAME and alert[_ALERT]):
                    slot = code
                    parser.CharacterDataHandler = collect
            else:
                structure(code, attrs)
        prev = tag

    return walk.records(stream, start, what="ZAP alert field", flush=flush, finish=finish_alert)
