"""Shodan host JSON (``/shodan/host/{ip}``, ``shodan host --format json``) and banner JSON Lines.

* A host object (``ip_str`` with ``data`` / ``ports`` / ``vulns``): address ``ip_str``, hostnames
  ``hostnames`` (``domains`` are registrable parents, not names of this host); one finding per banner
  in ``data`` (``port``, ``transport``, ``product``, ``version``, ``cpe23``/``cpe``, and the CVE keys of
  the banner's ``vulns``); a host-level finding with the top-level ``vulns`` list; ports listed in
  ``ports`` without a banner become port-only findings. CVEs are the union of both levels.
* A banner record (``shodan download`` / ``shodan parse`` output, or ``{"matches": [...]}`` search
  results): one finding.

Shodan's CVEs are inferred from product versions (``verified: false``); they are imported as given.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

import attrs

from .._numbers import ascii_port
from ._context import ParseContext
from ._cve import split_cves
from ._json import RecordGate, refuse_empty
from ._json_parser import JsonRecordsParser, keyed_score
from ._model import Finding
from ._target import canonical_ip

__all__ = ["ShodanParser"]


def _cves(value: Any) -> frozenset[str]:
    if isinstance(value, dict):
        return split_cves([k for k in value if isinstance(k, str)])
    return split_cves(value)


def _names(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(dict.fromkeys(v.strip().lower() for v in value if isinstance(v, str) and v.strip()))


def _port(value: Any) -> int | None:
    return ascii_port(value)


_HOST_KEYS = frozenset({"ports", "data", "hostnames", "vulns", "transport"})
"""Keys of a Shodan host or banner besides ``ip_str``."""


class ShodanParser(JsonRecordsParser):
    """Parser for Shodan host and banner JSON."""

    name: ClassVar[str] = "shodan"
    priority: ClassVar[int] = 40
    description: ClassVar[str] = "Shodan host JSON (/shodan/host/{ip}) or banner JSON Lines"

    def sniff(self, head: bytes) -> float:
        """Score JSON whose records carry Shodan's ``ip_str``."""
        return keyed_score(head, "ip_str", _HOST_KEYS)

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        """Yield banner and host-level findings per host record."""
        gate = RecordGate(ctx, "Shodan", record="host record")
        reader = self.records(stream, ctx, gate, wrapper_keys=("matches",))
        for record, line in reader:
            ip_str = record.get("ip_str") if type(record) is dict else None
            ip = canonical_ip(ip_str) if isinstance(ip_str, str) else None
            if ip is None:
                gate.reject(line, "not a Shodan host or banner (no valid ip_str)")
                continue
            gate.valid += 1
            yield from self._host(record, ip)
        gate.finish()
        refuse_empty(reader, gate, empty_export='{"matches": []}')

    def _host(self, record: dict[str, Any], ip: str) -> Iterator[Finding]:
        hostnames = _names(record.get("hostnames"))
        banners = record.get("data")
        if not isinstance(banners, list):
            banners = [record] if "port" in record else []
        seen: set[int] = set()
        for banner in banners:
            if not isinstance(banner, dict):
                continue
            port = _port(banner.get("port"))
            if port is not None:
                seen.add(port)
            transport = banner.get("transport")
            cpes = banner.get("cpe23") or banner.get("cpe") or []
            product, version = banner.get("product"), banner.get("version")
            yield Finding(
                address=ip,
                ip=ip,
                hostnames=hostnames or _names(banner.get("hostnames")),
                ip_addresses=(ip,),
                port=port,
                protocol=(transport.lower() if isinstance(transport, str) and transport else "tcp")
                if port is not None
                else None,
                service=_shodan_module(banner),
                product=product if isinstance(product, str) else None,
                version=version if isinstance(version, str) else None,
                cpes=tuple(c for c in cpes if isinstance(c, str)) if isinstance(cpes, list) else (),
                cve_ids=_cves(banner.get("vulns")),
                scanner=self.name,
            )
        is_host = isinstance(record.get("data"), list)
        host_cves = _cves(record.get("vulns")) if is_host else frozenset()
        extra_ports = [p for p in (_port(v) for v in record.get("ports") or []) if p and p not in seen]
        host = Finding(address=ip, ip=ip, hostnames=hostnames, ip_addresses=(ip,), scanner=self.name)
        if host_cves or not banners:
            yield attrs.evolve(host, cve_ids=host_cves)
        for port in extra_ports:
            yield attrs.evolve(host, port=port, protocol="tcp")


def _shodan_module(banner: dict[str, Any]) -> str | None:
    shodan = banner.get("_shodan")
    module = shodan.get("module") if isinstance(shodan, dict) else None
    return module if isinstance(module, str) else None
