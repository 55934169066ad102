"""Generate a large, realistic Nessus v2 (.nessus) file by replicating synthetic hosts.

Usage: python bench/gen_nessus.py OUT.nessus --size 1G [--seed 1]

Every host gets its own documentation-range IP, hostnames and a mix of ReportItems (host-level
info items, service items with plugin output, vulnerability items with 0-40 <cve> children,
CVSS v2/v3 data, xrefs and long descriptions), so the file looks like a real credentialed scan.
"""

from __future__ import annotations

import argparse
import random
import sys
from xml.sax.saxutils import escape, quoteattr

POLICY = """<Policy><policyName>bench policy</policyName><Preferences><ServerPreferences>
{prefs}
</ServerPreferences><PluginsPreferences>{pprefs}</PluginsPreferences></Preferences>
<FamilySelection>{fams}</FamilySelection></Policy>
"""

SERVICES = [
    (22, "tcp", "ssh"),
    (80, "tcp", "www"),
    (443, "tcp", "www"),
    (445, "tcp", "cifs"),
    (3306, "tcp", "mysql"),
    (123, "udp", "ntp"),
    (161, "udp", "snmp"),
    (8443, "tcp", "www"),
    (5432, "tcp", "postgresql"),
    (25, "tcp", "smtp"),
]
_TEXT = (
    "remote host service version affected vulnerability attacker could exploit this issue to "
    "execute arbitrary code denial of service information disclosure update package kernel "
    "library openssl apache nginx configuration request response header buffer overflow"
)
WORDS = _TEXT.split(" ")


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _cve(rng: random.Random) -> str:
    return f"CVE-{rng.randint(1999, 2025)}-{rng.randint(1000, 49999)}"


def _item(
    rng: random.Random, plugin_id: int, port: int, proto: str, svc: str, severity: int, ncve: int
) -> str:
    name = escape(f"{_text(rng, 4).title()} ({plugin_id})")
    parts = [
        f'<ReportItem port="{port}" svc_name="{svc}" protocol="{proto}" severity="{severity}" '
        f'pluginID="{plugin_id}" pluginName={quoteattr(name)} pluginFamily="General">'
    ]
    parts.append(f"<description>{escape(_text(rng, rng.randint(30, 120)))}</description>")
    parts.append(f"<synopsis>{escape(_text(rng, 12))}</synopsis>")
    parts.append(f"<solution>{escape(_text(rng, 15))}</solution>")
    parts.append(f"<risk_factor>{['None', 'Low', 'Medium', 'High', 'Critical'][severity]}</risk_factor>")
    parts.append("<plugin_type>remote</plugin_type><script_version>1.23</script_version>")
    parts.append(
        f"<plugin_publication_date>20{rng.randint(10, 24)}/0{rng.randint(1, 9)}/1{rng.randint(0, 9)}"
        "</plugin_publication_date>"
    )
    if severity:
        parts.append(
            f"<cvss_base_score>{rng.randint(20, 100) / 10}</cvss_base_score>"
            "<cvss_vector>CVSS2#AV:N/AC:L/Au:N/C:P/I:P/A:P</cvss_vector>"
        )
        parts.append(
            f"<cvss3_base_score>{rng.randint(20, 100) / 10}</cvss3_base_score>"
            "<cvss3_vector>CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</cvss3_vector>"
        )
    parts.extend(f"<cve>{_cve(rng)}</cve>" for _ in range(ncve))
    parts.extend(f"<xref>OSVDB:{rng.randint(1000, 99999)}</xref>" for _ in range(rng.randint(0, 3)))
    if rng.random() < 0.5:
        parts.append(f"<plugin_output>{escape(_text(rng, rng.randint(10, 400)))}</plugin_output>")
    parts.append("</ReportItem>")
    return "\n".join(parts)


def host(rng: random.Random, index: int) -> str:
    """One ReportHost with 40-160 items."""
    ip = f"10.{(index >> 16) & 255}.{(index >> 8) & 255}.{index & 255}"
    fqdn = f"host{index}.bench.example"
    props = [
        f'<tag name="HOST_END">Wed Oct 12 10:{index % 60:02d}:00 2024</tag>',
        f'<tag name="host-ip">{ip}</tag>',
        f'<tag name="host-fqdn">{fqdn}</tag>',
        f'<tag name="netbios-name">HOST{index}</tag>',
        '<tag name="operating-system">Linux Kernel 5.15</tag>',
        '<tag name="cpe-0">cpe:/o:linux:linux_kernel</tag>',
        f'<tag name="HOST_START">Wed Oct 12 09:{index % 60:02d}:00 2024</tag>',
    ]
    items = []
    for _ in range(rng.randint(40, 160)):
        port, proto, svc = rng.choice(SERVICES) if rng.random() < 0.7 else (0, "tcp", "general")
        severity = rng.choices([0, 1, 2, 3, 4], weights=[60, 10, 15, 10, 5])[0]
        ncve = 0 if severity == 0 or rng.random() < 0.4 else rng.randint(1, 40)
        items.append(_item(rng, rng.randint(10000, 199999), port, proto, svc, severity, ncve))
    name = fqdn if index % 3 == 0 else ip
    return (
        f'<ReportHost name="{name}"><HostProperties>\n'
        + "\n".join(props)
        + "\n</HostProperties>\n"
        + "\n".join(items)
        + "\n</ReportHost>\n"
    )


def _size(text: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper()
    return int(float(text[:-1]) * units[text[-1]]) if text[-1] in units else int(text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--size", default="100M", help="target size, e.g. 50M, 1G")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--distinct", type=int, default=64, help="distinct host bodies generated then replicated")
    args = ap.parse_args(argv)
    target = _size(args.size)
    rng = random.Random(args.seed)
    prefs = "\n".join(
        f"<preference><name>pref_{i}</name><value>{_text(rng, 3)}</value></preference>" for i in range(400)
    )
    policy = POLICY.format(prefs=prefs, pprefs="", fams="")
    bodies = [host(rng, i) for i in range(args.distinct)]
    written = 0
    with open(args.out, "w", encoding="utf-8") as out:
        head = (
            '<?xml version="1.0" ?>\n<NessusClientData_v2>\n' + policy + '<Report name="bench" '
            'xmlns:cm="http://www.nessus.org/cm">\n'
        )
        out.write(head)
        written += len(head)
        index = 0
        while written < target:
            body = bodies[index % len(bodies)]
            ip_old = (
                f"10.{((index % len(bodies)) >> 16) & 255}.{((index % len(bodies)) >> 8) & 255}."
                f"{(index % len(bodies)) & 255}"
            )
            ip_new = f"10.{(index >> 16) & 255}.{(index >> 8) & 255}.{index & 255}"
            chunk = body.replace(f">{ip_old}<", f">{ip_new}<").replace(f'"{ip_old}"', f'"{ip_new}"')
            out.write(chunk)
            written += len(chunk)
            index += 1
        out.write("</Report>\n</NessusClientData_v2>\n")
    print(f"wrote {args.out}: {written / 1e6:.1f} MB, {index} hosts", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
