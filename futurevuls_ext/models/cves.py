"""CVEs: list item, detail, their group-set variants, and the CVE summary embedded in tasks.

:class:`Cve`, :class:`CveDetail`, :class:`GroupSetCve`, :class:`GroupSetCveDetail`, :class:`CveChild`.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Model, spec_required
from .common import Cvss, Cwe, EnvMetricV2, EnvMetricV3, Group, SecMetric, TmpMetric

__all__ = ["Cve", "CveChild", "CveDetail", "GroupSetCve", "GroupSetCveDetail"]


@attrs.frozen(kw_only=True)
class Cve(Model):
    """A CVE in the group's CVE list (``CveListResponseBody``).

    ``score_v3s`` maps a source (``"nvd"``, ``"jvn"``...) to its CVSS v3 score; ``topic_last_updated_at``
    is None when the API sends its default ``""``.
    """

    cve_id: str
    title: str | None = spec_required()
    cwes: tuple[Cwe, ...] = spec_required(())
    max_v2: float | None = spec_required()
    max_v3: float | None = spec_required()
    score_v2s: dict[str, float] = spec_required(factory=dict)
    score_v3s: dict[str, float] = spec_required(factory=dict)
    vector_v2s: dict[str, str] = spec_required(factory=dict)
    vector_v3s: dict[str, str] = spec_required(factory=dict)
    is_not_active: bool | None = spec_required()
    is_owasp_top_ten2017: bool | None = spec_required()
    new_task_count: int | None = spec_required()
    all_task_count: int | None = spec_required()
    topic_count: int | None = spec_required()
    topic_last_updated_at: dt.datetime | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()
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
    cvss: Cvss | None = spec_required()
    cwes: tuple[Cwe, ...] = spec_required(())
    env_metric_v2s: tuple[EnvMetricV2, ...] = spec_required(())
    env_metric_v3s: tuple[EnvMetricV3, ...] = spec_required(())
    references: dict[str, str] = spec_required(factory=dict)
    sec_metrics: tuple[SecMetric, ...] = spec_required(())
    tmp_metric_v2: TmpMetric | None = spec_required()
    tmp_metric_v3: TmpMetric | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()
    exploit_level: str | None = None
    has_exploit: bool | None = None
    has_mitigation: bool | None = None


@attrs.frozen(kw_only=True)
class GroupSetCve(Model):
    """A CVE in a group set's CVE list, with the groups it appears in (``GroupSetCveListResponseBody``)."""

    cve_id: str
    title: str | None = spec_required()
    cwes: tuple[Cwe, ...] = spec_required(())
    groups: tuple[Group, ...] = spec_required(())
    max_v2: float | None = spec_required()
    max_v3: float | None = spec_required()
    score_v2s: dict[str, float] = spec_required(factory=dict)
    score_v3s: dict[str, float] = spec_required(factory=dict)
    vector_v2s: dict[str, str] = spec_required(factory=dict)
    vector_v3s: dict[str, str] = spec_required(factory=dict)
    is_owasp_top_ten2017: bool | None = spec_required()
    topic_count: int | None = spec_required()
    topic_last_updated_at: dt.datetime | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()
    advisory_ids: tuple[str, ...] = ()
    has_exploit: bool | None = None
    has_mitigation: bool | None = None


@attrs.frozen(kw_only=True)
class GroupSetCveDetail(Model):
    """One CVE seen through a group-set token (``GroupSetCveGetGroupSetCveDetailResponseBody``)."""

    cve_id: str
    cvss: Cvss | None = spec_required()
    cwes: tuple[Cwe, ...] = spec_required(())
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()
    group: Group | None = None


@attrs.frozen(kw_only=True)
class CveChild(Model):
    """The CVE summary inside a task list item (``CveChildResponseBody``)."""

    cve_id: str | None = spec_required()
    title: str | None = spec_required()
    advisory_ids: tuple[str, ...] = spec_required(())
    cwes: tuple[Cwe, ...] = spec_required(())
    is_owasp_top_ten2017: bool | None = spec_required()
    max_v2: float | None = spec_required()
    max_v3: float | None = spec_required()
    score_v2s: dict[str, float] = spec_required(factory=dict)
    score_v3s: dict[str, float] = spec_required(factory=dict)
    vector_v2s: dict[str, str] = spec_required(factory=dict)
    vector_v3s: dict[str, str] = spec_required(factory=dict)
    exploit_level: str | None = None
    has_exploit: bool | None = None
    has_mitigation: bool | None = None
    pkg_fixed_status: str | None = None
    pkg_fixed_status_name: str | None = None
