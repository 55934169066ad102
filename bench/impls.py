"""Which implementations are measured for which format: the floor, ours, and the peers."""

from __future__ import annotations

import attrs

__all__ = ["FORMATS", "IMPLS", "Impl", "impls_for"]

FORMATS = (
    "nessus",
    "nmap",
    "qualys-csv",
    "nuclei",
    "openvas",
    "openvas-csv",
    "nessus-csv",
    "qualys-xml",
    "burp",
    "zap",
    "zap-json",
)


@attrs.frozen(kw_only=True)
class Impl:
    """One measured parser: ``target`` is ``module:function``; ``kind`` is floor, ours or peer."""

    name: str
    kind: str
    formats: tuple[str, ...]
    target: str
    package: str = ""  # PyPI distribution (peers), for versions and "not installed" reports
    module: str = ""  # imported before the clock starts


IMPLS: tuple[Impl, ...] = (
    Impl(name="floor", kind="floor", formats=FORMATS, target="bench.floors:FLOORS"),
    Impl(
        name="ours:iter_findings",
        kind="ours",
        formats=FORMATS,
        target="bench.ours:ours_iter_findings",
        module="futurevuls_ext.parsers",
    ),
    Impl(
        name="ours:parse_report",
        kind="ours",
        formats=FORMATS,
        target="bench.ours:ours_parse_report",
        module="futurevuls_ext.parsers",
    ),
    Impl(
        name="ours:parse_report(hosts)",
        kind="ours",
        formats=FORMATS,
        target="bench.ours:ours_parse_report_hosts",
        module="futurevuls_ext.parsers",
    ),
    Impl(
        name="nessus-file-reader",
        kind="peer",
        formats=("nessus",),
        target="bench.peers:nessus_file_reader",
        package="nessus-file-reader",
        module="nessus_file_reader",
    ),
    Impl(
        name="pytenable NessusReportv2",
        kind="peer",
        formats=("nessus",),
        target="bench.peers:pytenable",
        package="pytenable",
        module="tenable.reports",
    ),
    Impl(
        name="python-libnessus",
        kind="peer",
        formats=("nessus",),
        target="bench.peers:libnessus",
        package="python-libnessus",
        module="libnessus.parser",
    ),
    Impl(
        name="faraday-plugins",
        kind="peer",
        formats=("nessus",),
        target="bench.peers:faraday_nessus",
        package="faraday-plugins",
        module="faraday_plugins.plugins.repo.nessus.plugin",
    ),
    Impl(
        name="faraday-plugins",
        kind="peer",
        formats=("nmap",),
        target="bench.peers:faraday_nmap",
        package="faraday-plugins",
        module="faraday_plugins.plugins.repo.nmap.plugin",
    ),
    Impl(
        name="faraday-plugins",
        kind="peer",
        formats=("nuclei",),
        target="bench.peers:faraday_nuclei",
        package="faraday-plugins",
        module="faraday_plugins.plugins.repo.nuclei.plugin",
    ),
    Impl(
        name="python-libnmap",
        kind="peer",
        formats=("nmap",),
        target="bench.peers:libnmap",
        package="python-libnmap",
        module="libnmap.parser",
    ),
)


def impls_for(fmt: str, *, kinds: tuple[str, ...] = ("floor", "ours", "peer")) -> list[Impl]:
    """The implementations measured on ``fmt``, floor first, then ours, then peers."""
    order = {"floor": 0, "ours": 1, "peer": 2}
    found = [i for i in IMPLS if fmt in i.formats and i.kind in kinds]
    return sorted(found, key=lambda i: order[i.kind])
