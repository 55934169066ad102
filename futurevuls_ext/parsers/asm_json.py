"""The generic ``asm-json`` shape: a small, versioned JSON format any ASM tool's export can be converted to.

Format ``futurevuls-asm``, version 1. Either one object::

    {"format": "futurevuls-asm", "version": 1,
     "assets": [
       {"host": "www.example.com", "ip": "203.0.113.5", "port": 443, "protocol": "tcp",
        "service": "https", "cve_ids": ["CVE-2021-44228"], "title": "Log4Shell",
        "severity": "critical", "cvss": 10.0, "id": "log4j-rce"},
       {"host": "203.0.113.9"}
     ]}

or JSON Lines: an optional header line ``{"format": "futurevuls-asm", "version": 1}`` followed by
one asset object per line (a bare JSON array of assets is read too).

Asset keys (unknown keys are ignored, so tools may add their own):

============  ===========================================================================
``host``      host name, IP literal, ``host:port`` or URL (its host and explicit/default port
              are used). Required unless ``ip`` is given.
``ip``        an IP address or a list of them (all kept in ``ip_addresses``).
``hostnames`` more names of the same asset (list).
``port``      1-65535; ``protocol`` defaults to ``tcp`` when a port is given.
``service``   service name on the port.
``cve_ids``   list of CVE ids or one comma-separated string; ids are validated and upper-cased.
``title``, ``severity`` (``info`` ... ``critical`` or 0-4), ``cvss`` (number), ``id`` (the check's id).
============  ===========================================================================

``Finding.address`` is the host's name (or IP literal) when ``host`` is given, else the first ``ip``.
A ``format`` other than ``futurevuls-asm`` or a ``version`` other than 1 is refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from .._numbers import cvss_number
from ._context import ParseContext
from ._cve import split_cves
from ._json import RecordGate, head_starts_like_json, refuse_empty
from ._json_parser import JsonRecordsParser
from ._model import Finding, Severity
from ._target import canonical_ip, split_target

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "AsmJsonParser"]

FORMAT_NAME = "futurevuls-asm"
"""The value of the ``format`` key."""
FORMAT_VERSION = 1
"""The supported ``version``."""


def _ips(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        ip = canonical_ip(item) if isinstance(item, str) else None
        if ip is not None and ip not in out:
            out.append(ip)
    return out


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


class AsmJsonParser(JsonRecordsParser):
    """Parser for the documented generic ``futurevuls-asm`` JSON shape (see the module docstring)."""

    name: ClassVar[str] = "asm-json"
    priority: ClassVar[int] = 60
    description: ClassVar[str] = "Generic ASM JSON ('futurevuls-asm' v1: assets with host, ip, port, cve_ids)"

    def sniff(self, head: bytes) -> float:
        """Score JSON that declares ``"format": "futurevuls-asm"``."""
        if head_starts_like_json(head) and b'"futurevuls-asm"' in head:
            return 0.99
        return 0.0

    def _check_header(self, header: dict[str, Any], ctx: ParseContext, where: str) -> None:
        fmt, version = header.get("format"), header.get("version", FORMAT_VERSION)
        if fmt is not None and fmt != FORMAT_NAME:
            raise ctx.error(f"format {fmt!r} is not {FORMAT_NAME!r}", location=where)
        if version != FORMAT_VERSION:
            raise ctx.error(
                f"{FORMAT_NAME} version {version!r} is not supported (only {FORMAT_VERSION})", location=where
            )

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        """Yield one finding per asset."""
        gate = RecordGate(ctx, FORMAT_NAME, record="asset")
        reader = self.records(stream, ctx, gate, wrapper_keys=("assets",))
        checked = False
        for record, line in reader:
            if not checked and reader.wrappers:
                self._check_header(reader.current_envelope, ctx, f"line {line}")
                checked = True
            if type(record) is not dict:
                gate.reject(line, f"a JSON {type(record).__name__}, not an asset object")
                continue
            if "format" in record and "host" not in record and "ip" not in record:
                self._check_header(record, ctx, f"line {line}")
                gate.valid += 1
                continue
            finding = self._asset(record)
            if finding is None:
                gate.reject(line, "asset without a usable 'host' or 'ip'")
                continue
            gate.valid += 1
            yield finding
        for envelope in reader.envelopes:
            self._check_header(envelope, ctx, "end of file")
        gate.finish()
        refuse_empty(reader, gate, empty_export='{"format": "futurevuls-asm", "version": 1, "assets": []}')

    def _asset(self, record: dict[str, Any]) -> Finding | None:
        ips = _ips(record.get("ip"))
        host_text = _text(record.get("host"))
        target = split_target(host_text) if host_text else None
        names = [n.lower() for n in (record.get("hostnames") or []) if isinstance(n, str) and n.strip()]
        if target is not None and target.host is not None:
            address = target.host
            if target.is_ip:
                if address not in ips:
                    ips.insert(0, address)
            elif address not in names:
                names.insert(0, address)
        elif ips:
            address = ips[0]
        else:
            return None
        port = record.get("port")
        if not (isinstance(port, int) and not isinstance(port, bool) and 0 < port < 65536):
            port = target.default_port if target is not None else None
        protocol = (_text(record.get("protocol")) or "tcp").lower() if port is not None else None
        cvss = record.get("cvss")
        check = record.get("id")
        return Finding(
            address=address,
            ip=ips[0] if ips else None,
            hostnames=tuple(names),
            ip_addresses=tuple(ips),
            port=port,
            protocol=protocol,
            service=_text(record.get("service")),
            cve_ids=split_cves(record.get("cve_ids")),
            severity=Severity.parse(record.get("severity")),
            cvss=cvss_number(cvss) if isinstance(cvss, int | float) else None,
            source_id=str(check) if check is not None else None,
            title=_text(record.get("title")),
            scanner=self.name,
        )
