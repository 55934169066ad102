"""The ``demo`` dataset: a small, realistic group for demos, docs and tests.

One group, roles ``default`` / ``Internet-Facing`` (exposure open) / ``Internal-DB`` (exposure
small), web, API, database and batch servers on AWS, a pseudo server for an edge firewall with an
external scan result, real CVE ids with illustrative SSVC inputs, packages, running processes,
listening ports and tasks in several states.

SSVC inputs here are illustrative, not authoritative intelligence.
"""

from __future__ import annotations

from typing import Any, Final

__all__ = ["DEMO"]

_OPENSSH = ["CVE-2024-6387", "CVE-2023-38408"]

DEMO: Final[dict[str, Any]] = {
    "group": {"id": 1, "name": "demo-group"},
    "users": [
        {"name": "alice", "user_id": 1},
        {"name": "bob", "user_id": 2},
        {"name": "carol", "user_id": 3},
    ],
    "roles": [
        {"name": "default", "value_density": "concentrated"},
        {
            "name": "Internet-Facing",
            "exposure": "open",
            "human_impact": "high",
            "value_density": "concentrated",
        },
        {
            "name": "Internal-DB",
            "exposure": "small",
            "human_impact": "very high",
            "value_density": "concentrated",
        },
    ],
    "cves": [
        {
            "cve_id": "CVE-2021-44228",
            "title": "Apache Log4j2 JNDI remote code execution (Log4Shell)",
            "exploitation": "active",
            "automatable": "yes",
            "value_density": "concentrated",
            "cvss_v3": 10.0,
            "vector_v3": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
            "cwe_ids": ["CWE-502"],
        },
        {
            "cve_id": "CVE-2022-40684",
            "title": "Fortinet FortiOS authentication bypass",
            "exploitation": "active",
            "automatable": "yes",
            "value_density": "concentrated",
            "cvss_v3": 9.8,
            "cpe_names": ["cpe:2.3:o:fortinet:fortios:7.0.0:*:*:*:*:*:*:*"],
        },
        {
            "cve_id": "CVE-2024-6387",
            "title": "OpenSSH sshd signal handler race (regreSSHion)",
            "exploitation": "PoC",
            "automatable": "no",
            "value_density": "concentrated",
            "cvss_v3": 8.1,
        },
        {
            "cve_id": "CVE-2023-38408",
            "title": "OpenSSH ssh-agent PKCS#11 remote code execution",
            "exploitation": "PoC",
            "automatable": "no",
            "value_density": "diffuse",
            "cvss_v3": 9.8,
        },
        {
            "cve_id": "CVE-2023-44487",
            "title": "HTTP/2 rapid reset denial of service",
            "exploitation": "active",
            "automatable": "yes",
            "value_density": "diffuse",
            "cvss_v3": 7.5,
        },
        {
            "cve_id": "CVE-2021-23017",
            "title": "nginx resolver off-by-one",
            "exploitation": "PoC",
            "automatable": "no",
            "value_density": "diffuse",
            "cvss_v3": 7.7,
        },
        {
            "cve_id": "CVE-2022-3602",
            "title": "OpenSSL X.509 punycode buffer overflow",
            "exploitation": "none",
            "automatable": "no",
            "value_density": "diffuse",
            "cvss_v3": 7.5,
        },
        {
            "cve_id": "CVE-2023-0286",
            "title": "OpenSSL X.400 address type confusion",
            "exploitation": "none",
            "automatable": "no",
            "value_density": "concentrated",
            "cvss_v3": 7.4,
        },
        {
            "cve_id": "CVE-2023-22809",
            "title": "sudoedit arbitrary file write",
            "exploitation": "PoC",
            "automatable": "no",
            "value_density": "diffuse",
            "cvss_v3": 7.8,
        },
        {
            "cve_id": "CVE-2023-2454",
            "title": "PostgreSQL CREATE SCHEMA search_path bypass",
            "exploitation": "none",
            "automatable": "no",
            "value_density": "concentrated",
            "cvss_v3": 7.2,
        },
    ],
    "servers": [
        {
            "name": "web-01",
            "role": "Internet-Facing",
            "tags": ["prod", "web"],
            "ipv4": "203.0.113.10",
            "platform_name": "aws",
            "platform_instance_id": "i-0a1b2c3d4e5f60001",
            "default_user": "alice",
            "packages": [
                {
                    "name": "nginx",
                    "version": "1.18.0",
                    "release": "6ubuntu14",
                    "new_version": "1.18.0",
                    "new_release": "6ubuntu14.4",
                    "cve_ids": ["CVE-2021-23017", "CVE-2023-44487"],
                    "processes": [{"name": "nginx", "pid": "811", "ports": [80, 443]}],
                },
                {
                    "name": "openssl",
                    "version": "3.0.2",
                    "release": "0ubuntu1.6",
                    "cve_ids": ["CVE-2022-3602", "CVE-2023-0286"],
                },
                {
                    "name": "openssh-server",
                    "version": "8.9p1",
                    "release": "3ubuntu0.1",
                    "cve_ids": _OPENSSH,
                    "processes": [{"name": "sshd", "pid": "702", "ports": [22]}],
                },
            ],
            "tasks": [
                {
                    "cve_id": "CVE-2024-6387",
                    "status": "investigating",
                    "priority": "high",
                    "main_user": "alice",
                    "applying_patch_on": "2026-12-01",
                }
            ],
        },
        {
            "name": "web-02",
            "role": "Internet-Facing",
            "tags": ["prod", "web"],
            "ipv4": "203.0.113.11",
            "platform_name": "aws",
            "platform_instance_id": "i-0a1b2c3d4e5f60002",
            "packages": [
                {
                    "name": "nginx",
                    "version": "1.18.0",
                    "release": "6ubuntu14",
                    "cve_ids": ["CVE-2021-23017", "CVE-2023-44487"],
                    "processes": [{"name": "nginx", "pid": "812", "ports": [443]}],
                },
                {"name": "openssh-server", "version": "8.9p1", "release": "3ubuntu0.1", "cve_ids": _OPENSSH},
            ],
            "tasks": [{"cve_id": "CVE-2021-23017", "status": "risk_accepted", "main_user": "bob"}],
        },
        {
            "name": "api-01",
            "tags": ["prod", "api"],
            "ipv4": "10.0.1.20",
            "platform_name": "aws",
            "platform_instance_id": "i-0a1b2c3d4e5f60003",
            "os_family": "amazon",
            "os_version": "2",
            "packages": [
                {
                    "name": "log4j-core",
                    "version": "2.14.1",
                    "cve_ids": ["CVE-2021-44228"],
                    "processes": [{"name": "java", "pid": "1201", "ports": [8080]}],
                },
                {"name": "sudo", "version": "1.9.5p2", "release": "1.amzn2", "cve_ids": ["CVE-2023-22809"]},
            ],
            "tasks": [
                {
                    "cve_id": "CVE-2021-44228",
                    "status": "ongoing",
                    "priority": "high",
                    "main_user": "bob",
                    "sub_user": "alice",
                }
            ],
        },
        {
            "name": "db-01",
            "role": "Internal-DB",
            "tags": ["prod", "db"],
            "ipv4": "10.0.2.30",
            "platform_name": "aws",
            "platform_instance_id": "i-0a1b2c3d4e5f60004",
            "packages": [
                {
                    "name": "postgresql-14",
                    "version": "14.5",
                    "release": "0ubuntu0.22.04.1",
                    "cve_ids": ["CVE-2023-2454"],
                    "processes": [{"name": "postgres", "pid": "950", "ports": [5432]}],
                },
                {"name": "openssh-server", "version": "8.9p1", "release": "3ubuntu0.1", "cve_ids": _OPENSSH},
            ],
        },
        {
            "name": "batch-01",
            "tags": ["staging"],
            "ipv4": "10.0.3.40",
            "platform_name": "aws",
            "platform_instance_id": "i-0a1b2c3d4e5f60005",
            "packages": [
                {"name": "sudo", "version": "1.9.9", "release": "1ubuntu2", "cve_ids": ["CVE-2023-22809"]}
            ],
            "tasks": [{"cve_id": "CVE-2023-22809", "status": "new", "ignore_until": "pkg_fix"}],
        },
        {
            "name": "edge-fw-01",
            "pseudo": True,
            "tags": ["network"],
            "ipv4": "198.51.100.1",
            "cpes": [{"cpe_name": "cpe:2.3:o:fortinet:fortios:7.0.0:*:*:*:*:*:*:*"}],
            "external_scans": [{"name": "nmap-vulners 2026-11", "cve_ids": ["CVE-2022-40684"]}],
        },
    ],
}
