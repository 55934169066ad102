"""Generate a large nuclei JSONL export (``nuclei -jsonl``, v3 field names) by replicating host templates."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import attrs

from ._writer import GenTruth, SizedWriter, hostname_for, ip_sequence, write_truth

__all__ = ["generate"]

EXTENSION = "jsonl"


@attrs.frozen(kw_only=True)
class Template:
    """A nuclei template as it shows in a result line."""

    id: str
    name: str
    severity: str
    tags: tuple[str, ...]
    cves: tuple[str, ...] = ()  # as nuclei v3 writes them: lower case, in a list
    cwe: tuple[str, ...] = ()
    cvss: str = ""
    path: str = "/"
    matcher: str = ""
    extracted: tuple[str, ...] = ()


_TEMPLATES: tuple[Template, ...] = (
    Template(
        id="CVE-2021-44228",
        name="Apache Log4j2 Remote Code Injection",
        severity="critical",
        tags=("cve", "cve2021", "rce", "oast", "log4j", "injection", "kev"),
        cves=("cve-2021-44228",),
        cwe=("cwe-502",),
        cvss="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
        path="/?x=${jndi:ldap://oast}",
    ),
    Template(
        id="CVE-2023-46604",
        name="Apache ActiveMQ - Remote Code Execution",
        severity="critical",
        tags=("cve", "cve2023", "activemq", "rce", "kev"),
        cves=("cve-2023-46604",),
        cwe=("cwe-502",),
        cvss="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    ),
    Template(
        id="CVE-2024-4577",
        name="PHP CGI - Argument Injection",
        severity="critical",
        tags=("cve", "cve2024", "php", "cgi", "rce", "kev"),
        cves=("cve-2024-4577",),
        cwe=("cwe-78",),
        cvss="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        path="/php-cgi/php-cgi.exe?%ADd+allow_url_include%3d1",
    ),
    Template(
        id="CVE-2023-22515",
        name="Atlassian Confluence - Broken Access Control",
        severity="critical",
        tags=("cve", "cve2023", "confluence", "atlassian", "kev"),
        cves=("cve-2023-22515",),
        cvss="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        path="/server-info.action",
    ),
    Template(
        id="CVE-2021-41773",
        name="Apache 2.4.49 - Path Traversal and Remote Code Execution",
        severity="high",
        tags=("cve", "cve2021", "lfi", "apache", "rce", "kev"),
        cves=("cve-2021-41773", "cve-2021-42013"),
        cwe=("cwe-22",),
        cvss="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
        path="/cgi-bin/.%2e/.%2e/etc/passwd",
    ),
    Template(
        id="CVE-2018-15473",
        name="OpenSSH Username Enumeration <v7.7",
        severity="medium",
        tags=("cve", "cve2018", "network", "openssh"),
        cves=("cve-2018-15473",),
        cwe=("cwe-362",),
        cvss="CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N",
    ),
    Template(
        id="CVE-2020-11022",
        name="jQuery < 3.5.0 - Cross-Site Scripting",
        severity="medium",
        tags=("cve", "cve2020", "jquery", "xss"),
        cves=("cve-2020-11022", "cve-2020-11023"),
        cvss="CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:L/I:L/A:N",
        path="/static/js/jquery.min.js",
    ),
    Template(
        id="tech-detect",
        name="Wappalyzer Technology Detection",
        severity="info",
        tags=("tech", "discovery"),
        matcher="nginx",
    ),
    Template(
        id="ssl-issuer",
        name="Detect SSL Certificate Issuer",
        severity="info",
        tags=("ssl", "tls"),
        extracted=("Example Corp Internal CA G2",),
    ),
    Template(
        id="http-missing-security-headers",
        name="HTTP Missing Security Headers",
        severity="info",
        tags=("misconfig", "headers", "generic"),
        matcher="strict-transport-security",
    ),
    Template(
        id="weak-cipher-suites",
        name="Weak Cipher Suites Detection",
        severity="low",
        tags=("ssl", "tls", "misconfig"),
        matcher="tls-1.0",
        extracted=("[tls10 TLS_RSA_WITH_AES_128_CBC_SHA]",),
    ),
)

_RESPONSE_BODY = (
    '<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n<title>Portal</title>\n'
    '<link rel="stylesheet" href="/static/css/app.css">\n<script src="/static/js/jquery.min.js">'
    '</script>\n</head>\n<body>\n<div id="app">\n'
    + "<p>Welcome to the customer portal.</p>\n" * 24
    + "</div>\n</body>\n</html>\n"
)


def _record(t: Template, host: str, ip: str, port: int, ts: str) -> dict[str, Any]:
    scheme = "https" if port in (443, 8443) else "http"
    url = f"{scheme}://{host}:{port}"
    matched = url + t.path
    classification: dict[str, Any] = {}
    if t.cves:
        classification = {
            "cve-id": list(t.cves),
            "cvss-metrics": t.cvss,
            "cvss-score": 9.8 if t.severity == "critical" else 7.5,
            "epss-score": 0.97,
            "epss-percentile": 0.999,
            "cpe": "cpe:2.3:a:vendor:product:*:*:*:*:*:*:*:*",
        }
        if t.cwe:
            classification["cwe-id"] = list(t.cwe)
    info: dict[str, Any] = {
        "name": t.name,
        "author": ["pdteam"],
        "tags": list(t.tags),
        "description": f"{t.name} was detected by the {t.id} template.",
        "severity": t.severity,
        "metadata": {"max-request": 1, "verified": True},
    }
    if t.cves:
        info["reference"] = [f"https://nvd.nist.gov/vuln/detail/{c.upper()}" for c in t.cves]
    if classification:
        info["classification"] = classification
    rec: dict[str, Any] = {
        "template": f"http/cves/{t.id.lower()}.yaml" if t.cves else f"http/technologies/{t.id}.yaml",
        "template-url": f"https://cloud.projectdiscovery.io/public/{t.id}",
        "template-id": t.id,
        "template-path": f"/root/nuclei-templates/http/{t.id}.yaml",
        "info": info,
        "type": "http",
        "host": host,
        "port": str(port),
        "scheme": scheme,
        "url": url,
        "path": t.path,
        "matched-at": matched,
        "request": f"GET {t.path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64)"
        "\r\nConnection: close\r\nAccept: */*\r\nAccept-Encoding: gzip\r\n\r\n",
        "response": "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nServer: nginx/1.18.0\r\n"
        f"Date: {ts}\r\n\r\n" + _RESPONSE_BODY,
        "ip": ip,
        "timestamp": ts,
        "curl-command": f"curl -X 'GET' -d '' -H 'Host: {host}:{port}' '{matched}'",
        "matcher-status": True,
    }
    if t.matcher:
        rec["matcher-name"] = t.matcher
    if t.extracted:
        rec["extracted-results"] = list(t.extracted)
    return rec


def generate(path: Path, *, size_bytes: int, seed: int = 1) -> GenTruth:
    """Write a nuclei JSONL file of at least ``size_bytes`` (whole hosts) and its truth sidecar."""
    rng = random.Random(seed)
    addrs = ip_sequence(rng, ipv6_every=30)
    hosts = host_cves = 0
    all_cves: set[str] = set()
    with path.open("wb") as f:
        w = SizedWriter(f)
        while w.written < size_bytes or hosts == 0:
            _kind, ip = next(addrs)
            host = hostname_for(hosts + 1, rng, domain="example.co.jp")
            picks = [t for t in _TEMPLATES if rng.random() < 0.45] or [_TEMPLATES[7]]
            cves: set[str] = set()
            for t in picks:
                port = rng.choice((80, 443, 8443)) if "network" not in t.tags else 22
                ts = f"2024-03-12T03:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.123456789+09:00"
                w.write(json.dumps(_record(t, host, ip, port, ts), separators=(",", ":")) + "\n")
                cves.update(c.upper() for c in t.cves)
            hosts += 1
            host_cves += len(cves)
            all_cves |= cves
    truth = GenTruth(
        format="nuclei", size_bytes=w.written, hosts=hosts, host_cves=host_cves, cves=len(all_cves), seed=seed
    )
    write_truth(path, truth)
    return truth
