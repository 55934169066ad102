"""CVEs: list item, detail, their group-set variants, and the CVE summary embedded in tasks.

:class:`Cve`, :class:`CveDetail`, :class:`GroupSetCve`, :class:`GroupSetCveDetail`, :class:`CveChild`.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Model
from .common import Cvss, Cwe, EnvMetricV2, EnvMetricV3, Group, SecMetric, TmpMetric

__all__ = ["Cve", "CveChild", "CveDetail", "GroupSetCve", "GroupSetCveDetail"]


@attrs.frozen(kw_only=True)
class Cve(Model):
    """A CVE in the group's CVE list (``CveListResponseBody``).

    ``score_v3s`` maps a source (``"nvd"``, ``"jvn"``...) to its CVSS v3 score; ``topic_last_updated_at``
    is None when the API sends its default ``""``.
    """

    cve_id: str
    title: str
    cwes: tuple[Cwe, ...]
    max_v2: float
    max_v3: float
    score_v2s: dict[str, float]
    score_v3s: dict[str, float]
    vector_v2s: dict[str, str]
    vector_v3s: dict[str, str]
    is_not_active: bool
    is_owasp_top_ten2017: bool
    new_task_count: int
    all_task_count: int
    topic_count: int
    topic_last_updated_at: dt.datetime | None
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    advisory_ids: tuple[str, ...] = ()
    alert_level: str | None = None
    exploit_level: str | None = None
    has_alert: bool | None = None
    has_exploit: bool | None = None
    has_mitigation: bool | None = None
    pkg_fixed_status: str | None = None


@attrs.frozen(kw_only=True)
class CveDetail(Model):
    """One CVE with its CVSS, metrics and references (``CveGetCveDetailResponseBody``)."""

    cve_id: str
    cvss: Cvss
    cwes: tuple[Cwe, ...]
    env_metric_v2s: tuple[EnvMetricV2, ...]
    env_metric_v3s: tuple[EnvMetricV3, ...]
    references: dict[str, str]
    sec_metrics: tuple[SecMetric, ...]
    tmp_metric_v2: TmpMetric
    tmp_metric_v3: TmpMetric
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    exploit_level: str | None = None
    has_exploit: bool | None = None
    has_mitigation: bool | None = None


@attrs.frozen(kw_only=True)
class GroupSetCve(Model):
    """A CVE in a group set's CVE list, with the groups it appears in (``GroupSetCveListResponseBody``)."""

    cve_id: str
    title: str
    cwes: tuple[Cwe, ...]
    groups: tuple[Group, ...]
    max_v2: float
    max_v3: float
    score_v2s: dict[str, float]
    score_v3s: dict[str, float]
    vector_v2s: dict[str, str]
    vector_v3s: dict[str, str]
    is_owasp_top_ten2017: bool
    topic_count: int
    topic_last_updated_at: dt.datetime | None
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    advisory_ids: tuple[str, ...] = ()
    has_exploit: bool | None = None
    has_mitigation: bool | None = None


@attrs.frozen(kw_only=True)
class GroupSetCveDetail(Model):
    """One CVE seen through a group-set token (``GroupSetCveGetGroupSetCveDetailResponseBody``)."""

    cve_id: str
    cvss: Cvss
    cwes: tuple[Cwe, ...]
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    group: Group | None = None


@attrs.frozen(kw_only=True)
class CveChild(Model):
    """The CVE summary inside a task list item (``CveChildResponseBody``)."""

    cve_id: str
    title: str
    advisory_ids: tuple[str, ...]
    cwes: tuple[Cwe, ...]
    is_owasp_top_ten2017: bool
    max_v2: float
    max_v3: float
    score_v2s: dict[str, float]
    score_v3s: dict[str, float]
    vector_v2s: dict[str, str]
    vector_v3s: dict[str, str]
    exploit_level: str | None = None
    has_exploit: bool | None = None
    has_mitigation: bool | None = None
    pkg_fixed_status: str | None = None
    pkg_fixed_status_name: str | None = None
