"""A small hand-written catalogue of checks shared by the OpenVAS, Nessus CSV, Qualys XML, Burp and ZAP
generators: each check has an id per scanner, a port, a severity and its CVE ids."""

from __future__ import annotations

import random
from typing import TypeVar

import attrs

from ._nessus_model import synth_cves

__all__ = ["CHECKS", "WEB_CHECKS", "Check", "WebCheck", "pick"]


@attrs.frozen(kw_only=True)
class Check:
    """A network vulnerability check (OpenVAS NVT / Nessus plugin / Qualys QID)."""

    name: str
    oid: str
    plugin: int
    qid: int
    port: int  # 0: host-level ("general/tcp", port 0)
    severity: int  # 0-4
    cvss: str
    cves: tuple[str, ...] = ()
    text: str = ""


CHECKS: tuple[Check, ...] = (
    Check(
        name="OpenSSH 'regreSSHion' RCE",
        oid="1.3.6.1.4.1.25623.1.0.114672",
        plugin=201194,
        qid=38941,
        port=22,
        severity=3,
        cvss="8.1",
        cves=("CVE-2024-6387",),
        text="Installed version: 8.9p1\nFixed version: 9.8p1\nInstallation path / port: 22/tcp",
    ),
    Check(
        name="SSH Terrapin Prefix Truncation",
        oid="1.3.6.1.4.1.25623.1.0.151420",
        plugin=187315,
        qid=38913,
        port=22,
        severity=2,
        cvss="5.9",
        cves=("CVE-2023-48795",),
        text="The remote SSH server supports chacha20-poly1305@openssh.com (mentions CVE-2000-0001).",
    ),
    Check(
        name="Apache HTTP Server Multiple Vulnerabilities",
        oid="1.3.6.1.4.1.25623.1.0.151257",
        plugin=183391,
        qid=13607,
        port=443,
        severity=3,
        cvss="7.5",
        cves=("CVE-2023-31122", "CVE-2023-43622", "CVE-2023-45802"),
        text="Installed version: 2.4.52\nFixed version: 2.4.58",
    ),
    Check(
        name="TLS/SSL Weak Cipher Suites",
        oid="1.3.6.1.4.1.25623.1.0.103440",
        plugin=26928,
        qid=38140,
        port=443,
        severity=2,
        cvss="5.0",
        cves=("CVE-2013-2566", "CVE-2015-2808", "CVE-2015-4000"),
        text="'Weak' cipher suites accepted via TLSv1.2:\nTLS_RSA_WITH_RC4_128_SHA",
    ),
    Check(
        name="Microsoft Windows Security Update (KB5034127)",
        oid="1.3.6.1.4.1.25623.1.0.832771",
        plugin=187901,
        qid=91345,
        port=445,
        severity=4,
        cvss="9.8",
        cves=synth_cves(2024, 20652, 48),
        text="File checked: C:\\Windows\\system32\\ntoskrnl.exe\nFile version: 10.0.20348.2113",
    ),
    Check(
        name="Red Hat kernel update (RHSA-2024:1250)",
        oid="1.3.6.1.4.1.25623.1.1.12.2024.1250",
        plugin=192321,
        qid=241985,
        port=0,
        severity=3,
        cvss="7.8",
        cves=synth_cves(2023, 51042, 27, 13),
        text="Vulnerable package: kernel\nInstalled version: 4.18.0-513.11.1.el8_9",
    ),
    Check(
        name="Apache Log4j RCE (Log4Shell)",
        oid="1.3.6.1.4.1.25623.1.0.117838",
        plugin=156032,
        qid=730983,
        port=8080,
        severity=4,
        cvss="10.0",
        cves=("CVE-2021-44228", "CVE-2021-45046"),
        text="Detected log4j-core-2.14.1.jar",
    ),
    Check(
        name="TCP timestamps",
        oid="1.3.6.1.4.1.25623.1.0.80091",
        plugin=25220,
        qid=82063,
        port=0,
        severity=1,
        cvss="2.6",
        text="It was detected that the host implements RFC1323/RFC7323.",
    ),
    Check(
        name="OS Detection Consolidation and Reporting",
        oid="1.3.6.1.4.1.25623.1.0.105937",
        plugin=11936,
        qid=45017,
        port=0,
        severity=0,
        cvss="0.0",
        text="Best matching OS: Ubuntu 22.04 LTS",
    ),
    Check(
        name="HTTP Server Banner Enumeration",
        oid="1.3.6.1.4.1.25623.1.0.108708",
        plugin=10107,
        qid=86000,
        port=80,
        severity=0,
        cvss="0.0",
        text="Server: nginx/1.18.0 (Ubuntu)",
    ),
)


@attrs.frozen(kw_only=True)
class WebCheck:
    """A web application finding (Burp issue type / ZAP plugin)."""

    name: str
    burp_type: int
    zap_plugin: int
    severity: str  # Burp: High / Medium / Low / Information
    risk: int  # ZAP riskcode 0-3
    cves: tuple[str, ...] = ()
    path: str = "/"


WEB_CHECKS: tuple[WebCheck, ...] = (
    WebCheck(
        name="Vulnerable JavaScript dependency",
        burp_type=5245344,
        zap_plugin=10003,
        severity="Low",
        risk=2,
        cves=("CVE-2020-11022", "CVE-2020-11023", "CVE-2019-11358"),
        path="/static/js/jquery-3.4.1.min.js",
    ),
    WebCheck(
        name="Cross-site scripting (reflected)",
        burp_type=2097920,
        zap_plugin=40012,
        severity="High",
        risk=3,
        path="/search?q=%3Cscript%3E",
    ),
    WebCheck(
        name="SQL injection", burp_type=1049088, zap_plugin=40018, severity="High", risk=3, path="/item?id=1"
    ),
    WebCheck(
        name="Strict transport security not enforced",
        burp_type=16777472,
        zap_plugin=10035,
        severity="Low",
        risk=1,
    ),
    WebCheck(
        name="Content security policy: not enforced",
        burp_type=2098689,
        zap_plugin=10038,
        severity="Information",
        risk=2,
    ),
    WebCheck(
        name="Apache Struts2 OGNL injection",
        burp_type=1051392,
        zap_plugin=40045,
        severity="High",
        risk=3,
        cves=("CVE-2017-5638",),
        path="/struts2-showcase/index.action",
    ),
)


T = TypeVar("T")


def pick(rng: random.Random, items: tuple[T, ...], low: int, high: int) -> list[T]:
    """``low``..``high`` distinct items, in a random order."""
    return rng.sample(list(items), rng.randint(low, min(high, len(items))))
