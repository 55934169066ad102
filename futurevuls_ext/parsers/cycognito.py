"""CyCognito issues export (JSON array of issues, also JSON Lines), as used by DefectDojo's importer.

* target: ``affected_asset`` is ``<type>/<value>``: ``ip/2.3.4.5`` -> address ``2.3.4.5``;
  ``domain/www.example.com`` -> ``www.example.com``; ``webapp/<url or host>`` -> the host; any other
  type (``cert/<id>``, ``iprange/...``) keeps the whole value as its own address;
* port: ``port`` (protocol ``tcp``); CVEs: ``cve_ids`` (list or comma-joined string);
* severity: ``severity`` (``low`` ... ``critical``); CVSS: ``base_severity_score``;
  ``source_id``: ``issue_id`` (else ``id``); ``title``: ``title``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from .._numbers import ascii_port, cvss_number
from ._context import ParseContext
from ._cve import split_cves
from ._json import RecordGate, refuse_empty
from ._json_parser import JsonRecordsParser, keyed_score
from ._model import Finding, Severity
from ._target import canonical_ip, split_target

__all__ = ["CyCognitoParser", "asset_target"]


def asset_target(value: str) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    """Split an ``affected_asset`` into (address, hostnames, ip addresses); None when empty."""
    kind, sep, rest = value.strip().partition("/")
    rest = rest.strip()
    if not sep or not rest:
        return None
    kind = kind.lower()
    if kind == "ip":
        ip = canonical_ip(rest)
        return (ip, (), (ip,)) if ip else (rest, (), ())
    if kind in ("domain", "webapp", "hostname", "host"):
        target = split_target(rest)
        if target.host is None:
            return None
        if target.is_ip:
            return target.host, (), (target.host,)
        return target.host, (target.host,), ()
    return value.strip(), (), ()


def _cvss(value: Any) -> float | None:
    return None if isinstance(value, str) else cvss_number(value)


_ISSUE_KEYS = frozenset({"issue_id", "cve_ids", "base_severity", "issue_type"})
"""Keys of a CyCognito issue besides ``affected_asset``."""


class CyCognitoParser(JsonRecordsParser):
    """Parser for the CyCognito issues export."""

    name: ClassVar[str] = "cycognito"
    priority: ClassVar[int] = 40
    description: ClassVar[str] = "CyCognito issues export (JSON)"

    def sniff(self, head: bytes) -> float:
        """Score JSON issues carrying ``affected_asset`` and CyCognito's issue keys."""
        return keyed_score(head, "affected_asset", _ISSUE_KEYS)

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        """Yield one finding per issue."""
        gate = RecordGate(ctx, "CyCognito", record="issue")
        reader = self.records(stream, ctx, gate, wrapper_keys=("issues", "data"))
        for record, line in reader:
            asset = record.get("affected_asset") if type(record) is dict else None
            if not isinstance(asset, str):
                gate.reject(line, "not a CyCognito issue (no affected_asset)")
                continue
            gate.valid += 1
            target = asset_target(asset)
            if target is None:
                ctx.skip(f"line {line}", f"affected_asset {asset!r} names no asset")
                continue
            address, hostnames, ips = target
            port = ascii_port(record.get("port"))
            source = record.get("issue_id") or record.get("id")
            title = record.get("title")
            yield Finding(
                address=address,
                ip=ips[0] if ips else None,
                hostnames=hostnames,
                ip_addresses=ips,
                port=port,
                protocol="tcp" if port is not None else None,
                cve_ids=split_cves(record.get("cve_ids")),
                severity=Severity.parse(record.get("severity")),
                cvss=_cvss(record.get("base_severity_score")),
                source_id=str(source) if source is not None else None,
                title=title if isinstance(title, str) else None,
                scanner=self.name,
            )
        gate.finish()
        refuse_empty(reader, gate, empty_export="[]")
