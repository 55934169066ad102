"""Small objects shared by several API areas: groups, server tags, child servers and tasks, CVSS, CWE.

Attribute names are the snake_case of the JSON keys (``cve_id`` is ``cveID``); a field whose key
breaks that rule names the key in ``metadata={"json": ...}`` (``Group.id`` is ``ID``).
Timestamps are timezone-aware :class:`datetime.datetime`; the API's zero time reads as ``None``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ._base import Model, spec_required
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

    id: int | None = spec_required(json="ID")
    group_name: str | None = spec_required()


@attrs.frozen(kw_only=True)
class ServerTag(Model):
    """A tag on a server (``ServerTagResponseBody``)."""

    id: int | None = spec_required()
    name: str | None = spec_required()


@attrs.frozen(kw_only=True)
class ServerChild(Model):
    """A server embedded in another object (``ServerChildResponseBody``); ``tags`` are names here."""

    id: int | None = spec_required()
    server_uuid: str | None = spec_required()
    host_uuid: str | None = spec_required()
    server_name: str | None = spec_required()
    serverrole_id: int | None = spec_required(json="serverroleId")
    serverrole_name: str | None = spec_required()
    os_family: str | None = spec_required()
    os_version: str | None = spec_required()
    need_kernel_restart: bool | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()
    default_user_id: int | None = attrs.field(default=None, metadata={"json": "defaultUserId"})
    default_user_name: str | None = None
    last_scanned_at: dt.datetime | None = None
    last_uploaded_at: dt.datetime | None = None
    tags: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ChildTask(Model):
    """A task embedded in a server, package or CPE (``ChildTaskResponseBody``)."""

    id: int | None = spec_required()
    cve_id: str | None = spec_required()
    server_id: int | None = spec_required()
    status: TaskStatus | str | None = spec_required()
    priority: TaskPriority | str | None = spec_required()
    ignore: bool | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()
    ignore_until: IgnoreUntil | str | None = None
    applying_patch_on: dt.date | None = None
    main_user_id: int | None = None
    main_user_name: str | None = None
    sub_user_id: int | None = None
    sub_user_name: str | None = None


@attrs.frozen(kw_only=True)
class Cwe(Model):
    """A CWE of a CVE (``CweResponseBody``)."""

    cwe_id: str | None = spec_required()
    english: str | None = spec_required()
    japanese: str | None = spec_required()
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

    cve_id: str | None = spec_required()
    role_id: int | None = spec_required()
    role_name: str | None = spec_required()
    cdp: str | None = spec_required()
    td: str | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()


@attrs.frozen(kw_only=True)
class EnvMetricV3(Model):
    """A role's CVSS v3 environmental metrics for one CVE (``EnvMetricV3ResponseBody``)."""

    cve_id: str | None = spec_required()
    role_id: int | None = spec_required()
    role_name: str | None = spec_required()
    ma: str | None = spec_required()
    mac: str | None = spec_required()
    mav: str | None = spec_required()
    mc: str | None = spec_required()
    mpr: str | None = spec_required()
    ms: str | None = spec_required()
    mui: str | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()


@attrs.frozen(kw_only=True)
class SecMetric(Model):
    """A role's CVSS security requirements (``SecMetricResponseBody``; values like ``"H"`` or ``""``)."""

    role_id: int | None = spec_required()
    role_name: str | None = spec_required()
    cr: str | None = spec_required()
    ir: str | None = spec_required()
    ar: str | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()


@attrs.frozen(kw_only=True)
class TmpMetric(Model):
    """CVSS temporal metrics of a CVE (``TmpMetricResponseBody``)."""

    e: str | None = spec_required()
    rc: str | None = spec_required()
    rl: str | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()


@attrs.frozen(kw_only=True)
class AffectedProc(Model):
    """A running process that uses a vulnerable package (``AffectedProcResponseBody``)."""

    name: str | None = spec_required()
    pid: str | None = spec_required()


@attrs.frozen(kw_only=True)
class NeedRestartProc(Model):
    """A process that must restart after an update (``NeedRestartProcResponseBody``)."""

    init_system: str | None = spec_required()
    path: str | None = spec_required()
    pid: str | None = spec_required()
    service_name: str | None = spec_required()
