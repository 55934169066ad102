"""Tasks (one CVE on one server): list item, detail, and the SSVC block.

:class:`Task` (list), :class:`TaskDetail` (get / update / comment), :class:`TaskSsvc`.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ..ssvc import Automatable, Exploitation, Exposure, HumanImpact, Priority, Utility, ValueDensity
from ._base import Model, spec_required
from .common import Cvss, Cwe, Group, ServerChild
from .cves import CveChild
from .enums import IgnoreUntil, TaskPriority, TaskStatus
from .pkg_cpes import PkgCpeChild

__all__ = ["DetectionMethod", "DetectionTool", "Task", "TaskComment", "TaskDetail", "TaskSsvc", "VulnSummary"]


@attrs.frozen(kw_only=True)
class TaskSsvc(Model):
    """The SSVC block of a task, gathered from the task's flat ``ssvc...`` keys.

    Values are parsed leniently with the :mod:`futurevuls_ext.ssvc` enums: a spelling the SDK does not
    know is kept as a ``str``. A task list item carries only ``priority``; the detail carries all seven.
    Note the API key of ``human_impact`` is ``ssvcDecisionHumanImpact`` (no "Point").
    """

    priority: Priority | str | None = attrs.field(default=None, metadata={"json": "ssvcPriority"})
    exploitation: Exploitation | str | None = attrs.field(
        default=None, metadata={"json": "ssvcDecisionPointExploitation"}
    )
    exposure: Exposure | str | None = attrs.field(
        default=None, metadata={"json": "ssvcDecisionPointExposure"}
    )
    utility: Utility | str | None = attrs.field(default=None, metadata={"json": "ssvcDecisionPointUtility"})
    automatable: Automatable | str | None = attrs.field(
        default=None, metadata={"json": "ssvcDecisionPointUtilityAutomatable"}
    )
    value_density: ValueDensity | str | None = attrs.field(
        default=None, metadata={"json": "ssvcDecisionPointUtilityDensity"}
    )
    human_impact: HumanImpact | str | None = attrs.field(
        default=None, metadata={"json": "ssvcDecisionHumanImpact"}
    )


@attrs.frozen(kw_only=True)
class DetectionMethod(Model):
    """How a task was detected, with its reliability (``DetectionMethodResponseBody``)."""

    name: str | None = spec_required()
    reliability_score: int | None = spec_required()


@attrs.frozen(kw_only=True)
class DetectionTool(Model):
    """Which tool detected a task (``DetectionToolResponseBody``)."""

    name: str | None = spec_required()
    patch_applied_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class VulnSummary(Model):
    """Alert and OWASP summary in a task list item (``VulnSummaryResponseBody``)."""

    title: str | None = spec_required()
    cwe: tuple[Cwe, ...] = spec_required(())
    has_alert: bool | None = spec_required()
    is_owasp_top_ten2017: bool | None = spec_required()
    alert_level: str | None = None


@attrs.frozen(kw_only=True)
class TaskComment(Model):
    """A comment on a task (``TaskCommentResponseBody``)."""

    id: int | None = spec_required()
    comment: str | None = spec_required()
    type: str | None = spec_required()
    user_id: int | None = spec_required()
    user_name: str | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()


@attrs.frozen(kw_only=True)
class Task(Model):
    """A task as listed by ``GET /v1/tasks`` (``TaskListResponseBody``).

    Attributes:
        server_tags: names of the server's tags.
        is_running_process: whether an affected process runs (JSON ``IsRunningProcess``).
        ssvc: the SSVC block; the list carries only ``ssvc.priority``.
    """

    id: int
    cve_id: str | None = spec_required()
    server_id: int | None = spec_required()
    server_name: str | None = spec_required()
    server_uuid: str | None = spec_required()
    os_family: str | None = spec_required()
    os_version: str | None = spec_required()
    status: TaskStatus | str | None = spec_required()
    priority: TaskPriority | str | None = spec_required()
    ignore: bool | None = spec_required()
    is_important: bool | None = spec_required()
    has_danger: bool | None = spec_required()
    advisory_ids: tuple[str, ...] = spec_required(())
    detection_methods: tuple[DetectionMethod, ...] = spec_required(())
    detection_tools: tuple[DetectionTool, ...] = spec_required(())
    listening_ports: tuple[str, ...] = spec_required(())
    newed_at: dt.datetime | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()
    ignore_until: IgnoreUntil | str | None = None
    ignore_expired_at: dt.datetime | None = None
    applying_patch_on: dt.date | None = None
    deadline_on: dt.date | None = None
    main_user_id: int | None = None
    main_user_name: str | None = None
    sub_user_id: int | None = None
    sub_user_name: str | None = None
    is_running_process: bool | None = attrs.field(default=None, metadata={"json": "IsRunningProcess"})
    cloud_one_detect_only: bool | None = None
    cloud_one_status: str | None = None
    cve: CveChild | None = None
    exploit_level: str | None = None
    group: Group | None = None
    has_exploit: bool | None = None
    has_mitigation: bool | None = None
    org_alert_tags: tuple[str, ...] = ()
    pkg_cpe_names: tuple[str, ...] = ()
    updatable_pkg_cpe_names: tuple[str, ...] = ()
    pkg_fixed_status: str | None = None
    pkg_fixed_status_names: str | None = None
    server: ServerChild | None = None
    server_tags: tuple[str, ...] = ()
    vuln_info: VulnSummary | None = None
    ssvc: TaskSsvc = attrs.field(factory=TaskSsvc, metadata={"embed": True})


@attrs.frozen(kw_only=True)
class TaskDetail(Model):
    """One task with comments, packages and CVSS (``TaskGetTaskDetailResponseBody``).

    Also the answer of ``tasks.update`` and ``tasks.comment``. The server is the nested :attr:`server`;
    :attr:`server_id` and :attr:`server_tags` read it for symmetry with :class:`Task`.
    """

    id: int
    cve_id: str | None = spec_required()
    status: TaskStatus | str | None = spec_required()
    priority: TaskPriority | str | None = spec_required()
    ignore: bool | None = spec_required()
    is_important: bool | None = spec_required()
    server: ServerChild | None = spec_required()
    cvss: Cvss | None = spec_required()
    newed_at: dt.datetime | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()
    ignore_until: IgnoreUntil | str | None = None
    ignore_expired_at: dt.datetime | None = None
    applying_patch_on: dt.date | None = None
    deadline_on: dt.date | None = None
    is_deadline_on_autochanged: bool | None = None
    main_user_id: int | None = None
    main_user_name: str | None = None
    sub_user_id: int | None = None
    sub_user_name: str | None = None
    advisory_ids: tuple[str, ...] = ()
    advisory_primary_src_urls: dict[str, str] | None = None
    primary_src_urls: dict[str, tuple[str, ...]] | None = None
    cloud_one_status: str | None = None
    cloud_one_status_only: bool | None = None
    comments: tuple[TaskComment, ...] = ()
    detection_methods: tuple[DetectionMethod, ...] = ()
    detection_tools: tuple[DetectionTool, ...] = ()
    group: Group | None = None
    has_exploit: bool | None = None
    has_mitigation: bool | None = None
    org_alert_tags: tuple[str, ...] = ()
    package_statuses: dict[str, str] | None = None
    pkg_cpes: tuple[PkgCpeChild, ...] = ()
    ssvc: TaskSsvc = attrs.field(factory=TaskSsvc, metadata={"embed": True})

    @property
    def server_id(self) -> int | None:
        """ID of the task's server (None when the answer has no server)."""
        return None if self.server is None else self.server.id

    @property
    def server_tags(self) -> tuple[str, ...]:
        """Names of the server's tags (empty when the answer has no server)."""
        return () if self.server is None else self.server.tags
