"""Nmap ``-oX`` XML parser: hosts that are up, open ports, and CVEs from vulners, vulscan and vulns scripts.

Driven by a hardened pyexpat parser with a start-element handler; an end-element handler is switched
on only inside NSE scripts whose nested tables matter (vulns-library output), so the common case -
vulners rows - costs about what a bare expat pass does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from .._exceptions import ParseError
from ._context import ParseContext
from ._errors import TruncatedReportError
from ._model import Finding
from ._nmap_host import NmapHost, NmapPort
from ._nse import VULNERS_SCRIPTS, ScriptTree, vulners_row_cve, vulns_library_cves, vulscan_cves
from ._xml import ExpatDriver, sniff_root

__all__ = ["NmapParser"]

_TOP_LEVEL = frozenset(
    {"host", "hosthint", "runstats", "taskbegin", "taskprogress", "taskend", "prescript", "postscript",
     "output", "target", "scaninfo", "verbose", "debugging"}
)  # fmt: skip
_ROW_KEYS = frozenset({"id", "type", "cvss"})
_CVE_CACHE: dict[tuple[str | None, str | None], str | None] = {}


def _cve_of(row: dict[str, str]) -> str | None:
    """The CVE id of a vulners row (memoised on its id and type)."""
    key = (row.get("id"), row.get("type"))
    if key in _CVE_CACHE:
        return _CVE_CACHE[key]
    cve = vulners_row_cve(key[0], key[1])
    if len(_CVE_CACHE) < 100_000:
        _CVE_CACHE[key] = cve
    return cve


class NmapParser:
    """Reads Nmap XML (``nmap -oX``); see the module docstring and the format notes in the docs.

    * hosts with ``status@state="up"``; address = first IPv4, else first IPv6; every hostname kept;
    * findings: one per open port (service, product, version, CPEs, its scripts' CVEs), one for
      host-script CVEs, or one bare finding for an up host without either;
    * CVEs: vulners / vulners_enterprise rows whose id *is* a CVE id, every CVE token of vulscan
      output, and ``CVE:`` ids of NSE vulns-library tables in a VULNERABLE state.
    """

    name: ClassVar[str] = "nmap"
    priority: ClassVar[int] = 50
    description: ClassVar[str] = "Nmap XML output (-oX), with vulners / vulscan / vulns NSE scripts"

    def sniff(self, head: bytes) -> float:
        """1.0 for an ``nmaprun`` root."""
        root = sniff_root(head)
        if root == "nmaprun":
            return 1.0
        return 0.5 if root is None and b"<nmaprun" in head else 0.0

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        """Yield the findings of each ``<host>`` once the host is complete."""
        driver = ExpatDriver(ctx, record_end=b"</host>")
        parser = driver.parser
        scanner = self.name
        done: list[Finding] = []
        buf: list[str] = []
        collect = buf.append
        mode = ""  # "" idle; "row" vulners row elem; "cpe" service cpe; "elem" generic-script elem
        key = ""
        host: NmapHost | None = None
        port: NmapPort | None = None
        target: NmapHost | NmapPort | None = None  # where script CVEs go
        in_service = False
        script_id = ""
        vulners = False
        row: dict[str, str] | None = None  # the vulners row being read: elem key -> text
        cve_of = _cve_of
        row_keys = _ROW_KEYS
        tree: list[ScriptTree] = []  # generic script: stack of open tables (root first)
        count = 0

        def flush() -> None:
            nonlocal mode
            text = buf[0] if len(buf) == 1 else "".join(buf)
            buf.clear()
            if mode == "row":
                if row is not None:
                    row[key] = text
            elif mode == "cpe":
                if port is not None:
                    port.cpes.append(text.strip())
            elif tree:
                tree[-1].elems.append((key or None, text))
            mode = ""
            parser.CharacterDataHandler = None

        def finish_row() -> None:
            nonlocal row
            if row and target is not None:
                cve = cve_of(row)
                if cve:
                    target.cves.add(cve)
                    target.sources.add(script_id)
                    target.add_cvss(row.get("cvss"))
            row = None

        def finish_host() -> None:
            nonlocal host, port, target, vulners
            finish_row()
            vulners = False
            if host is not None:
                done.extend(host.findings(ctx, scanner))
            host = port = target = None

        def start(tag: str, attrs: dict[str, str]) -> None:
            nonlocal mode, key, host, port, target, in_service, script_id, vulners, row, count
            if mode:
                if mode == "row" and row is not None:
                    row[key] = buf[0] if len(buf) == 1 else "".join(buf)
                    buf.clear()
                    mode = ""
                    parser.CharacterDataHandler = None
                else:
                    flush()
            if tree:  # inside a script with nested tables
                if tag == "table":
                    node = ScriptTree(key=attrs.get("key"))
                    tree[-1].tables.append(node)
                    tree.append(node)
                elif tag == "elem":
                    mode, key = "elem", attrs.get("key", "")
                    parser.CharacterDataHandler = collect
                return
            if vulners:
                if tag == "elem":
                    k = attrs.get("key", "")
                    if row is not None and k in row_keys:
                        mode, key = "row", k
                        parser.CharacterDataHandler = collect
                    return
                if tag == "table":
                    if row:
                        finish_row()
                    row = None if "key" in attrs else {}
                    return
                finish_row()
                vulners = False
            if in_service:
                if tag == "cpe":
                    mode = "cpe"
                    parser.CharacterDataHandler = collect
                    return
                in_service = False
            if tag == "script":
                script_id = attrs.get("id", "")
                if script_id in VULNERS_SCRIPTS:
                    vulners = True
                elif script_id == "vulscan":
                    if target is not None:
                        for cve in vulscan_cves(attrs.get("output", "")):
                            target.add(cve, script_id)
                else:
                    tree.append(ScriptTree(key=script_id))
                    parser.EndElementHandler = end_in_script
            elif tag == "port":
                if host is not None:
                    port = NmapPort(
                        portid=attrs.get("portid", "").strip(), protocol=attrs.get("protocol", "")
                    )
                    host.ports.append(port)
                    target = port
            elif tag == "state":
                if port is not None:
                    port.state = attrs.get("state", "")
            elif tag == "service":
                if port is not None:
                    port.service = attrs.get("name")
                    port.product = attrs.get("product")
                    port.version = attrs.get("version")
                    in_service = True
            elif tag == "address":
                if host is not None:
                    host.addresses.append((attrs.get("addr", "").strip(), attrs.get("addrtype", "ipv4")))
            elif tag == "hostname":
                if host is not None and attrs.get("name"):
                    host.hostnames.append(attrs["name"].strip())
            elif tag == "status":
                if host is not None:
                    host.state = attrs.get("state", "")
            elif tag == "hostscript":
                port = None
                target = host
            elif tag in _TOP_LEVEL:
                finish_host()
                if tag == "host":
                    count += 1
                    host = NmapHost(index=count)

        def end_in_script(tag: str) -> None:
            nonlocal mode
            if mode:
                flush()
            if tag == "table" and len(tree) > 1:
                tree.pop()
            elif tag == "script":
                script = tree[0]
                tree.clear()
                parser.EndElementHandler = None
                if target is not None:
                    cves, unconfirmed = vulns_library_cves(script)
                    for cve in cves:
                        target.add(cve, script.key or "")
                    for text in unconfirmed:
                        ctx.skip(f"host[{count}] script {script.key}", f"not counted: {text}")

        def root(tag: str, _attrs: dict[str, str]) -> None:
            driver.started = True
            if tag != "nmaprun":
                raise ctx.error(
                    f"unsupported root <{tag}> (expected <nmaprun>); this is not Nmap XML output",
                    location=f"root element <{tag}>",
                )
            parser.StartElementHandler = start

        parser.StartElementHandler = root
        try:
            for batch in driver.pump(stream, buf, done, what="script elem or CPE"):
                yield from batch
        except TruncatedReportError:
            if driver.closed >= count and host is not None:  # the last host's end tag was read
                if mode:
                    flush()
                finish_host()
            yield from done
            raise
        except ParseError:
            yield from done
            raise
        if mode:
            flush()
        finish_host()
        yield from done
