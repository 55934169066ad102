"""Generate large OpenVAS (GSA "CSV Results") and Nessus CSV exports from the shared check catalogue."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable
from pathlib import Path

from ._checks import CHECKS, Check, pick
from ._writer import GenTruth, SizedWriter, hostname_for, ip_sequence, write_truth

__all__ = ["generate_nessus_csv", "generate_openvas_csv"]

EXTENSION = "csv"
OPENVAS_HEADER = (  # noqa: SIM905 - the header as GSA writes it
    "IP,Hostname,Port,Port Protocol,CVSS,Severity,QoD,Solution Type,NVT Name,Summary,Specific Result,NVT OID,"
    "CVEs,Task ID,Task Name,Timestamp,Result ID,Impact,Solution,Affected Software/OS,Vulnerability Insight,"
    "Vulnerability Detection Method,Product Detection Result,BIDs,CERTs,Other References"
).split(",")
NESSUS_HEADER = (  # noqa: SIM905 - the header as Nessus writes it
    "Plugin ID,CVE,CVSS,Risk,Host,Protocol,Port,Name,Synopsis,Description,Solution,See Also,Plugin Output"
).split(",")
_LEVEL = {0: "Log", 1: "Low", 2: "Medium", 3: "High", 4: "Critical"}
_RISK = {0: "None", 1: "Low", 2: "Medium", 3: "High", 4: "Critical"}


def _openvas_rows(ip: str, name: str, checks: list[Check], n: int) -> list[list[str]]:
    return [
        [
            ip,
            name,
            str(c.port) if c.port else "",
            "tcp" if c.port else "",
            c.cvss,
            _LEVEL[c.severity],
            "80",
            "VendorFix",
            c.name,
            f"{c.name}: summary\nsecond line",
            c.text,
            c.oid,
            ", ".join(c.cves) or "NOCVE",
            "task-1",
            "weekly",
            "2026-11-20T02:00:00Z",
            f"r{n}-{i}",
            "Impact text.",
            "Update.",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ]
        for i, c in enumerate(checks)
    ]


def _nessus_rows(ip: str, _name: str, checks: list[Check], _n: int) -> list[list[str]]:
    rows = []
    for c in checks:  # Nessus writes one row per (plugin, CVE): a plugin with 48 CVEs has 48 rows
        for cve in c.cves or ("",):
            rows.append(
                [
                    str(c.plugin),
                    cve,
                    c.cvss if c.severity else "",
                    _RISK[c.severity],
                    ip,
                    "tcp",
                    str(c.port),
                    c.name,
                    f"{c.name}.",
                    "Description of the issue,\nwith a second line.",
                    "Upgrade.",
                    "https://www.tenable.example/plugins/nessus/1",
                    c.text,
                ]
            )
    return rows


def _generate(
    path: Path,
    fmt: str,
    header: list[str],
    rows_of: Callable[..., list[list[str]]],
    size_bytes: int,
    seed: int,
) -> GenTruth:
    rng = random.Random(seed)
    addrs = ip_sequence(rng, ipv6_every=30)
    hosts = host_cves = 0
    every: set[str] = set()
    buf = io.StringIO()
    out = csv.writer(
        buf, quoting=csv.QUOTE_MINIMAL if fmt == "openvas-csv" else csv.QUOTE_ALL, lineterminator="\n"
    )
    with path.open("wb") as f:
        w = SizedWriter(f)
        w.write(",".join(header) + "\n")
        while w.written < size_bytes or hosts == 0:
            _kind, ip = next(addrs)
            hosts += 1
            checks = pick(rng, CHECKS, 2, 8)
            cves = {c for check in checks for c in check.cves}
            host_cves += len(cves)
            every |= cves
            buf.seek(0)
            buf.truncate()
            out.writerows(rows_of(ip, hostname_for(hosts, rng), checks, hosts))
            w.write(buf.getvalue())
    truth = GenTruth(
        format=fmt, size_bytes=w.written, hosts=hosts, host_cves=host_cves, cves=len(every), seed=seed
    )
    write_truth(path, truth)
    return truth


def generate_openvas_csv(path: Path, *, size_bytes: int, seed: int = 1) -> GenTruth:
    """Write a GSA CSV results export of at least ``size_bytes`` and its truth sidecar."""
    return _generate(path, "openvas-csv", OPENVAS_HEADER, _openvas_rows, size_bytes, seed)


def generate_nessus_csv(path: Path, *, size_bytes: int, seed: int = 1) -> GenTruth:
    """Write a Nessus CSV export of at least ``size_bytes`` and its truth sidecar."""
    return _generate(path, "nessus-csv", NESSUS_HEADER, _nessus_rows, size_bytes, seed)
