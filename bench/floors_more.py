"""Floors of the issue-18 formats: the least work that extracts host keys and CVE ids from the same bytes.

XML: pyexpat with only a start-element handler; character data is collected just for the elements
whose text is needed and flushed at the next start tag (as in :mod:`bench.floors`). These floors rely
on the generated files' layout (no nested records before a record's host); ours handles the general
case. CSV: ``csv.reader`` with the header on row 1. ZAP JSON: ``json.load`` of the whole file.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.parsers import expat

from .counts import Counts, Tally

__all__ = ["MORE_FLOORS"]

_CHUNK = 1 << 20
_CVE = re.compile(r"CVE-[0-9]{4}-[0-9]{4,}")


def _feed(parser: Any, path: Path) -> None:
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def floor_openvas(path: Path) -> Counts:
    """Host = ``results/result/host`` text (before ``<asset>``); CVEs = its ``nvt/refs/ref[@type="cve"]/@id``.

    GVM nests whole ``<result>`` elements (with their own host) inside ``<delta>`` and ``<detection>``,
    so even the floor must know element depths: expat appends end tags to a list (a C-level call) and
    the start handler subtracts them, the cheapest exact depth there is.
    """
    tally = Tally()
    p = expat.ParserCreate()
    p.buffer_text = True
    p.buffer_size = 1 << 16
    buf: list[str] = []
    ended: list[str] = []
    p.EndElementHandler = ended.append
    depth = rec = results = 0
    collecting = False
    host = ""

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal depth, rec, results, collecting, host
        if collecting:
            host = "".join(buf).strip()
            buf.clear()
            collecting = False
            p.CharacterDataHandler = None
            tally.add(host)
        if ended:
            depth -= len(ended)
            ended.clear()
            if depth < rec:
                rec = 0
        depth += 1
        if rec:
            if tag == "ref":
                if depth == rec + 3 and attrs.get("type") == "cve":
                    tally.add(host, (attrs.get("id", "").upper(),))
            elif tag == "host" and depth == rec + 1:
                collecting = True
                p.CharacterDataHandler = buf.append
        elif tag == "result":
            if depth == results + 1:
                rec, host = depth, ""
        elif tag == "results":
            results = depth

    p.StartElementHandler = start
    _feed(p, path)
    return tally.counts()


def _text_floor(
    path: Path, record: str, key_attr: str, text_tag: str, cves_of: Callable[[str], list[str]]
) -> Counts:
    """Start-only floor: a host per ``record`` start (``key_attr``); CVEs from the text of ``text_tag``."""
    tally = Tally()
    p = expat.ParserCreate()
    p.buffer_text = True
    p.buffer_size = 1 << 16
    buf: list[str] = []
    collecting = False
    host = ""

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal collecting, host
        if collecting:
            tally.add(host, cves_of("".join(buf)))
            buf.clear()
            collecting = False
            p.CharacterDataHandler = None
        if tag == text_tag:
            collecting = True
            p.CharacterDataHandler = buf.append
        elif tag == record:
            host = attrs.get(key_attr, "")
            tally.add(host)

    p.StartElementHandler = start
    _feed(p, path)
    if collecting:
        tally.add(host, cves_of("".join(buf)))
    return tally.counts()


def floor_qualys_xml(path: Path) -> Counts:
    """Host = ``SCAN/IP@value``; CVEs = the text of every ``<ID>`` (they sit in CVE_ID_LIST only)."""
    return _text_floor(path, "IP", "value", "ID", lambda text: [text.strip().upper()])


def floor_burp(path: Path) -> Counts:
    """Host = ``host@ip``; CVEs = CVE tokens of the ``<references>`` text (links only, in these files)."""
    return _text_floor(path, "host", "ip", "references", _CVE.findall)


def floor_zap(path: Path) -> Counts:
    """Host = ``site@host``; CVEs = CVE tokens of the alerts' ``<reference>`` text (URLs only here)."""
    return _text_floor(path, "site", "host", "reference", _CVE.findall)


def _csv_floor(path: Path, host_col: str, cve_col: str, split: Callable[[str], list[str]]) -> Counts:
    tally = Tally()
    add = tally.add
    csv.field_size_limit(64 << 20)
    with path.open("r", encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        host_i, cve_i = header.index(host_col), header.index(cve_col)
        for row in rows:
            if len(row) > cve_i:
                cell = row[cve_i]
                add(row[host_i], split(cell) if cell else ())
    return tally.counts()


def floor_openvas_csv(path: Path) -> Counts:
    """Host = ``IP``; CVEs = the ``CVEs`` cell split on commas (``NOCVE`` dropped)."""
    return _csv_floor(path, "IP", "CVEs", lambda c: [x.strip() for x in c.split(",") if x.strip() != "NOCVE"])


def floor_nessus_csv(path: Path) -> Counts:
    """Host = ``Host``; CVEs = the ``CVE`` cell (one id per row)."""
    return _csv_floor(path, "Host", "CVE", lambda c: [c.strip()])


def floor_zap_json(path: Path) -> Counts:
    """``json.load`` of the whole report; host = ``site[]["@host"]``; CVEs = ``alerts[].reference`` tokens."""
    tally = Tally()
    with path.open("rb") as f:
        report = json.load(f)
    for site in report["site"]:
        host = site["@host"]
        tally.add(host)
        for alert in site["alerts"]:
            tally.add(host, _CVE.findall(alert.get("reference", "")))
    return tally.counts()


MORE_FLOORS = {
    "openvas": floor_openvas,
    "openvas-csv": floor_openvas_csv,
    "nessus-csv": floor_nessus_csv,
    "qualys-xml": floor_qualys_xml,
    "burp": floor_burp,
    "zap": floor_zap,
    "zap-json": floor_zap_json,
}
