"""Generate a large Nessus v2 (.nessus) file by replicating hand-written host templates."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ._nessus_templates import ARCHETYPES, PLUGINS, Archetype, Plugin, risk_factor
from ._writer import GenTruth, SizedWriter, hostname_for, ip_sequence, write_truth

__all__ = ["generate"]

EXTENSION = "nessus"

_PREFS = (
    ("plugin_set", "202403120944"),
    ("TARGET", "10.16.0.0/16"),
    ("port_range", "default"),
    ("max_hosts", "30"),
    ("max_checks", "4"),
    ("checks_read_timeout", "5"),
    ("safe_checks", "yes"),
    ("unscanned_closed", "no"),
    ("reverse_lookup", "no"),
    ("log_whole_attack", "no"),
    ("report_verbosity", "1"),
    ("report_crashes", "yes"),
    ("stop_scan_on_disconnect", "no"),
    ("scan.enable_utf8_output", "no"),
    ("silent_dependencies", "yes"),
    ("optimize_test", "yes"),
    ("name", "weekly-external"),
    ("whoami", "scanner-svc"),
    ("scan_description", "weekly perimeter scan"),
)
_FAMILIES = (
    "AIX Local Security Checks",
    "Amazon Linux Local Security Checks",
    "Backdoors",
    "CentOS Local Security Checks",
    "CGI abuses",
    "CGI abuses : XSS",
    "CISCO",
    "Databases",
    "Debian Local Security Checks",
    "Default Unix Accounts",
    "Denial of Service",
    "DNS",
    "Fedora Local Security Checks",
    "Firewalls",
    "FTP",
    "Gain a shell remotely",
    "General",
    "Misc.",
    "Netware",
    "Peer-To-Peer File Sharing",
    "Policy Compliance",
    "Port scanners",
    "Red Hat Local Security Checks",
    "RPC",
    "SCADA",
    "Service detection",
    "Settings",
    "SMTP problems",
    "SNMP",
    "Ubuntu Local Security Checks",
    "Web Servers",
    "Windows",
    "Windows : Microsoft Bulletins",
    "Windows : User management",
)


def _policy() -> str:
    parts = ["<Policy><policyName>Advanced Scan</policyName><Preferences><ServerPreferences>\n"]
    parts.extend(
        f"<preference><name>{escape(n)}</name><value>{escape(v)}</value></preference>\n" for n, v in _PREFS
    )
    parts.append("</ServerPreferences><PluginsPreferences>\n")
    for i in range(120):
        parts.append(
            f"<item><pluginName>Login configurations</pluginName><pluginId>10870</pluginId>"
            f"<fullName>Login configurations[entry]:HTTP account{i} :</fullName><preferenceName>HTTP "
            f"account{i}</preferenceName><preferenceType>entry</preferenceType><preferenceValues>"
            f"</preferenceValues><selectedValue></selectedValue></item>\n"
        )
    parts.append("</PluginsPreferences></Preferences><FamilySelection>\n")
    parts.extend(
        f"<FamilyItem><FamilyName>{escape(f)}</FamilyName><Status>enabled</Status></FamilyItem>\n"
        for f in _FAMILIES
    )
    parts.append("</FamilySelection><IndividualPluginSelection>\n")
    parts.extend(
        f"<PluginItem><PluginId>{p.plugin_id}</PluginId><PluginName>{escape(p.name)}</PluginName>"
        f"<Family>{escape(p.family)}</Family><Status>enabled</Status></PluginItem>\n"
        for p in PLUGINS.values()
    )
    parts.append("</IndividualPluginSelection></Policy>\n")
    return "".join(parts)


def _item(p: Plugin, port: int, svc: str, *, host: str, ver: str) -> str:
    attrs_ = (
        f'port="{port}" svc_name={quoteattr(svc)} protocol="tcp"'
        f' severity="{p.severity}" pluginID="{p.plugin_id}" pluginName={quoteattr(p.name)}'
        f" pluginFamily={quoteattr(p.family)}"
    )
    out = [f"<ReportItem {attrs_}>\n"]
    out.append("<agent>all</agent>\n")
    if p.cpe:
        out.append(f"<cpe>{p.cpe}</cpe>\n")
    out.extend(f"<cve>{c}</cve>\n" for c in p.cves)
    if p.cvss2:
        score, vector = p.cvss2.split(" ", 1)
        out.append(f"<cvss_base_score>{score}</cvss_base_score>\n<cvss_vector>{vector}</cvss_vector>\n")
    if p.cvss3:
        score, vector = p.cvss3.split(" ", 1)
        out.append(f"<cvss3_base_score>{score}</cvss3_base_score>\n<cvss3_vector>{vector}</cvss3_vector>\n")
    out.append(f"<description>{escape(p.description)}</description>\n")
    if p.cves:
        out.append("<exploit_available>false</exploit_available>\n")
    out.append(f"<fname>{p.fname}</fname>\n")
    out.append(f"<plugin_modification_date>{p.modified}</plugin_modification_date>\n")
    out.append(f"<plugin_name>{escape(p.name)}</plugin_name>\n")
    out.append(f"<plugin_publication_date>{p.published}</plugin_publication_date>\n")
    out.append(f"<plugin_type>{p.plugin_type}</plugin_type>\n")
    out.append(f"<risk_factor>{risk_factor(p.severity)}</risk_factor>\n")
    out.append("<script_version>1.12</script_version>\n")
    if p.see_also:
        out.append(f"<see_also>{escape(p.see_also)}</see_also>\n")
    out.append(f"<solution>{escape(p.solution)}</solution>\n")
    out.append(f"<synopsis>{escape(p.synopsis)}</synopsis>\n")
    out.extend(f"<xref>{escape(x)}</xref>\n" for x in p.xrefs)
    if p.output:
        text = p.output.replace("{port}", str(port)).replace("{host}", host).replace("{ver}", ver)
        text = text.replace("{{", "{").replace("}}", "}")
        out.append(f"<plugin_output>{escape(text)}</plugin_output>\n")
    out.append("</ReportItem>\n")
    return "".join(out)


def _host(n: int, addr: str, arch: Archetype, rng: random.Random) -> tuple[str, set[str]]:
    fqdn = hostname_for(n, rng)
    short = fqdn.split(".", 1)[0]
    cves: set[str] = set()
    name = fqdn if rng.random() < 0.1 else addr  # some reports show the typed host name
    start = f"Tue Mar 12 {3 + n % 5:02d}:{n % 60:02d}:{(n * 7) % 60:02d} 2024"
    end = f"Tue Mar 12 {4 + n % 5:02d}:{(n * 3) % 60:02d}:{(n * 11) % 60:02d} 2024"
    items: list[str] = []
    ver = f"{rng.randint(1, 40)}"
    for port, svc in arch.ports:
        items.append(_item(PLUGINS["syn"], port, svc, host=fqdn, ver=ver))
    items.append(_item(PLUGINS["os_id"], 0, "general", host=fqdn, ver=arch.os))
    items.append(_item(PLUGINS["cpe_enum"], 0, "general", host=fqdn, ver=arch.cpe))
    svc_of = dict(arch.ports)
    for key, port, odds in arch.plugins:
        if rng.random() < odds:
            p = PLUGINS[key]
            items.append(_item(p, port, svc_of.get(port, "general"), host=fqdn, ver=ver))
            cves.update(p.cves)
    items.append(_item(PLUGINS["scan_info"], 0, "general", host=fqdn, ver=ver))
    digest = hashlib.md5(addr.encode(), usedforsecurity=False).hexdigest()
    props = [
        ("HOST_END", end),
        ("patch-summary-total-cves", str(len(cves))),
        (f"patch-summary-cves-{digest}", ", ".join(sorted(cves)[:5])),
        ("cpe-0", f"cpe:/o:{arch.cpe}"),
        ("os", "windows" if arch.windows else "linux"),
        ("operating-system", arch.os),
        ("system-type", "general-purpose"),
        ("traceroute-hop-0", "10.0.0.1"),
        ("host-ip", addr),
        ("host-fqdn", fqdn),
        ("host-rdns", fqdn),
        ("mac-address", f"00:50:56:{n % 256:02x}:{(n >> 8) % 256:02x}:{rng.randrange(256):02x}"),
        ("Credentialed_Scan", "false"),
        ("policy-used", "Advanced Scan"),
        ("HOST_START", start),
    ]
    if arch.windows:
        props.append(("netbios-name", short.upper()))
    head = f"<ReportHost name={quoteattr(name)}><HostProperties>\n" + "".join(
        f"<tag name={quoteattr(k)}>{escape(v)}</tag>\n" for k, v in props
    )
    return head + "</HostProperties>\n" + "".join(items) + "</ReportHost>\n", cves


def generate(path: Path, *, size_bytes: int, seed: int = 1) -> GenTruth:
    """Write a .nessus file of at least ``size_bytes`` (whole hosts) and its truth sidecar."""
    rng = random.Random(seed)
    addrs = ip_sequence(rng, ipv6_every=40)
    hosts = host_cves = 0
    all_cves: set[str] = set()
    with path.open("wb") as f:
        w = SizedWriter(f)
        w.write('<?xml version="1.0" ?>\n<NessusClientData_v2>\n')
        w.write(_policy())
        w.write('<Report name="weekly-external" xmlns:cm="http://www.nessus.org/cm">\n')
        while w.written < size_bytes or hosts == 0:
            _kind, addr = next(addrs)
            text, cves = _host(hosts + 1, addr, rng.choice(ARCHETYPES), rng)
            w.write(text)
            hosts += 1
            host_cves += len(cves)
            all_cves |= cves
        w.write("</Report>\n</NessusClientData_v2>\n")
    truth = GenTruth(
        format="nessus", size_bytes=w.written, hosts=hosts, host_cves=host_cves, cves=len(all_cves), seed=seed
    )
    write_truth(path, truth)
    return truth
