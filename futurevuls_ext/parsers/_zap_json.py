"""The ZAP traditional JSON report, read site by site with the shared streaming JSON reader."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from ._context import ParseContext
from ._json import JsonRecordReader, RecordGate, refuse_empty
from ._model import Finding
from ._zap_alert import Site, alert_finding, site_finding

__all__ = ["MAX_SITE_BYTES", "zap_json_findings"]

MAX_SITE_BYTES = 64 * 1024 * 1024
"""Largest ``site`` object accepted in a ZAP JSON report (its alerts and instances are decoded at once)."""


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value) if isinstance(value, int) and value >= 0 else ""


def _tags(value: Any) -> list[tuple[str, str]]:
    """Tags as ZAP writes them (``{"CVE-2021-44228": "https://..."}``) or as a ``[{"tag", "link"}]`` list."""
    if isinstance(value, dict):
        return [(k, v if isinstance(v, str) else "") for k, v in value.items() if isinstance(k, str)]
    if isinstance(value, list):
        return [(_text(item.get("tag")), _text(item.get("link"))) for item in value if isinstance(item, dict)]
    return []


def _site(record: dict[str, Any], line: int, ctx: ParseContext, scanner: str) -> Iterator[Finding]:
    site = Site(
        _text(record.get("@name")),
        _text(record.get("@host")),
        _text(record.get("@port")),
        _text(record.get("@ssl")),
    )
    bare = site_finding(site, scanner)
    if bare is None:
        ctx.skip(f"line {line}", "ZAP site without a host")
        return
    yield bare
    alerts = record.get("alerts")
    for alert in alerts if isinstance(alerts, list) else ():
        if not isinstance(alert, dict):
            continue
        found = alert_finding(
            site,
            plugin=_text(alert.get("pluginid")),
            title=_text(alert.get("alert")) or _text(alert.get("name")),
            risk=_text(alert.get("riskcode")),
            reference=_text(alert.get("reference")),
            tags=_tags(alert.get("tags")),
            scanner=scanner,
        )
        if found is not None:
            yield found


def zap_json_findings(stream: BinaryIO, ctx: ParseContext, scanner: str) -> Iterator[Finding]:
    """Yield the findings of a ZAP JSON report: ``{"@version": .., "site": [site, ...]}``."""
    gate = RecordGate(ctx, "ZAP JSON")
    reader = JsonRecordReader(stream, ctx, gate, wrapper_keys=("site",), max_record_bytes=MAX_SITE_BYTES)
    for record, line in reader:
        if type(record) is not dict:
            gate.reject(line, "not a ZAP site object")
            continue
        if "site" in record:  # a report whose "site" is one object, not a list
            sites = record["site"]
            for site in sites if isinstance(sites, list) else [sites]:
                if isinstance(site, dict):
                    gate.valid += 1
                    yield from _site(site, line, ctx, scanner)
            continue
        if not ({"@host", "@name", "alerts"} & record.keys()):
            gate.reject(line, "not a ZAP site (no @host, @name or alerts)")
            continue
        gate.valid += 1
        yield from _site(record, line, ctx, scanner)
    gate.finish()
    refuse_empty(reader, gate, empty_export='{"site": []}')
