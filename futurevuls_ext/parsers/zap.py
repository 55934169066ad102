"""OWASP ZAP traditional reports: XML (root ``<OWASPZAPReport>``) and JSON (``{"site": [...]}``).

* Every ``site`` is a host (also one with no alerts), keyed by the site's ``host``; the http and https
  sites of one host merge into one host with both ports. The port is the site's ``port`` (``tcp``).
* One finding per alert (``alertitem`` / ``alerts[]``): ``pluginid`` as ``source_id``, ``alert`` /
  ``name`` as ``title``, ``riskcode`` 0-3 as severity (Info..High).
* CVE ids only from structured places: ids named by URLs in the alert's ``reference`` and by its
  ``tags`` (a tag key that is a CVE id, or a tag link naming one). ``otherinfo``, ``desc``,
  ``evidence`` and the instances are never searched.

The XML is streamed alert by alert (``_zap_xml``). The JSON is read site by site (a site's alerts and
instances are held while it is read; a site larger than :data:`MAX_SITE_BYTES` is refused).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from ._context import ParseContext
from ._json import head_keys, head_starts_like_json
from ._model import Finding
from ._source import _ReplayStream, read_head
from ._xml import sniff_root
from ._zap_json import MAX_SITE_BYTES, zap_json_findings
from ._zap_xml import ROOT, zap_xml_findings

__all__ = ["MAX_SITE_BYTES", "ZapParser"]

_ROOT = ROOT


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
        """The findings: one per site and one per alert."""
        head = read_head(stream, 4096)
        replay = io.BufferedReader(_ReplayStream(head, stream))  # the head is read again by the parser
        if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
            return zap_json_findings(replay, ctx, self.name)
        return zap_xml_findings(replay, ctx, self.name)
