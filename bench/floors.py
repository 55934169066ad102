"""The floors: the least work that still extracts host keys and CVE ids from the same bytes.

XML floors use pyexpat with only a start-element handler; the character-data handler is switched on
just for the few elements whose text is needed (``<cve>``, the ``host-ip`` tag, vulners ``id`` / ``type``
elems) and the collected text is flushed at the next start tag, so no end-element callback is needed.
CSV uses ``csv.reader``; JSONL uses ``json.loads`` per line.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any
from xml.parsers import expat

from .counts import Counts, Tally
from .floors_more import MORE_FLOORS

__all__ = ["FLOORS", "floor_nessus", "floor_nmap", "floor_nuclei", "floor_qualys"]

_CHUNK = 1 << 20


def _feed(parser: Any, path: Path) -> None:
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def floor_nessus(path: Path) -> Counts:
    """Host key = ``host-ip`` tag, else ``ReportHost@name``; CVEs = every ``<cve>`` element."""
    tally = Tally()
    p = expat.ParserCreate()
    p.buffer_text = True
    p.buffer_size = 1 << 16
    buf: list[str] = []
    collect = buf.append
    mode = 0  # 0 idle, 1 host-ip text, 2 cve text
    name: str | None = None
    ip: str | None = None
    cves: set[str] = set()

    def finish_host() -> None:
        key = ip or name
        if key is not None:
            tally.add(key, cves)

    def flush() -> None:
        nonlocal mode, ip
        text = "".join(buf).strip()
        buf.clear()
        if mode == 2:
            if text:
                cves.add(text.upper())
        else:
            ip = text or None
        mode = 0
        p.CharacterDataHandler = None

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal mode, name, ip, cves
        if mode:
            flush()
        if tag == "cve":
            mode = 2
            p.CharacterDataHandler = collect
        elif tag == "tag":
            if attrs.get("name") == "host-ip":
                mode = 1
                p.CharacterDataHandler = collect
        elif tag == "ReportHost":
            finish_host()
            name, ip, cves = attrs.get("name"), None, set()

    p.StartElementHandler = start
    _feed(p, path)
    if mode:
        flush()
    finish_host()
    return tally.counts()


def floor_nmap(path: Path) -> Counts:
    """Hosts with ``status@state="up"``, keyed by their first IP address; CVEs = vulners rows of type cve."""
    tally = Tally()
    p = expat.ParserCreate()
    p.buffer_text = True
    p.buffer_size = 1 << 16
    buf: list[str] = []
    collect = buf.append
    mode = ""  # "", "id" or "type": which vulners elem text is being collected
    addr: str | None = None
    up = False
    cves: set[str] = set()
    in_vulners = False
    row_id = row_type = ""

    def finish_row() -> None:
        nonlocal row_id, row_type
        if in_vulners and row_type == "cve" and row_id:
            cves.add(row_id.upper())
        row_id = row_type = ""

    def finish_host() -> None:
        if up and addr is not None:
            tally.add(addr, cves)

    def flush() -> None:
        nonlocal mode, row_id, row_type
        text = "".join(buf).strip()
        buf.clear()
        if mode == "id":
            row_id = text
        else:
            row_type = text
        mode = ""
        p.CharacterDataHandler = None

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal mode, addr, up, cves, in_vulners
        if mode:
            flush()
        if tag == "elem":
            key = attrs.get("key")
            if in_vulners and (key == "id" or key == "type"):
                mode = key
                p.CharacterDataHandler = collect
        elif tag == "table":
            finish_row()
        elif tag == "script":
            finish_row()
            in_vulners = attrs.get("id") == "vulners"
        elif tag == "port" or tag == "hostscript":
            finish_row()
            in_vulners = False
        elif tag == "address":
            if addr is None and attrs.get("addrtype") != "mac":
                addr = attrs.get("addr")
        elif tag == "status":
            up = attrs.get("state") == "up"
        elif tag == "host" or tag == "runstats":
            finish_row()
            in_vulners = False
            finish_host()
            addr, up, cves = None, False, set()

    p.StartElementHandler = start
    _feed(p, path)
    if mode:
        flush()
    finish_row()
    finish_host()
    return tally.counts()


_QUALYS_REQUIRED = ("IP", "QID", "CVE ID")


def floor_qualys(path: Path) -> Counts:
    """Header = first row holding IP, QID and CVE ID (after any preamble); host = IP; CVEs = CVE ID cell."""
    tally = Tally()
    csv.field_size_limit(64 << 20)
    with path.open("r", encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f)
        for row in rows:
            if all(name in row for name in _QUALYS_REQUIRED):
                ip_i, cve_i = row.index("IP"), row.index("CVE ID")
                break
        else:
            return tally.counts()
        add = tally.add
        for row in rows:
            if len(row) <= cve_i:
                continue
            cell = row[cve_i]
            add(row[ip_i], [c.strip() for c in cell.split(",")] if cell else ())
    return tally.counts()


def floor_nuclei(path: Path) -> Counts:
    """Host = ``host``; CVEs = ``info.classification.cve-id`` (list or comma string); non-matches skipped."""
    tally = Tally()
    add = tally.add
    loads = json.loads
    with path.open("rb") as f:
        for line in f:
            if not line.strip():
                continue
            rec = loads(line)
            if rec.get("matcher-status") is False:
                continue
            cls = rec.get("info", {}).get("classification") or {}
            ids = cls.get("cve-id") or ()
            if isinstance(ids, str):
                ids = ids.split(",")
            add(rec.get("host"), [c.strip().upper() for c in ids])
    return tally.counts()


FLOORS = {"nessus": floor_nessus, "nmap": floor_nmap, "qualys-csv": floor_qualys, "nuclei": floor_nuclei}
FLOORS.update(MORE_FLOORS)  # the issue-18 formats (bench/floors_more.py)
