"""ProjectDiscovery nuclei results: JSON Lines (``-j``/``-jsonl``), a JSON array (``-je``) or one object.

Field mapping (``pkg/output/output.go`` ``ResultEvent``; 2021 builds spell ``templateID``/``matched``):

* target: the host of ``host``, else of ``matched-at`` (``matched``), else of ``url`` (nuclei's
  javascript results carry only ``"/http://host/"``); a record naming no target at all (some dns
  results) is skipped. ``Finding.address`` is that host name, or the IP when it is a literal.
* ``ip`` is the resolved address of the *matched* host: it is attributed to the target only when
  ``matched-at`` names the same host (azure-domain-tenant matches on login.microsoftonline.com).
* port: ``port``, else the explicit port of matched-at / host / url, else 80/443 by scheme; dns
  results have no port. Protocol ``tcp``.
* CVEs: ``info.classification.cve-id`` in any shape (list, string, comma-joined string, any case),
  else ``template-id`` when it is itself a CVE id. Descriptions and references are never searched.
* ``matcher-status: false`` results (written with ``-ms``) did not match and are skipped; non-JSON
  lines (``[INF] ...`` log output, the banner) are skipped and reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from .._numbers import ascii_port, cvss_number, cvss_range
from ._context import ParseContext
from ._cve import normalize_cve, split_cves
from ._json import RecordGate, head_keys, head_starts_like_json
from ._json_parser import JsonRecordsParser
from ._model import Finding, Severity
from ._speedups import BoundedCache, detail_finding
from ._target import Target, authority_host, canonical_ip, split_target

__all__ = ["NucleiParser", "is_nuclei_log_line"]

_LOG_LINE = re.compile(r"^\[(?:INF|WRN|ERR|DBG|FTL|VER|INFO|WARN|WARNING|ERROR|FATAL|DEBUG)\]", re.I)
_BANNER = re.compile(r"^[\s_/\\|()`'.,v0-9-]*$")


def is_nuclei_log_line(text: str) -> bool:
    """True for nuclei's stderr lines (``[INF] ...``, the ASCII-art banner, projectdiscovery.io)."""
    return bool(_LOG_LINE.match(text) or _BANNER.match(text)) or "projectdiscovery.io" in text


class NucleiParser(JsonRecordsParser):
    """Parser for nuclei JSON / JSON Lines output."""

    name: ClassVar[str] = "nuclei"
    priority: ClassVar[int] = 50
    description: ClassVar[str] = "ProjectDiscovery nuclei results (JSON Lines, JSON array or object)"

    def sniff(self, head: bytes) -> float:
        """Score nuclei output: template-id plus a target key in JSON records."""
        if not head_starts_like_json(head, allow_log_lines=True):
            return 0.0
        keys = head_keys(head)
        if not keys & {"template-id", "templateID"}:
            return 0.0
        if keys & {"matched-at", "matched", "host"} and "info" in keys:
            return 0.95
        return 0.6

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        """Yield one finding per matched result; see the module docstring for the mapping."""
        gate = RecordGate(ctx, "nuclei", record="result")
        reader = self.records(stream, ctx, gate, wrapper_keys=("results",), is_log_line=is_nuclei_log_line)
        for record, line in reader:
            if type(record) is not dict or not (
                "template-id" in record or "templateID" in record or "info" in record
            ):
                gate.reject(line, "not a nuclei result (no template-id / info)")
                continue
            if not gate.valid:
                gate.valid = 1  # (only "any valid record yet?" matters to the gate)
            finding = _finding(record, line, ctx)
            if finding is not None:
                yield finding
        gate.finish()
        if reader.log_lines:
            ctx.warn(
                f"{reader.log_lines} non-JSON log line(s) skipped (nuclei's stderr mixed into the output?)"
            )


