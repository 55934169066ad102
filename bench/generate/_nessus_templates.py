"""Hand-written Nessus plugin templates and host archetypes for the .nessus generator.

Modelled on the shape of real Nessus v2 exports (plugin ids, families, CVE lists of well-known
advisories); the text is written for this benchmark. Informational (severity 0) templates carry no
CVE, so every parser that reads ``<cve>`` elements agrees on the counts.
"""

from __future__ import annotations

import attrs

__all__ = ["ARCHETYPES", "PLUGINS", "Plugin", "synth_cves"]


def synth_cves(year: int, start: int, count: int, step: int = 7) -> tuple[str, ...]:
    """A deterministic run of CVE ids, standing in for the long lists of OS patch advisories."""
    return tuple(f"CVE-{year}-{start + i * step}" for i in range(count))


@attrs.frozen(kw_only=True)
class Plugin:
    """One Nessus plugin as it appears in a ReportItem."""

    plugin_id: int
    name: str
    family: str
    severity: int
    fname: str
    synopsis: str
    description: str
    solution: str
    cves: tuple[str, ...] = ()
    cvss3: str = ""  # "score vector"
    cvss2: str = ""
    see_also: str = ""
    xrefs: tuple[str, ...] = ()
    cpe: str = ""
    plugin_type: str = "remote"
    output: str = ""  # plugin_output template; {port}, {ver}, {host} are filled in
    published: str = "2023/10/20"
    modified: str = "2024/03/01"


_RISK = {0: "None", 1: "Low", 2: "Medium", 3: "High", 4: "Critical"}


def risk_factor(severity: int) -> str:
    return _RISK[severity]


_LONG_WIN = (
    "The remote Windows host is missing security update {kb}. It is, therefore, affected by multiple "
    "vulnerabilities:\n\n  - A remote code execution vulnerability exists in the Windows Kernel. An "
    "authenticated attacker could exploit this to run arbitrary code with elevated privileges.\n\n  - An "
    "information disclosure vulnerability exists in the Windows Common Log File System Driver.\n\n  - A "
    "security feature bypass vulnerability exists in BitLocker Device Encryption.\n\nNote that Nessus "
    "has not tested for these issues but has instead relied only on the application's self-reported "
    "version number."
)

