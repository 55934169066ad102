"""Hand-made Nmap XML (vulners output) and a stub ``nmap`` executable for the Nmap job tests."""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

__all__ = ["StubNmap", "nmap_xml"]


def _vulners(cpe: str, cves: Iterable[str]) -> str:
    rows = "".join(
        "<table>"
        f'<elem key="id">{cve}</elem><elem key="cvss">7.5</elem>'
        '<elem key="type">cve</elem><elem key="is_exploit">false</elem>'
        "</table>"
        for cve in cves
    )
    extra = (
        '<table><elem key="id">PACKETSTORM:140261</elem><elem key="cvss">5.0</elem>'
        '<elem key="type">packetstorm</elem><elem key="is_exploit">true</elem></table>'
    )
    text = "\n  " + cpe + ": \n" + "".join(f"    \t{c}\t7.5\thttps://vulners.com/cve/{c}\n" for c in cves)
    return f'<script id="vulners" output={quoteattr(text)}><table key="{cpe}">{rows}{extra}</table></script>'


def nmap_xml(ip: str, cves: Iterable[str], *, up: bool = True) -> str:
    """One scanned host at ``ip`` with an OpenSSH port whose vulners rows list ``cves``."""
    family = "ipv6" if ":" in ip else "ipv4"
    cpe = "cpe:/a:openbsd:openssh:8.9p1"
    ports = (
        '<ports><extraports state="closed" count="999"/>'
        '<port protocol="tcp" portid="22"><state state="open" reason="syn-ack" reason_ttl="0"/>'
        '<service name="ssh" product="OpenSSH" version="8.9p1" method="probed" conf="10">'
        f"<cpe>{cpe}</cpe></service>{_vulners(cpe, list(cves))}</port></ports>"
    )
    state = "up" if up else "down"
    host = (
        f'<host starttime="1700000000" endtime="1700000009"><status state="{state}" reason="syn-ack"/>'
        f'<address addr="{ip}" addrtype="{family}"/><hostnames/>{ports if up else ""}</host>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n'
        f'<nmaprun scanner="nmap" args="nmap -sV --script vulners -oX - {ip}" start="1700000000" '
        'version="7.94" xmloutputversion="1.05">\n'
        '<scaninfo type="connect" protocol="tcp" numservices="1000" services="1-1000"/>\n'
        '<verbose level="0"/><debugging level="0"/>\n'
        f"{host}\n"
        '<runstats><finished time="1700000009" elapsed="9.00" exit="success"/>'
        f'<hosts up="{int(up)}" down="{int(not up)}" total="1"/></runstats>\n</nmaprun>\n'
    )


_STUB = """#!{python} -S
# Stub nmap for tests: never scans. Records its argv and environment names, prints <dir>/<target>.xml.
import json, os, pathlib, sys, time
here = pathlib.Path({folder!r})
with open(here / "calls.jsonl", "a", encoding="utf-8") as log:
    log.write(json.dumps({{"argv": sys.argv[1:], "env": sorted(os.environ)}}) + "\\n")
if (here / "sleep").exists():
    time.sleep(float((here / "sleep").read_text()))
if (here / "stderr.txt").exists():
    sys.stderr.write((here / "stderr.txt").read_text())
code = int((here / "exit_code").read_text()) if (here / "exit_code").exists() else 0
xml = here / (sys.argv[-1].replace(":", "_") + ".xml")
if code == 0 and xml.exists():
    sys.stdout.write(xml.read_text(encoding="utf-8"))
sys.exit(code)
"""


class StubNmap:
    """A fake ``nmap`` in ``folder/bin``: answers ``<folder>/<ip>.xml``, records every call."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.bin = folder / "bin"
        self.bin.mkdir(parents=True, exist_ok=True)
        self.path = self.bin / "nmap"
        self.path.write_text(_STUB.format(python=sys.executable, folder=str(folder)), encoding="utf-8")
        self.path.chmod(self.path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)

    def answer(self, ip: str, cves: Iterable[str], *, up: bool = True) -> None:
        """Make the stub print a report for ``ip`` listing ``cves``."""
        (self.folder / f"{ip.replace(':', '_')}.xml").write_text(nmap_xml(ip, cves, up=up), encoding="utf-8")

    def fail(self, code: int, stderr: str) -> None:
        """Make every call exit with ``code`` after writing ``stderr``."""
        (self.folder / "exit_code").write_text(str(code), encoding="utf-8")
        (self.folder / "stderr.txt").write_text(stderr, encoding="utf-8")

    def hang(self, seconds: float) -> None:
        """Make every call sleep first."""
        (self.folder / "sleep").write_text(str(seconds), encoding="utf-8")

    def calls(self) -> list[dict[str, Any]]:
        """Every call so far: ``{"argv": [...], "env": [names]}``."""
        log = self.folder / "calls.jsonl"
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]

    def path_env(self) -> str:
        """A PATH value with the stub first."""
        return os.pathsep.join([str(self.bin), os.environ.get("PATH", "")])
