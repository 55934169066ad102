"""Generate large Burp Suite issue exports and OWASP ZAP XML and JSON reports from the web check catalogue.

Burp issues carry base64 requests and responses (most of the bytes, never needed); CVE ids sit in the
``<references>`` links of some issue types, and also in ``issueDetail`` links that must not count.
ZAP sites (one per host and scheme: http and https sites of one host are one host) hold alerts with
instances; CVE ids are in the ``reference`` URLs, decoys in ``otherinfo``.
"""

from __future__ import annotations

import base64
import json
import random
from collections.abc import Callable
from pathlib import Path

from ._checks import WEB_CHECKS, WebCheck, pick
from ._writer import GenTruth, SizedWriter, hostname_for, ip_sequence, write_truth

__all__ = ["generate_burp", "generate_zap", "generate_zap_json"]

EXTENSION = "xml"
_SiteText = Callable[[str, str, int, list[WebCheck], random.Random], str]
"""(scheme, host, port, checks, rng) -> the text of one ZAP site."""
_DTD = (
    '<!DOCTYPE issues [\n<!ELEMENT issues (issue*)>\n<!ATTLIST issues burpVersion CDATA "">\n'
    "<!ELEMENT issue (serialNumber, type, name, host, path, location, severity, confidence, "
    "issueBackground?, "
    'references?, issueDetail?, requestresponse*)>\n<!ATTLIST host ip CDATA "">\n'
    '<!ATTLIST request base64 (true|false) "false">\n]>\n'
)


_ISSUES_PER_HOST = (5, 60)
"""Issues a generated Burp host gets (uniform). Real exports list few hosts with many issues each
(the seven Burp samples in ../shared: 441 issues on one host, 60 on one host over http and https, 16,
12 on five hosts, 4, 4, 3): an active scan reports an issue type once per path it affects. Generator
version 4 wrote 1-5 distinct issue types per host (12,467 hosts, 3 issues each, in 100 MB)."""


def _links(cves: tuple[str, ...]) -> str:
    return "".join(f'<li><a href="https://nvd.nist.gov/vuln/detail/{c}">{c}</a></li>' for c in cves)


