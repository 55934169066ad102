"""Generate large Burp Suite issue exports and OWASP ZAP XML reports from the web check catalogue.

Burp issues carry base64 requests and responses (most of the bytes, never needed); CVE ids sit in the
``<references>`` links of some issue types, and also in ``issueDetail`` links that must not count.
ZAP sites (one per host and scheme: http and https sites of one host are one host) hold alerts with
instances; CVE ids are in the ``reference`` URLs, decoys in ``otherinfo``.
"""

from __future__ import annotations

import base64
import random
from pathlib import Path

from ._checks import WEB_CHECKS, WebCheck, pick
from ._writer import GenTruth, SizedWriter, hostname_for, ip_sequence, write_truth

__all__ = ["generate_burp", "generate_zap"]

EXTENSION = "xml"
_DTD = (
    '<!DOCTYPE issues [\n<!ELEMENT issues (issue*)>\n<!ATTLIST issues burpVersion CDATA "">\n'
    "<!ELEMENT issue (serialNumber, type, name, host, path, location, severity, confidence, "
    "issueBackground?, "
    'references?, issueDetail?, requestresponse*)>\n<!ATTLIST host ip CDATA "">\n'
    '<!ATTLIST request base64 (true|false) "false">\n]>\n'
)


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
            cves: set[str] = set()
            for check in pick(rng, WEB_CHECKS, 1, 5):
                n += 1
                w.write(_burp_issue(n, ip, name, rng.choice(("http", "https")), check, rng))
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


def generate_zap(path: Path, *, size_bytes: int, seed: int = 1) -> GenTruth:
    """Write a ZAP traditional XML report of at least ``size_bytes`` and its truth sidecar."""
    rng = random.Random(seed)
    hosts = host_cves = 0
    every: set[str] = set()
    with path.open("wb") as f:
        w = SizedWriter(f)
        w.write(
            '<?xml version="1.0"?>\n<OWASPZAPReport programName="ZAP" version="2.15.0" generated="gen">\n'
        )
        while w.written < size_bytes or hosts == 0:
            hosts += 1
            host = hostname_for(hosts, rng, "app.example.jp")
            cves: set[str] = set()
            for scheme, port in rng.choice(((("https", 443),), (("http", 80), ("https", 443)))):
                ssl = "true" if scheme == "https" else "false"
                w.write(f'<site name="{scheme}://{host}" host="{host}" port="{port}" ssl="{ssl}">')
                w.write("<alerts>")
                for check in pick(rng, WEB_CHECKS, 0, 5):
                    w.write(_zap_alert(check, scheme, host, rng))
                    cves.update(check.cves)
                w.write("</alerts></site>\n")
            host_cves += len(cves)
            every |= cves
        w.write("</OWASPZAPReport>\n")
    truth = GenTruth(
        format="zap", size_bytes=w.written, hosts=hosts, host_cves=host_cves, cves=len(every), seed=seed
    )
    write_truth(path, truth)
    return truth