PLUGINS: dict[str, Plugin] = {
    "scan_info": Plugin(
        plugin_id=19506,
        name="Nessus Scan Information",
        family="Settings",
        severity=0,
        fname="scan_info.nasl",
        plugin_type="summary",
        synopsis="This plugin displays information about the Nessus scan.",
        description="This plugin displays, for each tested host, information about the scan itself :\n\n"
        "  - The version of the plugin set.\n  - The type of scanner (Nessus or Nessus Home).\n"
        "  - The version of the Nessus Engine.\n  - The port scanner(s) used.\n  - The port range scanned.\n"
        "  - The ping round trip time\n  - Whether credentialed or third-party patch management checks "
        "are possible.\n  - The date of the scan.\n  - The duration of the scan.",
        solution="n/a",
        output="Information about this scan : \n\nNessus version : 10.7.1\nNessus build : 20024\n"
        "Plugin feed version : 202403120944\nScanner edition used : Nessus\nScanner OS : LINUX\n"
        "Scan type : Normal\nScan name : weekly-external-{ver}\nScan policy used : Advanced Scan\n"
        "Scanner IP : 10.0.0.5\nPort scanner(s) : nessus_syn_scanner \nPort range : default\n"
        "Ping RTT : 12.301 ms\nThorough tests : no\nExperimental tests : no\nParanoia level : 1\n"
        "Report verbosity : 1\nSafe checks : yes\nOptimize the test : yes\nCredentialed checks : no\n"
        "Max hosts : 30\nMax checks : 4\nRecv timeout : 5\nScan Start Date : 2024/3/12 3:14 JST\n"
        "Scan duration : 1622 sec\n",
    ),
    "syn": Plugin(
        plugin_id=11219,
        name="Nessus SYN scanner",
        family="Port scanners",
        severity=0,
        fname="nessus_syn_scanner.nbin",
        synopsis="It is possible to determine which TCP ports are open.",
        description="This plugin is a SYN 'half-open' port scanner.  It shall be reasonably quick even "
        "against a firewalled target. \n\nNote that SYN scans are less intrusive than TCP (full connect) "
        "scans against broken services, but they might cause problems for less robust firewalls and also "
        "leave unclosed connections on the remote target, if the network is loaded.",
        solution="Protect your target with an IP filter.",
        output="Port {port}/tcp was found to be open",
    ),
    "os_id": Plugin(
        plugin_id=11936,
        name="OS Identification",
        family="General",
        severity=0,
        fname="os_fingerprint.nasl",
        plugin_type="combined",
        synopsis="It is possible to guess the remote operating system.",
        description="Using a combination of remote probes (e.g., TCP/IP, SMB, HTTP, NTP, SNMP, etc.), it "
        "is possible to guess the name of the remote operating system in use. It is also possible "
        "sometimes to guess the version of the operating system.",
        solution="n/a",
        output="\nRemote operating system : {ver}\nConfidence level : 95\n"
        "Method : SSH\n\n \nThe remote host is running {ver}",
    ),
    "cpe_enum": Plugin(
        plugin_id=45590,
        name="Common Platform Enumeration (CPE)",
        family="General",
        severity=0,
        fname="cpe.nbin",
        plugin_type="local",
        synopsis="It was possible to enumerate CPE names that matched on the remote system.",
        description="By using information obtained from a Nessus scan, this plugin reports CPE (Common "
        "Platform Enumeration) matches for various hardware and software products found on a host.",
        solution="n/a",
        see_also="http://cpe.mitre.org/\nhttps://nvd.nist.gov/products/cpe",
        output="\nThe remote operating system matched the following CPE : \n\n  cpe:/o:{ver}\n",
    ),
    "tls10": Plugin(
        plugin_id=104743,
        name="TLS Version 1.0 Protocol Detection",
        family="Service detection",
        severity=2,
        fname="tls10_detection.nasl",
        cvss3="6.5 CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N",
        cvss2="6.1 CVSS2#AV:N/AC:H/Au:N/C:C/I:P/A:N",
        synopsis="The remote service encrypts traffic using an older version of TLS.",
        description="The remote service accepts connections encrypted using TLS 1.0. TLS 1.0 has a number "
        "of cryptographic design flaws. Modern implementations of TLS 1.0 mitigate these problems, but "
        "newer versions of TLS like 1.2 and 1.3 are designed against these flaws and should be used "
        "whenever possible.",
        solution="Enable support for TLS 1.2 and 1.3, and disable support for TLS 1.0.",
        see_also="https://tools.ietf.org/html/draft-ietf-tls-oldversions-deprecate-00",
        output="TLSv1 is enabled and the server supports at least one cipher.",
    ),
    "cert_untrusted": Plugin(
        plugin_id=51192,
        name="SSL Certificate Cannot Be Trusted",
        family="General",
        severity=2,
        fname="ssl_certificate_chain.nasl",
        cvss3="6.5 CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N",
        synopsis="The SSL certificate for this service cannot be trusted.",
        description="The server's X.509 certificate cannot be trusted. This situation can occur in three "
        "different ways, in which the chain of trust can be broken, as stated below :\n\n  - First, the "
        "top of the certificate chain sent by the server might not be descended from a known public "
        "certificate authority.\n\n  - Second, the certificate chain may contain a certificate that is "
        "not valid at the time of the scan.\n\n  - Third, the certificate chain may contain a signature "
        "that either didn't match the certificate's information or could not be verified.",
        solution="Purchase or generate a proper SSL certificate for this service.",
        output="The following certificate was at the top of the certificate\nchain sent by the remote "
        "host, but it is signed by an unknown\ncertificate authority :\n\n|-Subject : CN={host}\n"
        "|-Issuer  : CN=Internal Root CA G2, O=Example Corp\n",
    ),
    "terrapin": Plugin(
        plugin_id=187315,
        name="SSH Terrapin Prefix Truncation Weakness (CVE-2023-48795)",
        family="Misc.",
        severity=2,
        fname="ssh_terrapin.nbin",
        cves=("CVE-2023-48795",),
        cvss3="5.9 CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N",
        xrefs=("IAVA:2023-A-0701",),
        synopsis="The remote SSH server is vulnerable to a mitm prefix truncation attack.",
        description="The remote SSH server is vulnerable to a man-in-the-middle prefix truncation weakness "
        "known as Terrapin. This can allow a remote, man-in-the-middle attacker to bypass integrity checks "
        "and downgrade the connection's security.",
        solution="Contact the vendor for an update with the strict key exchange countermeasures or disable "
        "the affected algorithms.",
        see_also="https://terrapin-attack.com/",
        output="\nSupports following Terrapin vulnerable cipher suites with ETM:\n  hmac-sha2-256-etm@"
        "openssh.com\n  hmac-sha2-512-etm@openssh.com\n\nSupports ChaCha20-Poly1305: True\n",
        published="2023/12/19",
    ),
    "openssh_88": Plugin(
        plugin_id=159491,
        name="OpenSSH < 8.8",
        family="Misc.",
        severity=2,
        fname="openssh_8_8.nasl",
        cves=("CVE-2021-41617",),
        cvss3="7.0 CVSS:3.0/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H",
        cpe="cpe:/a:openbsd:openssh",
        xrefs=("IAVA:2021-A-0474-S",),
        synopsis="The SSH server running on the remote host is affected by a privilege escalation.",
        description="According to its banner, the version of OpenSSH running on the remote host is prior "
        "to 8.8. It is, therefore, affected by a privilege escalation vulnerability in sshd when certain "
        "non-default configurations are used (AuthorizedKeysCommand or AuthorizedPrincipalsCommand "
        "running as a different user).",
        solution="Upgrade to OpenSSH version 8.8 or later.",
        see_also="https://www.openssh.com/txt/release-8.8",
        output="\n  Version source    : SSH-2.0-OpenSSH_{ver}\n  Installed version : {ver}\n"
        "  Fixed version     : 8.8\n",
    ),
    "openssh_93": Plugin(
        plugin_id=178910,
        name="OpenSSH < 9.3p2 Vulnerability",
        family="Misc.",
        severity=4,
        fname="openssh_9_3p2.nasl",
        cves=("CVE-2023-38408",),
        cpe="cpe:/a:openbsd:openssh",
        cvss3="9.8 CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        xrefs=("IAVA:2023-A-0377-S",),
        synopsis="The SSH server running on the remote host is affected by a vulnerability.",
        description="The version of OpenSSH installed on the remote host is prior to 9.3p2. The PKCS#11 "
        "feature in ssh-agent has an insufficiently trustworthy search path, leading to remote code "
        "execution if an agent is forwarded to an attacker-controlled system.",
        solution="Upgrade to OpenSSH version 9.3p2 or later.",
        see_also="https://www.openssh.com/txt/release-9.3p2",
        output="\n  Version source    : SSH-2.0-OpenSSH_{ver}\n  Installed version : {ver}\n"
        "  Fixed version     : 9.3p2\n",
        published="2023/07/20",
    ),
    "apache_2458": Plugin(
        plugin_id=183391,
        name="Apache 2.4.x < 2.4.58 Multiple Vulnerabilities",
        family="Web Servers",
        severity=3,
        fname="apache_2_4_58.nasl",
        cves=("CVE-2023-31122", "CVE-2023-43622", "CVE-2023-45802"),
        cvss3="7.5 CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
        cpe="cpe:/a:apache:http_server",
        xrefs=("IAVA:2023-A-0572-S",),
        synopsis="The remote web server is affected by multiple vulnerabilities.",
        description="The version of Apache httpd installed on the remote host is prior to 2.4.58. It is, "
        "therefore, affected by multiple vulnerabilities as referenced in the 2.4.58 advisory.\n\n  - "
        "Out-of-bounds Read vulnerability in mod_macro.\n\n  - An attacker, opening a HTTP/2 connection "
        "with an initial window size of 0, was able to block handling of that connection indefinitely.\n\n"
        "  - When a HTTP/2 stream was reset (RST frame) by a client, there was a time window were the "
        "request's memory resources were not reclaimed immediately.",
        solution="Upgrade to Apache version 2.4.58 or later.",
        see_also="https://httpd.apache.org/security/vulnerabilities_24.html",
        output="\n  URL               : https://{host}/\n  Installed version : {ver}\n"
        "  Fixed version     : 2.4.58\n",
    ),
    "apache_2460": Plugin(
        plugin_id=201198,
        name="Apache 2.4.x < 2.4.60 Multiple Vulnerabilities",
        family="Web Servers",
        severity=4,
        fname="apache_2_4_60.nasl",
        cves=(
            "CVE-2024-36387",
            "CVE-2024-38472",
            "CVE-2024-38473",
            "CVE-2024-38474",
            "CVE-2024-38475",
            "CVE-2024-38476",
            "CVE-2024-38477",
            "CVE-2024-39573",
        ),
        cvss3="9.8 CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        cpe="cpe:/a:apache:http_server",
        synopsis="The remote web server is affected by multiple vulnerabilities.",
        description="The version of Apache httpd installed on the remote host is prior to 2.4.60. It is, "
        "therefore, affected by multiple vulnerabilities including SSRF on Windows via UNC paths, "
        "substitution encoding issues in mod_rewrite and null pointer dereferences in mod_proxy.",
        solution="Upgrade to Apache version 2.4.60 or later.",
        see_also="https://httpd.apache.org/security/vulnerabilities_24.html",
        output="\n  URL               : https://{host}/\n  Installed version : {ver}\n"
        "  Fixed version     : 2.4.60\n",
        published="2024/07/01",
    ),
    "sweet32": Plugin(
        plugin_id=42873,
        name="SSL Medium Strength Cipher Suites Supported (SWEET32)",
        family="General",
        severity=3,
        fname="ssl_medium_supported_ciphers.nasl",
        cves=("CVE-2016-2183",),
        cvss3="7.5 CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
        synopsis="The remote service supports the use of medium strength SSL ciphers.",
        description="The remote host supports the use of SSL ciphers that offer medium strength "
        "encryption. Nessus regards medium strength as any encryption that uses key lengths at least 64 "
        "bits and less than 112 bits, or else that uses the 3DES encryption suite.",
        solution="Reconfigure the affected application if possible to avoid use of medium strength ciphers.",
        see_also="https://sweet32.info",
        output="\n  Medium Strength Ciphers (> 64-bit and < 112-bit key, or 3DES)\n\n    Name       "
        "Code        KEX    Auth   Encryption  MAC\n    DES-CBC3-SHA   0x00, 0x0A  RSA    RSA    "
        "3DES-CBC(168)  SHA1\n",
    ),
    "rc4": Plugin(
        plugin_id=65821,
        name="SSL RC4 Cipher Suites Supported (Bar Mitzvah)",
        family="General",
        severity=2,
        fname="ssl_rc4_supported_ciphers.nasl",
        cves=("CVE-2013-2566", "CVE-2015-2808"),
        cvss3="5.9 CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N",
        xrefs=("CERT:575665",),
        synopsis="The remote service supports the use of the RC4 cipher.",
        description="The remote host supports the use of RC4 in one or more cipher suites. The RC4 cipher "
        "is flawed in its generation of a pseudo-random stream of bytes so that a wide variety of small "
        "biases are introduced into the stream, decreasing its randomness.",
        solution="Reconfigure the affected application, if possible, to avoid use of RC4 ciphers.",
        see_also="https://www.rc4nomore.com/",
        output="\nList of RC4 cipher suites supported by the remote server :\n\n  High Strength Ciphers "
        "(>= 112-bit key)\n\n    RC4-SHA  0x00, 0x05  RSA  RSA  RC4(128)  SHA1\n",
    ),
    "smb_signing": Plugin(
        plugin_id=57608,
        name="SMB Signing not required",
        family="Misc.",
        severity=2,
        fname="smb_signing_disabled.nasl",
        cvss3="5.3 CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N",
        synopsis="Signing is not required on the remote SMB server.",
        description="Signing is not required on the remote SMB server. An unauthenticated, remote attacker "
        "can exploit this to conduct man-in-the-middle attacks against the SMB server.",
        solution="Enforce message signing in the host's configuration.",
    ),
    "ms17_010": Plugin(
        plugin_id=97833,
        name="MS17-010: Security Update for Microsoft Windows SMB Server (4013389) "
        "(ETERNALBLUE) (ETERNALCHAMPION) (ETERNALROMANCE) (ETERNALSYNERGY) (WannaCry) (EternalRocks) "
        "(Petya) (uncredentialed check)",
        family="Windows",
        severity=4,
        fname="smb_ms17-010.nasl",
        cves=(
            "CVE-2017-0143",
            "CVE-2017-0144",
            "CVE-2017-0145",
            "CVE-2017-0146",
            "CVE-2017-0147",
            "CVE-2017-0148",
        ),
        cvss3="8.1 CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H",
        xrefs=("MSKB:4013389", "MSFT:MS17-010"),
        synopsis="The remote Windows host is affected by multiple vulnerabilities.",
        description="The remote Windows host is affected by the following vulnerabilities :\n\n  - "
        "Multiple remote code execution vulnerabilities exist in Microsoft Server Message Block 1.0 "
        "(SMBv1) due to improper handling of certain requests.\n\n  - An information disclosure "
        "vulnerability exists in SMBv1 due to improper handling of certain requests.",
        solution="Microsoft has released a set of patches for Windows Vista, 2008, 7, 2008 R2, 2012, 8.1, "
        "RT 8.1, 2012 R2, and 10.",
        published="2017/03/20",
    ),
    "log4shell": Plugin(
        plugin_id=156032,
        name="Apache Log4j Remote Code Execution (Log4Shell)",
        family="Misc.",
        severity=4,
        fname="apache_log4j_rce.nbin",
        cves=("CVE-2021-44228", "CVE-2021-45046"),
        cvss3="10.0 CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
        xrefs=("CISA-KNOWN-EXPLOITED:2021/12/24",),
        synopsis="A logging library running on the remote host has a remote code execution vulnerability.",
        description="Apache Log4j <=2.14.1 JNDI features used in configuration, log messages, and "
        "parameters do not protect against attacker controlled LDAP and other JNDI related endpoints.",
        solution="Upgrade to Apache Log4j version 2.17.1 or later.",
        output="\nNessus was able to exploit the issue using the following request :\n\nGET / HTTP/1.1\n"
        "Host: {host}:{port}\nX-Api-Version: ${{jndi:ldap://10.0.0.5:1389/nessus}}\n",
        published="2021/12/11",
    ),
    "php_8129": Plugin(
        plugin_id=200162,
        name="PHP 8.1.x < 8.1.29 Multiple Vulnerabilities",
        family="CGI abuses",
        severity=4,
        fname="php_8_1_29.nasl",
        cves=("CVE-2024-4577", "CVE-2024-5458", "CVE-2024-5585"),
        cvss3="9.8 CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        cpe="cpe:/a:php:php",
        synopsis="The version of PHP running on the remote web server is affected by multiple "
        "vulnerabilities.",
        description="The version of PHP installed on the remote host is prior to 8.1.29. It is, therefore, "
        "affected by an argument injection in PHP-CGI on Windows, a filter bypass in filter_var "
        "FILTER_VALIDATE_URL and a command injection in proc_open.",
        solution="Upgrade to PHP version 8.1.29 or later.",
        see_also="https://www.php.net/ChangeLog-8.php",
        output="\n  URL               : http://{host}/\n  Installed version : {ver}\n"
        "  Fixed version     : 8.1.29\n",
        published="2024/06/07",
    ),
    "nginx_1254": Plugin(
        plugin_id=191941,
        name="nginx 1.25.x < 1.25.4 Multiple Vulnerabilities",
        family="Web Servers",
        severity=3,
        fname="nginx_1_25_4.nasl",
        cves=("CVE-2024-24989", "CVE-2024-24990"),
        cvss3="7.5 CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
        cpe="cpe:/a:nginx:nginx",
        synopsis="The remote web server is affected by multiple vulnerabilities.",
        description="According to its Server response header, the installed version of nginx is 1.25.x "
        "prior to 1.25.4. It is, therefore, affected by use-after-free and null pointer dereference "
        "vulnerabilities in the HTTP/3 QUIC module.",
        solution="Upgrade to nginx version 1.25.4 or later.",
        see_also="http://nginx.org/en/security_advisories.html",
        output="\n  URL               : http://{host}/\n  Installed version : {ver}\n"
        "  Fixed version     : 1.25.4\n",
    ),
    "jquery": Plugin(
        plugin_id=136929,
        name="JQuery 1.2 < 3.5.0 Multiple XSS",
        family="CGI abuses : XSS",
        severity=2,
        fname="jquery_3_5_0.nasl",
        cves=("CVE-2020-11022", "CVE-2020-11023"),
        cvss3="6.1 CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
        cpe="cpe:/a:jquery:jquery",
        synopsis="The remote web server is affected by multiple cross site scripting vulnerability.",
        description="According to the self-reported version in the script, the version of JQuery hosted "
        "on the remote web server is greater than or equal to 1.2 and prior to 3.5.0. It is, therefore, "
        "affected by multiple cross site scripting vulnerabilities.",
        solution="Upgrade to JQuery version 3.5.0 or later.",
        see_also="https://blog.jquery.com/2020/04/10/jquery-3-5-0-released/",
        output="\n  URL               : https://{host}/static/js/jquery.min.js\n"
        "  Installed version : 1.12.4\n"
        "  Fixed version     : 3.5.0\n",
    ),
    "openssl_3014": Plugin(
        plugin_id=197790,
        name="OpenSSL 3.0.0 < 3.0.14 Multiple Vulnerabilities",
        family="Web Servers",
        severity=2,
        fname="openssl_3_0_14.nasl",
        cves=("CVE-2024-2511", "CVE-2024-4603", "CVE-2024-4741"),
        cvss3="5.3 CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L",
        cpe="cpe:/a:openssl:openssl",
        synopsis="The remote service is affected by multiple vulnerabilities.",
        description="The version of OpenSSL installed on the remote host is prior to 3.0.14. It is, "
        "therefore, affected by unbounded memory growth with session handling in TLSv1.3, excessive time "
        "spent checking DSA keys and a use after free in SSL_free_buffers.",
        solution="Upgrade to OpenSSL version 3.0.14 or later.",
        see_also="https://www.openssl.org/news/secadv/20240528.txt",
        output="\n  Banner           : OpenSSL/{ver}\n  Reported version : {ver}\n"
        "  Fixed version    : 3.0.14\n",
    ),
    "samba": Plugin(
        plugin_id=184000,
        name="Samba 4.16.x < 4.17.12 / 4.18.x < 4.18.8 / 4.19.x < 4.19.1 Multiple Vulnerabilities",
        family="Misc.",
        severity=3,
        fname="samba_4_19_1.nasl",
        cves=("CVE-2023-3961", "CVE-2023-4091", "CVE-2023-4154", "CVE-2023-42669", "CVE-2023-42670"),
        cvss3="9.8 CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        cpe="cpe:/a:samba:samba",
        synopsis="The remote Samba server is potentially affected by multiple vulnerabilities.",
        description="The version of Samba running on the remote host is 4.16.x prior to 4.17.12, 4.18.x "
        "prior to 4.18.8, or 4.19.x prior to 4.19.1. It is, therefore, affected by multiple "
        "vulnerabilities including a path traversal in pipe names and an ACL bypass.",
        solution="Upgrade to Samba version 4.17.12, 4.18.8, 4.19.1 or later.",
        see_also="https://www.samba.org/samba/security/CVE-2023-3961.html",
    ),
    "kb_2024_01": Plugin(
        plugin_id=187806,
        name="KB5034127: Windows Server 2022 / Azure Stack HCI 22H2 Security Update (January 2024)",
        family="Windows : Microsoft Bulletins",
        severity=4,
        fname="smb_nt_ms24_jan_5034127.nasl",
        plugin_type="local",
        cves=synth_cves(2024, 20652, 48),
        cvss3="9.8 CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        xrefs=("MSKB:5034127", "MSFT:MS24-5034127"),
        synopsis="The remote Windows host is affected by multiple vulnerabilities.",
        description=_LONG_WIN.format(kb="5034127"),
        solution="Apply Security Update 5034127",
        output="\nThe remote host is missing one of the following rollup KBs :\n  - 5034127\n\n  - "
        "C:\\Windows\\system32\\ntoskrnl.exe has not been patched.\n    Remote version : 10.0.20348.{ver}\n"
        "    Should be      : 10.0.20348.2227\n",
        published="2024/01/09",
    ),
    "kb_2024_02": Plugin(
        plugin_id=190476,
        name="KB5034770: Windows Server 2022 / Azure Stack HCI 22H2 Security Update (February 2024)",
        family="Windows : Microsoft Bulletins",
        severity=4,
        fname="smb_nt_ms24_feb_5034770.nasl",
        plugin_type="local",
        cves=synth_cves(2024, 21338, 36, 11),
        cvss3="8.8 CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H",
        xrefs=("MSKB:5034770",),
        synopsis="The remote Windows host is affected by multiple vulnerabilities.",
        description=_LONG_WIN.format(kb="5034770"),
        solution="Apply Security Update 5034770",
        output="\nThe remote host is missing one of the following rollup KBs :\n  - 5034770\n",
        published="2024/02/13",
    ),
    "kb_2024_03": Plugin(
        plugin_id=191710,
        name="KB5035857: Windows Server 2022 / Azure Stack HCI 22H2 Security Update (March 2024)",
        family="Windows : Microsoft Bulletins",
        severity=4,
        fname="smb_nt_ms24_mar_5035857.nasl",
        plugin_type="local",
        cves=synth_cves(2024, 21407, 52, 5),
        cvss3="9.8 CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        xrefs=("MSKB:5035857",),
        synopsis="The remote Windows host is affected by multiple vulnerabilities.",
        description=_LONG_WIN.format(kb="5035857"),
        solution="Apply Security Update 5035857",
        published="2024/03/12",
    ),
    "rhel_kernel": Plugin(
        plugin_id=192251,
        name="RHEL 8 : kernel (RHSA-2024:1250)",
        family="Red Hat Local Security Checks",
        severity=3,
        fname="redhat-RHSA-2024-1250.nasl",
        plugin_type="local",
        cves=synth_cves(2023, 51042, 27, 13),
        cvss3="7.8 CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H",
        xrefs=("RHSA:2024:1250", "CWE:416"),
        cpe="cpe:/o:redhat:enterprise_linux:8",
        synopsis="The remote Red Hat host is missing one or more security updates for kernel.",
        description="The remote Redhat Enterprise Linux 8 host has packages installed that are affected by "
        "multiple vulnerabilities as referenced in the RHSA-2024:1250 advisory, including use-after-free "
        "flaws in netfilter and the io_uring subsystem and an out-of-bounds write in the ksmbd module.",
        solution="Update the affected packages.",
        see_also="https://access.redhat.com/errata/RHSA-2024:1250",
        output="\n  Remote package installed : kernel-4.18.0-513.{ver}.el8_9\n  Should be                : "
        "kernel-4.18.0-513.18.1.el8_9\n",
    ),
    "ubuntu_openssl": Plugin(
        plugin_id=191076,
        name="Ubuntu 22.04 LTS : OpenSSL vulnerabilities (USN-6663-1)",
        family="Ubuntu Local Security Checks",
        severity=2,
        fname="ubuntu_USN-6663-1.nasl",
        plugin_type="local",
        cves=("CVE-2023-5678", "CVE-2023-6129", "CVE-2023-6237", "CVE-2024-0727"),
        cvss3="5.5 CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H",
        xrefs=("USN:6663-1",),
        synopsis="The remote Ubuntu host is missing one or more security updates.",
        description="The remote Ubuntu 22.04 LTS host has packages installed that are affected by multiple "
        "vulnerabilities as referenced in the USN-6663-1 advisory.",
        solution="Update the affected libssl3 and openssl packages.",
        see_also="https://ubuntu.com/security/notices/USN-6663-1",
        output="\n  - Installed package : libssl3_3.0.2-0ubuntu1.{ver}\n    Fixed package     : "
        "libssl3_3.0.2-0ubuntu1.14\n",
    ),
}


