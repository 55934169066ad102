"""Small objects shared by several API areas: groups, server tags, child servers and tasks, CVSS, CWE.

Attribute names are the snake_case of the JSON keys (``cve_id`` is ``cveID``); a field whose key
breaks that rule names the key in ``metadata={"json": ...}`` (``Group.id`` is ``ID``).
Timestamps are timezone-aware :class:`datetime.datetime`; the API's zero time reads as ``None``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ._base import Model
from .enums import IgnoreUntil, TaskPriority, TaskStatus

__all__ = [
    "AffectedProc",
    "ChildTask",
    "Cvss",
    "CvssMax",
    "Cwe",
    "EnvMetricV2",
    "EnvMetricV3",
    "Group",
    "NeedRestartProc",
    "SecMetric",
    "ServerChild",
    "ServerTag",
    "TmpMetric",
    "VulnInfo",
]


@attrs.frozen(kw_only=True)
class Group(Model):
    """The group an object belongs to (``GroupResponseBody``; note the upper-case ``ID`` key)."""

    id: int = attrs.field(metadata={"json": "ID"})
    group_name: str


@attrs.frozen(kw_only=True)
class ServerTag(Model):
    """A tag on a server (``ServerTagResponseBody``)."""

    id: int
    name: str


@attrs.frozen(kw_only=True)
class ServerChild(Model):
    """A server embedded in another object (``ServerChildResponseBody``); ``tags`` are names here."""

    id: int
    server_uuid: str
    host_uuid: str
    server_name: str
    serverrole_id: int = attrs.field(metadata={"json": "serverroleId"})
    serverrole_name: str
    os_family: str
    os_version: str
    need_kernel_restart: bool
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    default_user_id: int | None = attrs.field(default=None, metadata={"json": "defaultUserId"})
    default_user_name: str | None = None
    last_scanned_at: dt.datetime | None = None
    last_uploaded_at: dt.datetime | None = None
    tags: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ChildTask(Model):
    """A task embedded in a server, package or CPE (``ChildTaskResponseBody``)."""

    id: int
    cve_id: str
    server_id: int
    status: TaskStatus | str
    priority: TaskPriority | str
    ignore: bool
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    ignore_until: IgnoreUntil | str | None = None
    applying_patch_on: dt.date | None = None
    main_user_id: int | None = None
    main_user_name: str | None = None
    sub_user_id: int | None = None
    sub_user_name: str | None = None


@attrs.frozen(kw_only=True)
class Cwe(Model):
    """A CWE of a CVE (``CweResponseBody``)."""

    cwe_id: str
    english: str
    japanese: str
    owasp_top_ten2017: str | None = None


@attrs.frozen(kw_only=True)
class CvssMax(Model):
    """The highest CVSS score of one version and its source (``CvssResponseBodyMaxCvssV2``).

    ``value`` is free-form in the spec (score, severity, vector...), so it stays a dict.
    """

    type: str | None = None
    value: dict[str, Any] | None = None


@attrs.frozen(kw_only=True)
class VulnInfo(Model):
    """Free-form vulnerability details inside :class:`Cvss` (``CvssResponseBodyVulnInfo``)."""

    cve_id: str | None = None
    alert_dict: dict[str, Any] | None = None
    ctis: tuple[str, ...] = ()
    cve_contents: dict[str, Any] | None = None
    exploits: tuple[dict[str, Any], ...] = ()
    mitigations: tuple[dict[str, Any], ...] = ()


@attrs.frozen(kw_only=True)
class Cvss(Model):
    """CVSS summary of a CVE or task (``CvssResponseBody``)."""

    cve_id: str | None = None
    max_cvss_v2: CvssMax | None = None
    max_cvss_v3: CvssMax | None = None
    vuln_info: VulnInfo | None = None


@attrs.frozen(kw_only=True)
class EnvMetricV2(Model):
    """A role's CVSS v2 environmental metrics for one CVE (``EnvMetricV2ResponseBody``)."""

    cve_id: str
    role_id: int
    role_name: str
    cdp: str
    td: str
    created_at: dt.datetime | None
    updated_at: dt.datetime | None


@attrs.frozen(kw_only=True)
class EnvMetricV3(Model):
    """A role's CVSS v3 environmental metrics for one CVE (``EnvMetricV3ResponseBody``)."""

    cve_id: str
    role_id: int
    role_name: str
    ma: str
    mac: str
    mav: str
    mc: str
    mpr: str
    ms: str
    mui: str
    created_at: dt.datetime | None
    updated_at: dt.datetime | None


@attrs.frozen(kw_only=True)
class SecMetric(Model):
    """A role's CVSS security requirements (``SecMetricResponseBody``; values like ``"H"`` or ``""``)."""

    role_id: int
    role_name: str
    cr: str
    ir: str
    ar: str
    created_at: dt.datetime | None
    updated_at: dt.datetime | None


@attrs.frozen(kw_only=True)
class TmpMetric(Model):
    """CVSS temporal metrics of a CVE (``TmpMetricResponseBody``)."""

    e: str
    rc: str
    rl: str
    created_at: dt.datetime | None
    updated_at: dt.datetime | None


@attrs.frozen(kw_only=True)
class AffectedProc(Model):
    """A running process that uses a vulnerable package (``AffectedProcResponseBody``)."""

    name: str
    pid: str


@attrs.frozen(kw_only=True)
class NeedRestartProc(Model):
    """A process that must restart after an update (``NeedRestartProcResponseBody``)."""

    init_system: str
    path: str
    pid: str
    service_name: str