def _burp_issue(n: int, ip: str, host: str, scheme: str, check: WebCheck, rng: random.Random) -> str:
    request = base64.b64encode(f"GET {check.path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()).decode()
    response = base64.b64encode(rng.randbytes(rng.randint(600, 2400))).decode()
    refs = f"<references><![CDATA[<ul>{_links(check.cves)}</ul>]]></references>" if check.cves else ""
    return (
        f"<issue><serialNumber>{n}</serialNumber><type>{check.burp_type}</type><name>{check.name}</name>"
        f'<host ip="{ip}">{scheme}://{host}</host><path><![CDATA[{check.path}]]></path>'
        f"<location><![CDATA[{check.path}]]></location><severity>{check.severity}</severity>"
        "<confidence>Firm</confidence><issueBackground><![CDATA[Background text.]]></issueBackground>"
        f"{refs}<issueDetail><![CDATA[Detected by a BApp: "
        '<a href="https://vulners.com/cve/CVE-2000-0001">CVE-2000-0001</a>]]></issueDetail>'
        f'<requestresponse><request base64="true"><![CDATA[{request}]]></request>'
        f'<response base64="true"><![CDATA[{response}]]></response></requestresponse></issue>\n'
    )


def generate_burp(path: Path, *, size_bytes: int, seed: int = 1) -> GenTruth:
    """Write a Burp issues XML export of at least ``size_bytes`` and its truth sidecar (hosts keyed by IP)."""
    rng = random.Random(seed)
    addrs = ip_sequence(rng)
    hosts = host_cves = n = 0
    every: set[str] = set()
    with path.open("wb") as f:
        w = SizedWriter(f)
        w.write(f'<?xml version="1.0"?>\n{_DTD}<issues burpVersion="2024.1" exportTime="gen">\n')
        while w.written < size_bytes or hosts == 0:
            _kind, ip = next(addrs)
            hosts += 1
            name = hostname_for(hosts, rng, "shop.example.jp")
            schemes = rng.choice((("https",), ("http", "https")))
            cves: set[str] = set()
            for _ in range(rng.randint(*_ISSUES_PER_HOST)):  # an issue type is reported once per path
                check = rng.choice(WEB_CHECKS)
                n += 1
                w.write(_burp_issue(n, ip, name, rng.choice(schemes), check, rng))
                cves.update(check.cves)
            host_cves += len(cves)
            every |= cves
        w.write("</issues>\n")
    truth = GenTruth(
        format="burp", size_bytes=w.written, hosts=hosts, host_cves=host_cves, cves=len(every), seed=seed
    )
    write_truth(path, truth)
    return truth


def _zap_alert(check: WebCheck, scheme: str, host: str, rng: random.Random) -> str:
    refs = "".join(f"&lt;p&gt;https://nvd.nist.gov/vuln/detail/{c}&lt;/p&gt;" for c in check.cves)
    refs += "&lt;p&gt;https://owasp.org/www-community/attacks/&lt;/p&gt;"
    instances = "".join(
        f"<instance><uri>{scheme}://{host}{check.path}?i={i}</uri><method>GET</method><param>q</param>"
        f"<evidence>&lt;script&gt;alert({i})&lt;/script&gt; CVE-2000-0002</evidence></instance>"
        for i in range(rng.randint(1, 6))
    )
    return (
        f"<alertitem><pluginid>{check.zap_plugin}</pluginid><alertRef>{check.zap_plugin}</alertRef>"
        f"<alert>{check.name}</alert><name>{check.name}</name><riskcode>{check.risk}</riskcode>"
        f"<confidence>2</confidence><riskdesc>Medium (Medium)</riskdesc>"
        f"<desc>&lt;p&gt;Description of {check.name}.&lt;/p&gt;</desc><instances>{instances}</instances>"
        f"<count>1</count><solution>&lt;p&gt;Fix it.&lt;/p&gt;</solution>"
        f"<otherinfo>&lt;p&gt;CVE-2000-0003&lt;/p&gt;</otherinfo><reference>{refs}</reference>"
        "<cweid>79</cweid><wascid>8</wascid><sourceid>1</sourceid></alertitem>\n"
    )


def _zap_xml_site(scheme: str, host: str, port: int, checks: list[WebCheck], rng: random.Random) -> str:
    ssl = "true" if scheme == "https" else "false"
    alerts = "".join(_zap_alert(check, scheme, host, rng) for check in checks)
    head = f'<site name="{scheme}://{host}" host="{host}" port="{port}" ssl="{ssl}">'
    return f"{head}<alerts>{alerts}</alerts></site>\n"


def _zap_json_alert(check: WebCheck, scheme: str, host: str, rng: random.Random) -> dict[str, object]:
    refs = "".join(f"<p>https://nvd.nist.gov/vuln/detail/{c}</p>" for c in check.cves)
    instances = [
        {
            "uri": f"{scheme}://{host}{check.path}?i={i}",
            "method": "GET",
            "param": "q",
            "attack": "",
            "evidence": f"<script>alert({i})</script> CVE-2000-0002",
        }
        for i in range(rng.randint(1, 6))
    ]
    return {
        "pluginid": str(check.zap_plugin),
        "alertRef": str(check.zap_plugin),
        "alert": check.name,
        "name": check.name,
        "riskcode": str(check.risk),
        "confidence": "2",
        "riskdesc": "Medium (Medium)",
        "desc": f"<p>Description of {check.name}.</p>",
        "instances": instances,
        "count": str(len(instances)),
        "solution": "<p>Fix it.</p>",
        "otherinfo": "<p>CVE-2000-0003</p>",
        "reference": refs + "<p>https://owasp.org/www-community/attacks/</p>",
        "cweid": "79",
        "wascid": "8",
        "sourceid": "1",
    }


def _zap_json_site(scheme: str, host: str, port: int, checks: list[WebCheck], rng: random.Random) -> str:
    site = {
        "@name": f"{scheme}://{host}",
        "@host": host,
        "@port": str(port),
        "@ssl": "true" if scheme == "https" else "false",
        "alerts": [_zap_json_alert(check, scheme, host, rng) for check in checks],
    }
    return json.dumps(site)


def _zap_report(
    path: Path, size_bytes: int, seed: int, fmt: str, site_text: _SiteText, frame: tuple[str, str, str]
) -> GenTruth:
    """Sites (one or two schemes per host) by ``site_text``, between ``frame``'s head, separator and end."""
    head, separator, end = frame
    rng = random.Random(seed)
    hosts = host_cves = 0
    every: set[str] = set()
    with path.open("wb") as f:
        w = SizedWriter(f)
        w.write(head)
        joint = ""  # no separator before the first site
        while w.written < size_bytes or hosts == 0:
            hosts += 1
            host = hostname_for(hosts, rng, "app.example.jp")
            cves: set[str] = set()
            for scheme, port in rng.choice(((("https", 443),), (("http", 80), ("https", 443)))):
                checks = pick(rng, WEB_CHECKS, 0, 5)
                w.write(joint + site_text(scheme, host, port, checks, rng))
                joint = separator
                for check in checks:
                    cves.update(check.cves)
            host_cves += len(cves)
            every |= cves
        w.write(end)
    truth = GenTruth(
        format=fmt, size_bytes=w.written, hosts=hosts, host_cves=host_cves, cves=len(every), seed=seed
    )
    write_truth(path, truth)
    return truth


def generate_zap(path: Path, *, size_bytes: int, seed: int = 1) -> GenTruth:
    """Write a ZAP traditional XML report of at least ``size_bytes`` and its truth sidecar."""
    head = '<?xml version="1.0"?>\n<OWASPZAPReport programName="ZAP" version="2.15.0" generated="gen">\n'
    return _zap_report(path, size_bytes, seed, "zap", _zap_xml_site, (head, "", "</OWASPZAPReport>\n"))


def generate_zap_json(path: Path, *, size_bytes: int, seed: int = 1) -> GenTruth:
    """Write a ZAP traditional JSON report (``{"@version": .., "site": [...]}``) and its truth sidecar."""
    head = '{"@programName": "ZAP", "@version": "2.15.0", "@generated": "gen", "site": [\n'
    return _zap_report(path, size_bytes, seed, "zap-json", _zap_json_site, (head, ",\n", "\n]}\n"))
