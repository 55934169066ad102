"""Builds Nessus findings host by host from the values the expat handlers collect."""

from __future__ import annotations

from ._context import ParseContext
from ._cve import normalize_cve
from ._model import Finding, Severity, is_ip

__all__ = ["HostBuilder"]

_HOSTNAME_TAGS = ("host-fqdn", "hostname", "netbios-name", "host-rdns")

_SEVERITIES = {str(level.value): level for level in Severity}
_NO: frozenset[str] = frozenset()
_CVE_CACHE: dict[str, str] = {}
_SCORES: dict[str | None, float | None] = {None: None}
_PORTS: dict[str | None, int | None] = {None: None, "0": None}
_PROTOCOLS: dict[str | None, str | None] = {None: None, "tcp": "tcp", "udp": "udp", "": None}
_CACHE_LIMIT = 100_000


class _Item:
    """One ReportItem: its attributes (plus collected ``cvss*_base_score`` texts) and <cve> texts."""

    __slots__ = ("attrs", "cves")

    def __init__(self, attrs: dict[str, str]) -> None:
        self.attrs = attrs
        self.cves: list[str] = []


class HostBuilder:
    """Accumulates one ReportHost (name, tags, items) and turns it into findings in :attr:`done`."""

    def __init__(self, ctx: ParseContext, *, scanner: str) -> None:
        self.ctx = ctx
        self.scanner = scanner
        self.done: list[Finding] = []
        self.hosts_started = 0
        self.item: _Item | None = None
        self._in_host = False
        self._name = ""
        self.tags: dict[str, str] = {}
        """Collected HostProperties tags of the current host (name -> text)."""
        self._items: list[_Item] = []

    # -- events -----------------------------------------------------------------------------
    def start_host(self, name: str) -> None:
        """A ``<ReportHost>`` starts: the previous one (if any) is complete."""
        if self._in_host:
            self.end_host()
        self.hosts_started += 1
        self._in_host = True
        self._name = name.strip()
        self.tags = {}
        self._items = []
        self.item = None

    def start_item(self, attrs: dict[str, str]) -> _Item | None:
        """A ``<ReportItem>`` starts; returns its record (None outside a ReportHost: skipped)."""
        if not self._in_host:
            self.ctx.skip(f"ReportItem pluginID {attrs.get('pluginID')}", "ReportItem outside a ReportHost")
            self.item = None
            return None
        item = self.item = _Item(attrs)
        self._items.append(item)
        return item

    def end_host(self) -> None:
        """The current host is complete: append its findings to :attr:`done`."""
        if not self._in_host:
            return
        self._in_host = False
        self.item = None
        index, name = self.hosts_started, self._name
        tags = {k: v.strip() for k, v in self.tags.items()}
        host_ip = tags.get("host-ip") or None
        address = host_ip or name
        where = f"ReportHost[{index}] {name!r}"
        if not address:
            self.ctx.skip(where, "ReportHost has neither a host-ip tag nor a name attribute")
            return
        ips: list[str] = [ip for ip in (host_ip, name) if ip and is_ip(ip)]
        names: list[str] = []
        for value in [*(tags.get(t) for t in _HOSTNAME_TAGS), name]:
            if value and value not in names and value not in ips:
                (ips if is_ip(value) else names).append(value)
        ip = host_ip if host_ip and is_ip(host_ip) else None
        hostnames, ip_addresses = tuple(names), tuple(dict.fromkeys(ips))
        scanner, out = self.scanner, self.done
        if not self._items:
            out.append(
                Finding(
                    address=address, ip=ip, hostnames=hostnames, ip_addresses=ip_addresses, scanner=scanner
                )
            )
            return
        ctx, ports, scores, severities, protocols, cve_cache = (
            self.ctx,
            _PORTS,
            _SCORES,
            _SEVERITIES,
            _PROTOCOLS,
            _CVE_CACHE,
        )
        for item in self._items:
            get = item.attrs.get
            plugin = get("pluginID")
            raw = get("port")
            port = ports[raw] if raw in ports else _port(raw, where, plugin, ctx)
            texts = item.cves
            if texts:
                cves = frozenset([cve_cache.get(t) or self._cve(t, where, plugin) for t in texts])
                if "" in cves:
                    cves = cves - {""}
            else:
                cves = _NO
            raw = get("cvss3_base_score")
            cvss = scores[raw] if raw in scores else _score(raw)
            if cvss is None:
                raw = get("cvss_base_score")
                cvss = scores[raw] if raw in scores else _score(raw)
            raw = get("severity")
            severity = severities[raw] if raw in severities else Severity.parse(raw)
            raw = get("protocol")
            protocol = protocols[raw] if raw in protocols else _protocol(raw)
            out.append(
                Finding(
                    address=address,
                    ip=ip,
                    hostnames=hostnames,
                    ip_addresses=ip_addresses,
                    port=port,
                    protocol=protocol,
                    service=get("svc_name"),
                    cve_ids=cves,
                    severity=severity,
                    cvss=cvss,
                    source_id=plugin,
                    title=get("pluginName"),
                    scanner=scanner,
                )
            )
        self._items = []

    def _cve(self, text: str, where: str, plugin: str | None) -> str:
        """Normalise one <cve> text (memoised); '' and a skipped record when it is not a CVE id."""
        cve = normalize_cve(text)
        if cve is None:
            if text.strip():
                self.ctx.skip(f"{where} pluginID {plugin} <cve>", f"{text.strip()[:80]!r} is not a CVE id")
            return ""
        if len(_CVE_CACHE) < _CACHE_LIMIT:
            _CVE_CACHE[text] = cve
        return cve


def _port(raw: str | None, where: str, plugin: str | None, ctx: ParseContext) -> int | None:
    """A port number from the ``port`` attribute (memoised); None for 0, absent or invalid values."""
    port: int | None = None
    try:
        port = int(raw) if raw else None
    except ValueError:
        ctx.warn(f"{where} pluginID {plugin}: non-numeric port {raw!r} ignored")
        return None
    if port is not None and not 0 < port < 65536:
        port = None
    if len(_PORTS) < _CACHE_LIMIT:
        _PORTS[raw] = port
    return port


def _score(text: str | None) -> float | None:
    """A CVSS score from element text (memoised); None when absent or not a number."""
    if text is None:
        return None
    try:
        value: float | None = float(text.strip())
    except ValueError:
        value = None
    if len(_SCORES) < _CACHE_LIMIT:
        _SCORES[text] = value
    return value


def _protocol(text: str | None) -> str | None:
    value = (text or "").strip().lower() or None
    if len(_PROTOCOLS) < 1000:
        _PROTOCOLS[text] = value
    return value