def _finding(record: dict[str, Any], line: int, ctx: ParseContext) -> Finding | None:
    """Map one nuclei result to a Finding (None when it is skipped)."""
    get = record.get
    if get("matcher-status") is False:
        ctx.skip(f"line {line}", "matcher-status false: the template did not match")
        return None
    template = get("template-id") or get("templateID")
    host_text = get("host")
    matched_text = get("matched-at") or get("matched")
    raw_port = get("port")
    host = split_target(host_text) if type(host_text) is str and host_text else None
    matched: Target | None = None
    matched_host: str | None = None
    has_matched = False
    if type(matched_text) is str and matched_text:
        has_matched = True
        if host is not None and host.host and type(raw_port) is str:
            matched_host = authority_host(matched_text)  # only its host is needed: skip the full split
        else:
            matched = split_target(matched_text)
            matched_host = matched.host
    url = None
    if host is not None and host.host:
        asset = host
    elif matched is not None and matched.host:
        asset = matched
    else:
        url_text = get("url")
        url = split_target(url_text) if type(url_text) is str and url_text else None
        if url is None or url.host is None:
            ctx.skip(f"line {line}", f"result of {template!r} names no target (no host, matched-at or url)")
            return None
        asset = url
    address: str = asset.host  # type: ignore[assignment]
    ip_text = get("ip")
    ip = canonical_ip(ip_text) if type(ip_text) is str and ip_text else None
    if ip is not None and has_matched and matched_host not in (address, ip):
        ip = None  # the resolved address of another host (matched-at names a different target)
    is_ip = asset.is_ip
    if is_ip:
        ips: tuple[str, ...] = (address,) if ip is None or ip == address else (address, ip)
    else:
        ips = () if ip is None else (ip,)
    port: int | None = None
    if get("type") != "dns":
        port = _PORTS[raw_port] if type(raw_port) is str else _port_number(raw_port)
        if port is None:
            url_text = get("url")
            if url is None and type(url_text) is str and url_text:
                url = split_target(url_text)
            targets = [t for t in (matched, host, url) if t is not None]
            port = next((t.port for t in targets if t.port is not None), None)
            if port is None:
                port = next((t.default_port for t in targets if t.default_port is not None), None)
    info = get("info")
    if type(info) is not dict:
        info = {}
    classification = info.get("classification")
    cves = _EMPTY
    cvss = None
    if type(classification) is dict:
        cves = _cve_field(classification.get("cve-id"))
        score = classification.get("cvss-score")
        cvss = cvss_range(score) if type(score) is float else cvss_number(score)
    if not cves and type(template) is str and template[:4].upper() == "CVE-":
        cve = normalize_cve(template)
        if cve:
            cves = frozenset((cve,))
    severity_text = info.get("severity")
    severity = _SEVERITIES.get(severity_text) if type(severity_text) is str else None
    if severity is None and severity_text is not None:
        severity = Severity.parse(severity_text)
    title = info.get("name")
    source = template if type(template) is str else None if template is None else str(template)
    return detail_finding(  # (identity, detail) tuples: no 13-keyword call (see _speedups)
        (address, ip, () if is_ip else (address,), ips),
        (
            port,
            "tcp" if port is not None else None,
            cves,
            severity,
            cvss,
            source,
            title if type(title) is str else None,
        ),
        "nuclei",
        asset.scheme,
    )


_EMPTY: frozenset[str] = frozenset()
_SEVERITIES = {word: Severity.parse(word) for word in ("info", "low", "medium", "high", "critical")}


def _port_number(value: object) -> int | None:
    return ascii_port(value)


_PORTS: BoundedCache[str, int | None] = BoundedCache(_port_number)
"""Port strings ("443") repeat in every record: each is read once."""
_CVE_LISTS: BoundedCache[object, frozenset[str]] = BoundedCache(split_cves)
"""``cve-id`` cells (a string, or a list as a tuple) repeat for every match of a template."""


def _cve_field(value: object) -> frozenset[str]:
    """``cve-id`` in any shape: a string, or a list of strings (read as the tuple of its items)."""
    if type(value) is str:
        return _CVE_LISTS[value]
    if type(value) is not list:
        return _EMPTY
    try:  # (a one-id list, the usual shape, reads as that id: no tuple to build)
        return _CVE_LISTS[value[0] if len(value) == 1 and type(value[0]) is str else tuple(value)]
    except TypeError:  # a list holding lists or objects (unhashable): read it without the cache
        return split_cves(value)
