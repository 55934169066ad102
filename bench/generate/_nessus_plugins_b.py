"""Hand-written Nessus plugin templates (second half) for the .nessus generator."""

from __future__ import annotations

from ._nessus_model import Plugin, synth_cves

__all__ = ["PLUGINS_B"]

_LONG_WIN = (
    "The remote Windows host is missing security update {kb}. It is, therefore, affected by multiple "
    "vulnerabilities:\n\n  - A remote code execution vulnerability exists in the Windows Kernel. An "
    "authenticated attacker could exploit this to run arbitrary code with elevated privileges.\n\n  - An "
    "information disclosure vulnerability exists in the Windows Common Log File System Driver.\n\n  - A "
    "security feature bypass vulnerability exists in BitLocker Device Encryption.\n\nNote that Nessus "
    "has not tested for these issues but has instead relied only on the application's self-reported "
    "version number."
)

PLUGINS_B: dict[str, Plugin] = {
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