@attrs.frozen(kw_only=True)
class Archetype:
    """A kind of host: its OS, open ports (port, svc_name) and the plugins it may show (with odds)."""

    os: str
    cpe: str
    ports: tuple[tuple[int, str], ...]
    plugins: tuple[tuple[str, int, float], ...]  # (plugin key, port or -1 for "each port", probability)
    windows: bool = False


ARCHETYPES: tuple[Archetype, ...] = (
    Archetype(
        os="Linux Kernel 5.15 on Ubuntu 22.04",
        cpe="canonical:ubuntu_linux:22.04",
        ports=((22, "ssh"), (80, "www"), (443, "www")),
        plugins=(
            ("terrapin", 22, 0.8),
            ("openssh_88", 22, 0.4),
            ("openssh_93", 22, 0.5),
            ("apache_2458", 443, 0.6),
            ("apache_2460", 443, 0.5),
            ("tls10", 443, 0.5),
            ("cert_untrusted", 443, 0.6),
            ("sweet32", 443, 0.4),
            ("jquery", 443, 0.3),
            ("php_8129", 80, 0.3),
            ("openssl_3014", 443, 0.4),
            ("ubuntu_openssl", 0, 0.5),
        ),
    ),
    Archetype(
        os="Microsoft Windows Server 2022 Standard",
        cpe="microsoft:windows_server_2022",
        windows=True,
        ports=((135, "epmap"), (139, "smb"), (445, "cifs"), (3389, "msrdp")),
        plugins=(
            ("smb_signing", 445, 0.9),
            ("ms17_010", 445, 0.15),
            ("kb_2024_01", 445, 0.5),
            ("kb_2024_02", 445, 0.6),
            ("kb_2024_03", 445, 0.7),
            ("tls10", 3389, 0.7),
            ("cert_untrusted", 3389, 0.9),
            ("rc4", 3389, 0.3),
        ),
    ),
    Archetype(
        os="Linux Kernel 4.18 on Red Hat Enterprise Linux 8",
        cpe="redhat:enterprise_linux:8",
        ports=((22, "ssh"), (5432, "postgresql"), (8080, "www")),
        plugins=(
            ("terrapin", 22, 0.8),
            ("openssh_88", 22, 0.6),
            ("rhel_kernel", 0, 0.7),
            ("log4shell", 8080, 0.2),
            ("nginx_1254", 8080, 0.4),
            ("tls10", 8080, 0.3),
            ("samba", 445, 0.1),
        ),
    ),
)
