"""Where a job's Nmap XML comes from: a real nmap run, one XML file, or a folder of XML files.

Every source has ``scan(ip) -> ScanReport``; :func:`cve_ids_for` then picks the scanned host's CVEs.
nmap runs as ``nmap -sV --script vulners -oX - IP`` (``-6`` added for IPv6), without a shell, with a
timeout, and without the ``FUTUREVULS_*`` variables (the API token) in its environment.
"""

from __future__ import annotations

import io
import ipaddress
import os
import shutil
import subprocess
from pathlib import Path
from typing import Protocol

import attrs

from ..parsers import ScanReport, parse_report
from ._errors import NmapNotFoundError, NmapScanError

__all__ = [
    "DEFAULT_NMAP_TIMEOUT",
    "NmapScanner",
    "NmapSource",
    "XmlDirSource",
    "XmlFileSource",
    "cve_ids_for",
]

DEFAULT_NMAP_TIMEOUT = 900.0
_INSTALL_HINT = (
    "install nmap or use --from-xml FILE (update: --from-xml-dir DIR) to read saved scans; "
    "e.g. 'apt-get install nmap', or --nmap PATH when it is not on PATH"
)


class NmapSource(Protocol):
    """Anything that yields the Nmap report of one IP."""

    def scan(self, ip: str, /) -> ScanReport:
        """The parsed Nmap XML for ``ip``."""
        ...


def _tail(data: bytes, *, lines: int = 5, limit: int = 600) -> str:
    text = data.decode("utf-8", errors="replace").strip()
    tail = " | ".join(line.strip() for line in text.splitlines()[-lines:] if line.strip())
    return tail[-limit:] or "(no message on stderr)"


@attrs.frozen(kw_only=True)
class NmapScanner:
    """Run nmap for one IP and parse its XML.

    Attributes:
        nmap: the nmap binary: a path, or a name looked up on ``PATH`` (default ``"nmap"``).
        timeout: seconds before the scan is killed (default 900).
    """

    nmap: str = "nmap"
    timeout: float = DEFAULT_NMAP_TIMEOUT

    def binary(self) -> str:
        """The nmap executable's path; raises :class:`NmapNotFoundError` with an install hint."""
        if os.sep in self.nmap or (os.altsep and os.altsep in self.nmap):
            path = Path(self.nmap)
            if path.is_file() and os.access(path, os.X_OK):
                return str(path)
            raise NmapNotFoundError(
                f"nmap not found: {self.nmap!r} is not an executable file; {_INSTALL_HINT}"
            )
        found = shutil.which(self.nmap)
        if found is None:
            raise NmapNotFoundError(f"nmap not found: no {self.nmap!r} on PATH; {_INSTALL_HINT}")
        return found

    def command(self, ip: str) -> list[str]:
        """The argv for scanning ``ip`` (already validated)."""
        family = ["-6"] if ipaddress.ip_address(ip).version == 6 else []
        return [self.binary(), "-sV", "--script", "vulners", *family, "-oX", "-", ip]

    def scan(self, ip: str, /) -> ScanReport:
        """Scan ``ip``; raises :class:`NmapScanError` naming the IP when nmap fails or times out."""
        argv = self.command(ip)
        env = {key: value for key, value in os.environ.items() if not key.startswith("FUTUREVULS_")}
        try:
            done = subprocess.run(  # fixed argv, no shell, validated IP
                argv,
                capture_output=True,
                timeout=self.timeout,
                env=env,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise NmapScanError(
                f"nmap did not finish scanning {ip} within {self.timeout:g} s and was stopped; "
                "raise --nmap-timeout",
                ip=ip,
            ) from None
        except OSError as exc:
            raise NmapNotFoundError(f"cannot run nmap {argv[0]!r}: {exc}; {_INSTALL_HINT}") from exc
        if done.returncode != 0:
            raise NmapScanError(
                f"nmap failed scanning {ip} (exit status {done.returncode}): {_tail(done.stderr)}", ip=ip
            )
        if not done.stdout.strip():
            raise NmapScanError(f"nmap wrote no XML while scanning {ip}: {_tail(done.stderr)}", ip=ip)
        try:
            report = parse_report(io.BytesIO(done.stdout), format="nmap")
        except Exception as exc:  # ParseError, or anything the parser raises on odd output
            raise NmapScanError(f"nmap's XML output for {ip} could not be read: {exc}", ip=ip) from exc
        if done.stderr.strip():
            report = attrs.evolve(report, warnings=(*report.warnings, f"nmap stderr: {_tail(done.stderr)}"))
        return report


@attrs.frozen(kw_only=True)
class XmlFileSource:
    """An Nmap XML file saved earlier (``--from-xml FILE``); the same file for every IP."""

    path: Path = attrs.field(converter=Path)

    def scan(self, ip: str, /) -> ScanReport:
        """Parse the file (``ip`` only selects the host later)."""
        return parse_report(self.path, format="nmap")


@attrs.frozen(kw_only=True)
class XmlDirSource:
    """A folder of Nmap XML files named after the IP: ``<DIR>/<IP>.xml`` (``:`` may be ``_`` for IPv6)."""

    folder: Path = attrs.field(converter=Path)

    def scan(self, ip: str, /) -> ScanReport:
        """Parse ``<folder>/<ip>.xml``; raises :class:`NmapScanError` when there is none."""
        candidates = [self.folder / f"{ip}.xml", self.folder / f"{ip.replace(':', '_')}.xml"]
        for path in candidates:
            if path.is_file():
                return parse_report(path, format="nmap")
        raise NmapScanError(f"no Nmap XML for {ip}: expected {str(candidates[0])!r}", ip=ip)


def _same_ip(text: str, ip: str) -> bool:
    try:
        return ipaddress.ip_address(text.strip()).compressed == ip
    except ValueError:
        return False


def cve_ids_for(report: ScanReport, ip: str) -> frozenset[str]:
    """The CVE IDs the report gives for the host at ``ip``.

    Raises:
        NmapScanError: the report has no (up) host at ``ip``. Nothing is written then: an unreachable
            host must not empty its result.
    """
    for host in report.hosts:
        if _same_ip(host.address, ip) or any(_same_ip(addr, ip) for addr in host.ip_addresses):
            return frozenset(host.cve_ids)
    seen = ", ".join(sorted({h.address for h in report.hosts})[:5]) or "none"
    said = f" ({report.warnings[-1]})" if report.warnings else ""
    raise NmapScanError(
        f"the Nmap report ({report.source}) has no up host at {ip} (hosts in it: {seen}){said}; the host "
        "may be down or filtered, its result was left unchanged",
        ip=ip,
    )
