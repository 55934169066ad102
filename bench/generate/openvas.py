"""Generate a large OpenVAS / GVM XML report (GSA "Download XML" layout) from the shared check catalogue.

Results come in batches of hosts shuffled together (GSA sorts by severity, so a host's results are
scattered); some results carry notes with a nested ``<result>`` reference, some a ``<delta>`` or
``<detection>`` with a whole nested ``<result>`` (another host, another CVE) that is not a result; the
report-level ``<host>``
entries with their ``hostname`` detail close the file.
"""

from __future__ import annotations

import random
from pathlib import Path
from xml.sax.saxutils import escape

from ._checks import CHECKS, Check, pick
from ._writer import GenTruth, SizedWriter, hostname_for, ip_sequence, write_truth

__all__ = ["generate"]

EXTENSION = "xml"
_THREAT = {0: "Log", 1: "Low", 2: "Medium", 3: "High", 4: "High"}
_BATCH = 200


def _result(n: int, ip: str, name: str, check: Check, rng: random.Random) -> str:
    refs = "".join(f'<ref type="cve" id="{c}"/>' for c in check.cves)
    refs += '<ref type="url" id="https://www.greenbone.example/advisory"/>'
    refs += '<ref type="cert-bund" id="WID-SEC-2024-0001"/>'
    port = f"{check.port}/tcp" if check.port else "general/tcp"
    note = (
        f'<notes><note id="n{n}"><text>accepted</text><result id="r{n}"/></note></notes>'
        if n % 7 == 0
        else ""
    )
    if n % 11 == 0:  # a delta report nests the previous run's result, with its own host: not a result
        note += (
            f'<delta>changed<result id="old{n}"><host>198.51.100.{n % 250}</host><port>{port}</port>'
            f'<nvt oid="{check.oid}"><refs><ref type="cve" id="CVE-1999-0001"/></refs></nvt></result></delta>'
        )
    if n % 13 == 0:
        note += f'<detection><result id="d{n}"><details><detail><name>product</name><value>cpe:/a:x</value>'
        note += "</detail></details></result></detection>"
    return (
        f'<result id="r{n}"><name>{escape(check.name)}</name><owner><name>admin</name></owner>'
        "<modification_time>2026-11-20T02:00:00Z</modification_time><comment/>"
        "<creation_time>2026-11-20T02:00:00Z</creation_time>"
        f'<host>{ip}<asset asset_id="a{n}"/><hostname>{name}</hostname></host><port>{port}</port>'
        f'<nvt oid="{check.oid}"><type>nvt</type><name>{escape(check.name)}</name><family>General</family>'
        f"<cvss_base>{check.cvss}</cvss_base><tags>summary={escape(check.name)}|insight=|affected=|"
        f'solution_type=VendorFix</tags><solution type="VendorFix">Update the affected package.</solution>'
        f"<refs>{refs}</refs></nvt><scan_nvt_version>2026-11-01</scan_nvt_version>"
        f"<threat>{_THREAT[check.severity]}</threat><severity>{check.cvss}</severity>"
        f"<qod><value>{rng.choice((70, 80, 97))}</value><type>remote_banner</type></qod>"
        f"<description>{escape(check.text)}</description><original_threat>{_THREAT[check.severity]}"
        f"</original_threat><original_severity>{check.cvss}</original_severity>{note}</result>\n"
    )


def generate(path: Path, *, size_bytes: int, seed: int = 1) -> GenTruth:
    """Write an OpenVAS XML report of at least ``size_bytes`` and its truth sidecar."""
    rng = random.Random(seed)
    addrs = ip_sequence(rng, ipv6_every=25)
    hosts: list[tuple[str, str]] = []
    host_cves = 0
    every: set[str] = set()
    n = 0
    with path.open("wb") as f:
        w = SizedWriter(f)
        w.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<report id="gen" '
            'format_id="a994b278-1f62-11e1-96ac-406186ea4fc5" extension="xml" content_type="text/xml">'
            "<owner><name>admin</name></owner><name>gen</name>"
            '<report id="gen"><gmp><version>22.4</version></gmp><scan_run_status>Done</scan_run_status>'
            '<ports start="1" max="-1"><port>22/tcp<host>192.0.2.1</host><severity>5.0</severity>'
            "</port></ports>"
            '<results start="1" max="-1">\n'
        )
        while w.written < size_bytes or not hosts:
            batch: list[str] = []
            for _ in range(_BATCH):
                _kind, ip = next(addrs)
                name = hostname_for(len(hosts) + 1, rng)
                hosts.append((ip, name))
                cves: set[str] = set()
                for check in pick(rng, CHECKS, 2, 8):
                    n += 1
                    batch.append(_result(n, ip, name, check, rng))
                    cves.update(check.cves)
                host_cves += len(cves)
                every |= cves
            rng.shuffle(batch)
            w.write("".join(batch))
        w.write("</results>\n")
        for ip, name in hosts:
            w.write(
                f'<host><ip>{ip}</ip><asset asset_id=""/><start>2026-11-20T02:00:00Z</start>'
                f"<detail><name>hostname</name><value>{name}</value><source><type>nvt</type></source></detail>"
                "</host>\n"
            )
        w.write("</report></report>\n")
    truth = GenTruth(
        format="openvas",
        size_bytes=w.written,
        hosts=len(hosts),
        host_cves=host_cves,
        cves=len(every),
        seed=seed,
    )
    write_truth(path, truth)
    return truth
