"""Generate a large Qualys VM "Scan Results" CSV (preamble, decoy summary table, host-based findings)."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import attrs

from ._nessus_templates import synth_cves
from ._writer import GenTruth, SizedWriter, hostname_for, ip_sequence, write_truth

__all__ = ["HEADER", "generate"]

EXTENSION = "csv"

HEADER = (
    "IP",
    "DNS",
    "NetBIOS",
    "Tracking Method",
    "OS",
    "IP Status",
    "QID",
    "Title",
    "Vuln Status",
    "Type",
    "Severity",
    "Port",
    "Protocol",
    "FQDN",
    "SSL",
    "First Detected",
    "Last Detected",
    "Times Detected",
    "Date Last Fixed",
    "CVE ID",
    "Vendor Reference",
    "Bugtraq ID",
    "CVSS3.1",
    "CVSS3.1 Base",
    "CVSS3.1 Temporal",
    "Threat",
    "Impact",
    "Solution",
    "Exploitability",
    "Associated Malware",
    "Results",
    "PCI Vuln",
    "Ticket State",
    "Instance",
    "OS CPE",
    "Category",
    "Associated Tags",
)


@attrs.frozen(kw_only=True)
class Qid:
    """A Qualys knowledge-base entry as it shows in a scan report row."""

    qid: int
    title: str
    type: str  # Vuln, Practice (potential) or Ig (information gathered)
    severity: int
    category: str
    cves: tuple[str, ...] = ()
    port: int = 0
    cvss: str = ""
    vendor_ref: str = ""
    threat: str = ""
    solution: str = ""
    results: str = ""


_QIDS: tuple[Qid, ...] = (
    Qid(
        qid=38739,
        title="Deprecated SSH Cryptographic Settings",
        type="Vuln",
        severity=3,
        category="General remote services",
        port=22,
        cvss="6.5 (AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N)",
        threat="The SSH protocol (Secure Shell) is a method for secure remote login from one computer to "
        "another. The remote SSH server is configured to allow weak key exchange or cipher algorithms.",
        solution="Avoid using deprecated cryptographic settings.<P>Use best practices when configuring SSH.",
        results="Type\tName\nkey exchange\tdiffie-hellman-group1-sha1\ncipher\tarcfour256",
    ),
    Qid(
        qid=38913,
        title="SSH Prefix Truncation Vulnerability (Terrapin)",
        type="Vuln",
        severity=3,
        category="General remote services",
        port=22,
        cves=("CVE-2023-48795",),
        cvss="5.9",
        threat="The Terrapin attack allows a man-in-the-middle attacker to drop messages at the start of "
        "the secure channel without either party noticing.",
        solution="Upgrade OpenSSH to 9.6 or later.",
        results="Vulnerable cipher: chacha20-poly1305@openssh.com",
    ),
    Qid(
        qid=42366,
        title="SSLv3.0/TLSv1.0 Protocol Weak CBC Mode Server Side Vulnerability (BEAST)",
        type="Practice",
        severity=3,
        category="General remote services",
        port=443,
        cves=("CVE-2011-3389",),
        cvss="3.7",
        vendor_ref="TLS 1.0",
        threat="SSLv 3.0 and TLS v1.0 protocols use cipher block chaining (CBC) mode with chained "
        "initialization vectors.",
        solution="Disable SSLv3 and TLSv1.0 on the server.",
        results="TLSv1.0 is supported\nCBC ciphers: AES128-SHA AES256-SHA",
    ),
    Qid(
        qid=13607,
        title="Apache HTTP Server Multiple Vulnerabilities (2.4.58)",
        type="Vuln",
        severity=4,
        category="Web server",
        port=443,
        cves=("CVE-2023-31122", "CVE-2023-43622", "CVE-2023-45802"),
        cvss="7.5",
        vendor_ref="Apache HTTP Server 2.4.58",
        threat="Apache HTTP Server versions prior to 2.4.58 are affected by multiple vulnerabilities.",
        solution="Upgrade to Apache HTTP Server 2.4.58 or later.",
        results="Server: Apache/2.4.52 (Ubuntu)",
    ),
    Qid(
        qid=730983,
        title="Apache Log4j Remote Code Execution (RCE) Vulnerability (Log4Shell)",
        type="Vuln",
        severity=5,
        category="Local",
        port=8080,
        cves=("CVE-2021-44228", "CVE-2021-45046"),
        cvss="10.0",
        threat="Apache Log4j2 JNDI features do not protect against attacker controlled LDAP and other JNDI "
        "related endpoints.",
        solution="Upgrade to Apache Log4j 2.17.1 or later.",
        results="%ProgramFiles%\\App\\lib\\log4j-core-2.14.1.jar found",
    ),
    Qid(
        qid=91345,
        title="Microsoft Windows Security Update for January 2024",
        type="Vuln",
        severity=5,
        category="Windows",
        cves=synth_cves(2024, 20652, 48),
        cvss="9.8",
        vendor_ref="KB5034127",
        threat="Microsoft releases the security update for Windows, January 2024.",
        solution="Customers are advised to refer to KB5034127.",
        results="%windir%\\system32\\ntoskrnl.exe  Version is  10.0.20348.2113",
    ),
    Qid(
        qid=91389,
        title="Microsoft Windows Security Update for March 2024",
        type="Vuln",
        severity=5,
        category="Windows",
        cves=synth_cves(2024, 21407, 52, 5),
        cvss="9.8",
        vendor_ref="KB5035857",
        threat="Microsoft releases the security update for Windows, March 2024.",
        solution="Customers are advised to refer to KB5035857.",
        results="%windir%\\system32\\win32kfull.sys  Version is  10.0.20348.2227",
    ),
    Qid(
        qid=241985,
        title="Red Hat Update for kernel (RHSA-2024:1250)",
        type="Vuln",
        severity=4,
        category="RedHat",
        cves=synth_cves(2023, 51042, 27, 13),
        cvss="7.8",
        vendor_ref="RHSA-2024:1250",
        threat="The kernel packages contain the Linux kernel, the core of any Linux operating system.",
        solution="Update the affected packages.",
        results="kernel-4.18.0-513.11.1.el8_9.x86_64",
    ),
    Qid(
        qid=38794,
        title="SSL Certificate - Self-Signed Certificate",
        type="Practice",
        severity=2,
        category="General remote services",
        port=443,
        threat="An X.509 certificate binds a public key to an identity.",
        solution="Use a certificate signed by a trusted CA.",
        results="Certificate #0 CN=localhost self signed",
    ),
    Qid(
        qid=86002,
        title="SSL Certificate - Information",
        type="Ig",
        severity=1,
        category="Web server",
        port=443,
        threat="SSL certificate information is provided in the Results section.",
        results="NAME\tVALUE\n(0)CERTIFICATE 0\n(0)Version\t3 (0x2)\n(0)Serial Number\t0f:22:1a",
    ),
    Qid(
        qid=45038,
        title="Host Scan Time - Scanner",
        type="Ig",
        severity=1,
        category="Information gathering",
        threat="The Host Scan Time is the period of time it takes the scanning engine to perform the "
        "vulnerability assessment of a single target host.",
        results="Scan duration: 1622 seconds",
    ),
    Qid(
        qid=105943,
        title="EOL/Obsolete Software: OpenSSL 1.0.2 Detected",
        type="Vuln",
        severity=4,
        category="Security Policy",
        cves=("CVE-2016-2183", "CVE-2020-1971", "CVE-2021-3449", "CVE-2022-0778"),
        cvss="7.5",
        threat="OpenSSL 1.0.2 reached end of life on December 31, 2019.",
        solution="Upgrade to a supported OpenSSL release.",
        results="/usr/lib64/libssl.so.1.0.2k",
    ),
)

_PREAMBLE_INFO = (
    "Launch Date",
    "Active Hosts",
    "Total Hosts",
    "Type",
    "Status",
    "Reference",
    "Scanner Appliance",
    "Duration",
    "Scan Title",
    "Asset Groups",
    "IPs",
    "Excluded IPs",
    "Option Profile",
)


def _rows_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def _preamble(rng: random.Random) -> str:
    rows: list[list[str]] = [
        ["Scan Results", "March 12, 2024"],
        ["Example Corp", "1-1 Marunouchi", "Chiyoda-ku", "Tokyo", "Japan", "100-0005"],
        ["Taro Yamada", "taro.yamada@example.jp", "Manager"],
        [],
        list(_PREAMBLE_INFO),
        [
            "03/12/2024 03:13:20",
            "0",
            "0",
            "Scheduled",
            "Finished",
            "scan/1710200000.12345",
            "scanner01 (Scanner 12.16.31-1, Vulnerability Signatures 2.5.1010-2)",
            "25:00:00",
            "weekly-external",
            "Perimeter",
            "10.16.0.0-10.16.255.255",
            "",
            "Qualys Top 20 Options",
        ],
        [],
        ["IP", "Network", "Total Vulnerabilities", "Security Risk"],
    ]
    rows.extend(
        [f"10.16.{i}.0/24", "Global Default Network", str(rng.randint(10, 900)), "4.1"] for i in range(12)
    )
    rows.append([])
    return _rows_text(rows)


def _host_rows(n: int, ip: str, rng: random.Random) -> tuple[list[list[str]], set[str]]:
    fqdn = hostname_for(n, rng)
    windows = rng.random() < 0.35
    os_name = "Windows Server 2022 Standard 64 bit Edition" if windows else "Ubuntu Linux 22.04"
    netbios = fqdn.split(".", 1)[0].upper() if windows else ""
    picks = [q for q in _QIDS if rng.random() < 0.55]
    if windows:
        picks = [q for q in picks if q.category != "RedHat"]
    else:
        picks = [q for q in picks if q.category != "Windows"]
    rows: list[list[str]] = []
    cves: set[str] = set()
    for q in picks:
        cves.update(q.cves)
        first = f"03/{rng.randint(1, 11):02d}/2024 {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00"
        rows.append(
            [
                ip,
                fqdn,
                netbios,
                "IP",
                os_name,
                "host scanned, found vuln",
                str(q.qid),
                q.title,
                rng.choice(("New", "Active", "Active", "Re-Opened")),
                q.type,
                str(q.severity),
                str(q.port) if q.port else "",
                "tcp" if q.port else "",
                "",
                "over ssl" if q.port == 443 else "",
                first,
                "03/12/2024 03:40:00",
                str(rng.randint(1, 30)),
                "",
                ", ".join(q.cves),
                q.vendor_ref,
                "",
                q.cvss,
                q.cvss.split(" ", 1)[0],
                "",
                q.threat,
                q.threat.split(".", 1)[0] + ".",
                q.solution,
                "",
                "",
                q.results,
                "yes" if q.severity >= 3 else "no",
                "",
                "os",
                "cpe:/o:canonical:ubuntu_linux:22.04"
                if not windows
                else "cpe:/o:microsoft:windows_server_2022",
                q.category,
                "Perimeter, Tokyo",
            ]
        )
    return rows, cves


def generate(path: Path, *, size_bytes: int, seed: int = 1) -> GenTruth:
    """Write a Qualys VM scan-results CSV of at least ``size_bytes`` (whole hosts) and its truth sidecar."""
    rng = random.Random(seed)
    addrs = ip_sequence(rng)
    hosts = host_cves = 0
    all_cves: set[str] = set()
    with path.open("wb") as f:
        w = SizedWriter(f)
        w.write(_preamble(rng))
        w.write(_rows_text([list(HEADER)]))
        while w.written < size_bytes or hosts == 0:
            _kind, ip = next(addrs)
            rows, cves = _host_rows(hosts + 1, ip, rng)
            if not rows:
                continue
            w.write(_rows_text(rows))
            hosts += 1
            host_cves += len(cves)
            all_cves |= cves
    truth = GenTruth(
        format="qualys-csv",
        size_bytes=w.written,
        hosts=hosts,
        host_cves=host_cves,
        cves=len(all_cves),
        seed=seed,
    )
    write_truth(path, truth)
    return truth
