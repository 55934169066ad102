"""Builds Nessus findings host by host from the values the expat handlers collect."""

from __future__ import annotations

from .._numbers import ascii_int
from ._context import ParseContext
from ._cve import normalize_cve
from ._hostid import cvss_score
from ._model import Finding, Severity, is_ip
from ._speedups import new_finding
from ._target import split_target

__all__ = ["HostBuilder"]

_HOSTNAME_TAGS = ("host-fqdn", "hostname", "netbios-name", "host-rdns")

_SEVERITIES = {str(level.value): level for level in Severity}
_NO: frozenset[str] = frozenset()
_CACHE_LIMIT = 100_000


class _Memo:
    """Per-parse memo tables: each recurring text is converted and stored once.

    The same plugin names, ids, scores and CVE lists recur on every host, so sharing them keeps both
    the time and the memory of a whole :class:`ScanReport` down.
    """

    def __init__(self) -> None:
        self.cves: dict[str, str] = {}
        self.cve_sets: dict[tuple[str, ...], frozenset[str]] = {}
        self.scores: dict[str | None, float | None] = {None: None}
        self.ports: dict[str | None, int | None] = {None: None, "0": None}
        self.protocols: dict[str | None, str | None] = {None: None, "tcp": "tcp", "udp": "udp", "": None}
        self.strings: dict[str | None, str | None] = {None: None}

    def string(self, text: str | None) -> str | None:
        """One shared copy of a recurring text (plugin ids, names, services)."""
        shared = self.strings.get(text)
        if shared is None and text is not None:
            if len(self.strings) < _CACHE_LIMIT:
                self.strings[text] = text
            return text
        return shared


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
        self.memo = _Memo()
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
        index, name = self.hosts_started, _url_host(self._name)
        tags = {k: _url_host(v.strip()) for k, v in self.tags.items()}
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
        memo = self.memo
        ctx, ports, scores, severities, protocols, string = (
            self.ctx,
            memo.ports,
            memo.scores,
            _SEVERITIES,
            memo.protocols,
            memo.string,
        )
        cve_cache, cve_sets = memo.cves, memo.cve_sets
        for item in self._items:
            get = item.attrs.get
            plugin = string(get("pluginID"))
            raw = get("port")
            port = ports[raw] if raw in ports else _port(raw, where, plugin, ctx, ports)
            texts = item.cves
            if texts:
                key = tuple(texts)
                cves = cve_sets.get(key)
                if cves is None:
                    cves = frozenset([cve_cache.get(t) or self._cve(t, where, plugin) for t in texts])
                    if "" in cves:
                        cves = cves - {""}
                    if len(cve_sets) < _CACHE_LIMIT:
                        cve_sets[key] = cves
            else:
                cves = _NO
            raw = get("cvss3_base_score")
            cvss = scores[raw] if raw in scores else _score(raw, scores)
            if cvss is None:
                raw = get("cvss_base_score")
                cvss = scores[raw] if raw in scores else _score(raw, scores)
            raw = get("severity")
            severity = severities[raw] if raw in severities else Severity.parse(raw)
            raw = get("protocol")
            protocol = protocols[raw] if raw in protocols else _protocol(raw, protocols)
            out.append(
                new_finding(
                    address=address,
                    ip=ip,
                    hostnames=hostnames,
                    ip_addresses=ip_addresses,
                    port=port,
                    protocol=protocol,
                    service=string(get("svc_name")),
                    cve_ids=cves,
                    severity=severity,
                    cvss=cvss,
                    source_id=plugin,
                    title=string(get("pluginName")),
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
        if len(self.memo.cves) < _CACHE_LIMIT:
            self.memo.cves[text] = cve
        return cve


def _url_host(text: str) -> str:
    """The host of a URL (Nessus WAS names a web application ``http://example.com/``), else ``text``."""
    return (split_target(text).host or "") if "://" in text else text


def _port(
    raw: str | None, where: str, plugin: str | None, ctx: ParseContext, memo: dict[str | None, int | None]
) -> int | None:
    """A port number from the ``port`` attribute (memoised); None for 0, absent or invalid values."""
    number = ascii_int(raw) if raw else None
    if raw and number is None:
        ctx.warn(f"{where} pluginID {plugin}: non-numeric port {raw!r} ignored")
        return None
    port = number if number is not None and 0 < number < 65536 else None
    if len(memo) < _CACHE_LIMIT:
        memo[raw] = port
    return port


def _score(text: str | None, memo: dict[str | None, float | None]) -> float | None:
    """A CVSS score 0-10 from element text (memoised); None when absent, not a number or out of range."""
    if text is None:
        return None
    value = cvss_score(text)
    if len(memo) < _CACHE_LIMIT:
        memo[text] = value
    return value


def _protocol(text: str | None, memo: dict[str | None, str | None]) -> str | None:
    value = (text or "").strip().lower() or None
    if len(memo) < 1000:
        memo[text] = value
    return value
