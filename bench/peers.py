"""Adapters that run each peer parser the way its documentation shows, then count hosts and CVE ids.

Every adapter keys hosts the way the peer exposes them (an IP where it has one) and keeps only values
that are CVE ids (peers put other ids such as EDB-ID or script names in their CVE fields). Imports are
inside the functions: a missing peer only fails its own measurement.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .counts import Counts, Tally

__all__ = [
    "faraday_nessus",
    "faraday_nmap",
    "faraday_nuclei",
    "libnessus",
    "libnmap",
    "nessus_file_reader",
    "pytenable",
]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def nessus_file_reader(path: Path) -> Counts:
    """nessus-file-reader: ``file.nessus_scan_file_root_element`` (whole tree), then its helpers."""
    nfr = importlib.import_module("nessus_file_reader")

    tally = Tally()
    root = nfr.file.nessus_scan_file_root_element(str(path))
    for rh in nfr.scan.report_hosts(root):
        key = nfr.host.resolved_ip(rh) or nfr.host.report_host_name(rh)
        tally.add(key)
        for item in nfr.host.report_items(rh):
            tally.add_filtered(key, nfr.plugin.report_item_values(item, "cve"))
    return tally.counts()


def pytenable(path: Path) -> Counts:
    """pyTenable ``tenable.reports.NessusReportv2``: a streaming iterator of ReportItem dicts."""
    NessusReportv2 = importlib.import_module("tenable.reports").NessusReportv2

    tally = Tally()
    with path.open("rb") as f:
        for item in NessusReportv2(f):
            key = item.get("host-ip") or item.get("host-report-name")
            tally.add_filtered(key, _as_list(item.get("cve")))
    return tally.counts()


def libnessus(path: Path) -> Counts:
    """python-libnessus ``NessusParser.parse_fromfile`` (reads the file, ``ElementTree.fromstring``)."""
    NessusParser = importlib.import_module("libnessus.parser").NessusParser

    tally = Tally()
    report = NessusParser.parse_fromfile(str(path))
    for host in report.hosts:
        key = host.ip or host.name
        tally.add(key)
        for item in host.get_report_items:
            tally.add_filtered(key, _as_list(item.get_vuln_info.get("cve")))
    return tally.counts()


def _faraday_plugin(fmt: str, cls: str) -> Any:
    return getattr(importlib.import_module(f"faraday_plugins.plugins.repo.{fmt}.plugin"), cls)


def _faraday_hosts(plugin: Any, path: Path) -> Iterable[tuple[str, list[Any]]]:
    plugin.processReport(path)
    for host in plugin.get_data()["hosts"]:
        values: list[Any] = []
        for vuln in host.get("vulnerabilities", []):
            values.extend(_as_list(vuln.get("cve")))
        for service in host.get("services", []):
            for vuln in service.get("vulnerabilities", []):
                values.extend(_as_list(vuln.get("cve")))
        yield host["ip"], values


def _faraday(plugin: Any, path: Path) -> Counts:
    tally = Tally()
    for key, values in _faraday_hosts(plugin, path):
        tally.add_filtered(key, values)
    return tally.counts()


def faraday_nessus(path: Path) -> Counts:
    """faraday-plugins ``NessusPlugin.processReport`` (reads the whole file, builds host/vuln dicts)."""
    NessusPlugin = _faraday_plugin("nessus", "NessusPlugin")

    return _faraday(NessusPlugin(), path)


def faraday_nmap(path: Path) -> Counts:
    """faraday-plugins ``NmapPlugin.processReport`` (lxml, recover=True)."""
    NmapPlugin = _faraday_plugin("nmap", "NmapPlugin")

    return _faraday(NmapPlugin(), path)


def faraday_nuclei(path: Path) -> Counts:
    """faraday-plugins ``NucleiPlugin.processReport``; DNS resolution off (every record carries ``ip``)."""
    NucleiPlugin = _faraday_plugin("nuclei", "NucleiPlugin")

    return _faraday(NucleiPlugin(hostname_resolution=False), path)


def libnmap(path: Path) -> Counts:
    """python-libnmap ``NmapParser.parse_fromfile``; hosts that are up; vulners rows of type cve."""
    NmapParser = importlib.import_module("libnmap.parser").NmapParser

    tally = Tally()
    report = NmapParser.parse_fromfile(str(path))
    for host in report.hosts:
        if not host.is_up():
            continue
        key = host.address
        tally.add(key)
        for service in host.services:
            for result in service.scripts_results:
                if result.get("id") != "vulners":
                    continue
                for table in result.get("elements", {}).values():
                    rows = table.get(None) if isinstance(table, dict) else None
                    for row in _as_list(rows):
                        if isinstance(row, dict) and row.get("type") == "cve":
                            tally.add_filtered(key, [row.get("id")])
    return tally.counts()
