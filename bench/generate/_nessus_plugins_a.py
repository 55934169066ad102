"""Hand-written Nessus plugin templates (first half) for the .nessus generator."""

from __future__ import annotations

from ._nessus_model import Plugin

__all__ = ["PLUGINS_A"]

PLUGINS_A: dict[str, Plugin] = {
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
}
