"""Tenable Nessus ``.nessus`` (NessusClientData_v2) parser: streaming, defused, memory-flat."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import BinaryIO, ClassVar

import attrs

from ._context import ParseContext
from ._cve import normalize_cve
from ._model import Finding, Severity, is_ip
from ._xml import TreeProgress, pull_tree, sniff_root

__all__ = ["NessusParser"]

_ROOT = "NessusClientData_v2"
_HOSTNAME_TAGS = ("host-fqdn", "hostname", "netbios-name", "host-rdns")


@attrs.define
class _State:
    hosts: int = 0
    """ReportHost elements taken from the tree so far (complete or skipped)."""


def _float(text: str | None) -> float | None:
    if not text:
        return None
    try:
        return float(text.strip())
    except ValueError:
        return None


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
        """Yield the findings of each ReportHost once its end tag was read."""

        def check_root(name: str, _attrs: dict[str, str]) -> None:
            if name == _ROOT:
                return
            if name == "NessusClientData":
                raise ctx.error(
                    "legacy Nessus v1 export (root <NessusClientData>) is not supported; "
                    "export the scan again in the 'Nessus' (.nessus v2) format",
                    location=f"root element <{name}>",
                )
            raise ctx.error(
                f"unsupported root <{name}> (only NessusClientData_v2); this is not a Nessus v2 export",
                location=f"root element <{name}>",
            )

        state = _State()
        for progress in pull_tree(stream, ctx, record_end=b"</ReportHost", check_root=check_root):
            yield from self._drain(progress, state, ctx)

    def _drain(self, progress: TreeProgress, state: _State, ctx: ParseContext) -> Iterator[Finding]:
        root = progress.root
        kids = list(root)
        for i, child in enumerate(kids):
            child_open = not progress.final and i == len(kids) - 1
            if child.tag == "Report":
                yield from self._drain_report(child, child_open, progress, state, ctx)
            if not child_open:
                root.remove(child)

    def _drain_report(
        self, report: ET.Element, report_open: bool, progress: TreeProgress, state: _State, ctx: ParseContext
    ) -> Iterator[Finding]:
        hosts = list(report)
        done = len(hosts)
        if report_open and hosts:
            complete_hosts = sum(1 for h in hosts if h.tag == "ReportHost")
            last_complete = progress.truncated and progress.closed >= state.hosts + complete_hosts
            done = len(hosts) if last_complete else len(hosts) - 1
        for host in hosts[:done]:
            if host.tag != "ReportHost":
                continue
            state.hosts += 1
            yield from self._host(host, state.hosts, ctx)
        del report[:done]

    def _host(self, host: ET.Element, index: int, ctx: ParseContext) -> Iterator[Finding]:
        name = (host.get("name") or "").strip()
        tags: dict[str, str] = {}
        props = host.find("HostProperties")
        if props is not None:
            for tag in props.iterfind("tag"):
                key = tag.get("name")
                if key and tag.text:
                    tags[key] = tag.text.strip()
        host_ip = tags.get("host-ip") or None
        address = host_ip or name
        where = f"ReportHost[{index}] {name!r}"
        if not address:
            ctx.skip(where, "ReportHost has neither a host-ip tag nor a name attribute")
            return
        ips: list[str] = [ip for ip in (host_ip, name) if ip and is_ip(ip)]
        names: list[str] = []
        for value in [*(tags.get(t) for t in _HOSTNAME_TAGS), name]:
            if value and value not in names and value not in ips:
                (ips if is_ip(value) else names).append(value)
        ip = host_ip if host_ip and is_ip(host_ip) else None
        proto = Finding(
            address=address,
            ip=ip,
            hostnames=tuple(names),
            ip_addresses=tuple(dict.fromkeys(ips)),
            scanner=self.name,
        )
        count = 0
        for item in host.iterfind("ReportItem"):
            count += 1
            yield self._item(item, proto, where, ctx)
        if not count:
            yield proto

    def _item(self, item: ET.Element, proto: Finding, where: str, ctx: ParseContext) -> Finding:
        plugin = item.get("pluginID")
        raw_port = item.get("port") or "0"
        port: int | None
        try:
            port = int(raw_port)
        except ValueError:
            ctx.warn(f"{where} pluginID {plugin}: non-numeric port {raw_port!r} ignored")
            port = None
        if port is not None and not 0 < port < 65536:
            port = None
        cves: set[str] = set()
        for elem in item.iterfind("cve"):
            text = elem.text or ""
            cve = normalize_cve(text)
            if cve:
                cves.add(cve)
            elif text.strip():
                ctx.skip(f"{where} pluginID {plugin} <cve>", f"{text.strip()[:80]!r} is not a CVE id")
        cvss = _float(item.findtext("cvss3_base_score")) or _float(item.findtext("cvss_base_score"))
        return attrs.evolve(
            proto,
            port=port,
            protocol=(item.get("protocol") or "").lower() or None,
            service=item.get("svc_name"),
            cve_ids=frozenset(cves),
            severity=Severity.parse(item.get("severity")),
            cvss=cvss,
            source_id=plugin,
            title=item.get("pluginName"),
        )
