"""The fake server's in-memory records: one mutable attrs class per kind of FutureVuls object.

Records are mutable on purpose (the fake edits them in place under one lock); everything a test
receives from the fake's public API is either one of these records (read it, do not edit it) or
frozen data. Field names are snake_case; the JSON spellings live in the ``_render*`` modules.
"""

from __future__ import annotations

from typing import Final

from attrs import define, field

__all__ = [
    "IGNORE_UNTIL",
    "TASK_PRIORITIES",
    "TASK_STATUSES",
    "Comment",
    "Cpe",
    "Cve",
    "ExternalScan",
    "Group",
    "ListeningPort",
    "Lockfile",
    "Package",
    "Process",
    "Role",
    "Server",
    "Tag",
    "Task",
    "User",
]


@define(kw_only=True)
class Group:
    """The one group the fake's token belongs to."""

    id: int = 1
    name: str = "fake-group"


@define(kw_only=True)
class User:
    """A group member (task assignee, server default user)."""

    id: int
    name: str


@define(kw_only=True)
class Role:
    """A server role; ``exposure``/``human_impact`` are its SSVC settings (None = group default)."""

    id: int
    name: str
    is_default: bool = False
    exposure: str | None = None
    human_impact: str | None = None
    mission_impact: str | None = None
    safety_impact: str | None = None
    value_density: str | None = None
    created_at: str = ""
    updated_at: str = ""


@define(kw_only=True)
class Tag:
    """A server tag."""

    id: int
    name: str


@define(kw_only=True)
class Server:
    """A server (scanned, paste or pseudo)."""

    id: int
    name: str
    uuid: str
    host_uuid: str
    role_id: int
    tag_ids: list[int] = field(factory=list)
    ipv4: str = ""
    platform_name: str = ""
    platform_instance_id: str = ""
    os_family: str = "ubuntu"
    os_version: str = "22.04"
    kernel_release: str = ""
    kernel_version: str = ""
    default_user_id: int | None = None
    additional_info: str = ""
    need_kernel_restart: bool = False
    created_at: str = ""
    updated_at: str = ""
    last_scanned_at: str = ""
    last_uploaded_at: str = ""
    scan_count: int = 0


@define(kw_only=True)
class Cve:
    """Vulnerability intelligence for one CVE, including its SSVC inputs (CERT v2.0 spellings)."""

    cve_id: str
    title: str = ""
    exploitation: str = "none"
    automatable: str = "no"
    value_density: str = "diffuse"
    utility: str | None = None
    """Explicit utility; when None it is derived from ``automatable`` x ``value_density``."""
    cvss_v3: float = 0.0
    vector_v3: str = ""
    cvss_v2: float = 0.0
    vector_v2: str = ""
    has_mitigation: bool = False
    cwe_ids: list[str] = field(factory=list)
    cpe_names: list[str] = field(factory=list)
    """CPE names this CVE affects: a CPE added over the API with one of these names reports it."""
    created_at: str = ""
    updated_at: str = ""


@define(kw_only=True)
class Package:
    """An OS or library package installed on a server."""

    id: int
    server_id: int
    name: str
    version: str = ""
    release: str = ""
    new_version: str = ""
    new_release: str = ""
    repository: str = ""
    cve_ids: list[str] = field(factory=list)
    created_at: str = ""
    updated_at: str = ""


@define(kw_only=True)
class Process:
    """A running process on a server, optionally using a package (an "affected process")."""

    server_id: int
    pid: str
    name: str
    package_id: int | None = None


@define(kw_only=True)
class ListeningPort:
    """A listening socket on a server, optionally owned by a process."""

    id: int
    server_id: int
    port: int
    address: str = "0.0.0.0"  # noqa: S104 - data, nothing binds to it
    protocol: str = "tcp"
    pid: str | None = None

    @property
    def label(self) -> str:
        """The ``listeningPorts`` spelling: ``address:port``."""
        return f"{self.address}:{self.port}"


@define(kw_only=True)
class Cpe:
    """A CPE registered on a server."""

    id: int
    server_id: int
    name: str
    uri: str
    fs: str
    version: str = ""
    cve_ids: list[str] = field(factory=list)
    created_at: str = ""
    updated_at: str = ""


@define(kw_only=True)
class Lockfile:
    """A lockfile uploaded for a server."""

    id: int
    server_id: int
    path: str
    content: str
    created_at: str = ""
    updated_at: str = ""


@define(kw_only=True)
class ExternalScan:
    """An external scan result: a named CVE list on a server, "exposed externally" or not."""

    id: int
    server_id: int
    name: str
    cve_ids: list[str] = field(factory=list)
    is_external: bool = True
    created_at: str = ""
    updated_at: str = ""


@define(kw_only=True)
class Comment:
    """A task comment."""

    id: int
    comment: str
    user_id: int
    user_name: str
    type: str = "comment"
    created_at: str = ""
    updated_at: str = ""


TASK_STATUSES: Final = (
    "new",
    "investigating",
    "ongoing",
    "defer",
    "not_affected",
    "risk_accepted",
    "workaround",
    "patch_applied",
)
"""A task's ``status`` values (reference §2.4); ``patch_applied`` is set by FutureVuls, not by users."""
TASK_PRIORITIES: Final = ("none", "high", "medium", "low")
"""A task's ``priority`` values."""
IGNORE_UNTIL: Final = ("nothing", "anything", "forever", "vector", "pkg_fix", "exploit", "ssvc_priority")
"""``ignoreUntil`` values; ``nothing`` un-hides a task."""


@define(kw_only=True)
class Task:
    """One CVE on one server, with its status, assignees and computed SSVC block.

    ``sources`` says who reports the CVE on the server: ``"seed"`` (added by a test or dataset),
    ``"pkg:<id>"``, ``"cpe:<id>"``, ``"ext:<id>"``. A task whose sources become empty disappears.
    """

    id: int
    server_id: int
    cve_id: str
    status: str = "new"
    priority: str = "none"
    ignore: bool = False
    ignore_until: str | None = None
    main_user_id: int | None = None
    sub_user_id: int | None = None
    applying_patch_on: str | None = None
    deadline_on: str | None = None
    comments: list[Comment] = field(factory=list)
    sources: set[str] = field(factory=set)
    created_at: str = ""
    updated_at: str = ""
    newed_at: str = ""
    ssvc_priority: str | None = None
    ssvc_exploitation: str | None = None
    ssvc_exposure: str | None = None
    ssvc_utility: str | None = None
    ssvc_automatable: str | None = None
    ssvc_value_density: str | None = None
    ssvc_human_impact: str | None = None
