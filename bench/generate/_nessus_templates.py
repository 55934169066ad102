"""Host archetypes and the plugin table of the .nessus generator (plugins split over two data modules).

Modelled on the shape of real Nessus v2 exports; the text is written for this benchmark. Informational
(severity 0) templates carry no CVE, so every parser that reads ``<cve>`` elements agrees on the counts.
"""

from __future__ import annotations

import attrs

from ._nessus_model import Plugin, risk_factor, synth_cves
from ._nessus_plugins_a import PLUGINS_A
from ._nessus_plugins_b import PLUGINS_B

__all__ = ["ARCHETYPES", "PLUGINS", "Archetype", "Plugin", "risk_factor", "synth_cves"]

PLUGINS: dict[str, Plugin] = {**PLUGINS_A, **PLUGINS_B}


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
