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

from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from ._context import ParseContext
from ._hostid import Identity, ip_and_name, url_cves, web_finding
from ._model import Finding, Severity
from ._speedups import BoundedCache
from ._target import split_origin
from ._xml import sniff_root
from ._xml_walk import FlatWalk

__all__ = ["BurpParser"]

_SLOTS = {"host": 1, "name": 2, "type": 3, "severity": 4, "references": 5, "vulnerabilityClassifications": 6}
"""Where an issue's fields go in its record: ``[host@ip, host, name, type, severity, references, classes]``.
"""
_HOST = _SLOTS["host"]
_REFUSAL = "a Burp Suite issues export has an <issues> root (Burp: select issues > Report issues > XML)"


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
        """Yield one finding per issue as it completes (a single start-element handler, no stack).

        Burp's field names (``host``, ``name``, ``type``, ``references``...) occur only as children of
        an ``issue``, so an issue is complete when the next one starts or the document ends; the
        driver counts ``</issue>`` end tags so that a file cut inside an issue drops that issue.
        """
        walk: FlatWalk[Finding] = FlatWalk(ctx, record_end=b"</issue>", root="issues", refusal=_REFUSAL)
        parser, buf, done = walk.parser, walk.buf, walk.done
        parser.ordered_attributes = True  # attributes as [name, value, ...]: a list is cheaper than a dict
        collect = buf.append
        slots = _SLOTS
        cur: list[str] | None = None  # the open issue's record (see _SLOTS)
        slot = 0  # the record slot of the element whose text is being collected (0: none)
        scanner = self.name
        target, detail = _target, _detail

        def flush() -> None:
            nonlocal slot
            if cur is not None:
                cur[slot] = buf[0] if len(buf) == 1 else "".join(buf)
            buf.clear()
            slot = 0
            parser.CharacterDataHandler = None

        def finish() -> None:  # the finding of the open issue record (see _SLOTS): _finding, inline
            nonlocal cur
            if cur is not None:
                who, port, scheme = target[cur[0], cur[1].strip()]
                if who is None:
                    ctx.skip(f"issue[{walk.started}]", "issue without a host IP or URL")
                else:
                    done.append(
                        web_finding(
                            who, port, scheme, detail[cur[2], cur[3], cur[4], cur[5], cur[6]], scanner
                        )
                    )
                cur = None

        def start(tag: str, attrs: list[str]) -> None:
            nonlocal cur, slot
            if slot:  # the text being collected ends here (flush, inline: slot is set in an issue only)
                cur[slot] = buf[0] if len(buf) == 1 else "".join(buf)  # type: ignore[index]
                buf.clear()
                slot = 0
                parser.CharacterDataHandler = None
            if tag in slots:  # a containment test: cheaper than a call for the many tags passed over
                i = slots[tag]
                if cur is not None:
                    if i == _HOST:
                        cur[0] = attrs[1] if attrs and attrs[0] == "ip" else _attribute(attrs, "ip")
                    slot = i
                    parser.CharacterDataHandler = collect
            elif tag == "issue":
                finish()
                cur = ["", "", "", "", "", "", ""]
                walk.started += 1

        return walk.records(stream, start, what="Burp issue field", flush=flush, finish=finish)


def _attribute(attrs: list[str], name: str) -> str:
    """The value of attribute ``name`` in expat's ordered ``[name, value, ...]`` list ("" when absent)."""
    for i in range(0, len(attrs) - 1, 2):
        if attrs[i] == name:
            return attrs[i + 1]
    return ""


def _target_of(key: tuple[str, str]) -> tuple[Identity | None, int | None, str | None]:
    """(identity, port, scheme) of ``<host ip="...">url</host>``.

    Burp writes an origin (``https://web01.example``), which :func:`split_origin` reads by one match.
    """
    ip, url = key
    target = split_origin(url) if url else None
    host = target.host if target is not None else None
    who = ip_and_name(ip, host)
    port = target.default_port if target is not None and host is not None else None
    return who, port, target.scheme if target is not None else None


def _detail_of(
    key: tuple[str, str, str, str, str],
) -> tuple[frozenset[str], Severity | None, str | None, str | None]:
    """(CVE ids, severity, source id, title) of an issue's name, type, severity, references, classifications.

    CVE ids come only from the URLs of the references and classifications.
    """
    name, kind, severity, references, classifications = key
    return (
        url_cves(references) | url_cves(classifications),
        Severity.parse(severity),
        kind.strip() or None,
        name.strip() or None,
    )


# the issues of one host repeat its <host>, the issues of one type its name, severity and references:
# convert each once
_target = BoundedCache(_target_of, entries=4096)
_detail = BoundedCache(_detail_of, entries=4096)
