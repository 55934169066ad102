"""Packages and CPEs: the ``pkgCpes`` list item, package and CPE details, and the child in tasks."""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Model, spec_required
from .common import AffectedProc, ChildTask, Group, NeedRestartProc, ServerChild

__all__ = ["Cpe", "PackageDetail", "PkgCpe", "PkgCpeChild"]


@attrs.frozen(kw_only=True)
class PkgCpe(Model):
    """A package, library or CPE on a server (``PkgCpeListResponseBody``; group sets add ``group``).

    Exactly one of ``pkg_id``, ``cpe_id``, ``library_pkg_id``, ``github_pkg_id``, ``wordpress_pkg_id`` is
    normally set. ``cpe_fs`` is the CPE 2.3 formatted string (JSON ``cpeFS``).
    """

    name: str | None = spec_required()
    version: str | None = spec_required()
    server_id: int | None = spec_required()
    server_name: str | None = spec_required()
    server_uuid: str | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()
    pkg_id: int | None = None
    cpe_id: int | None = None
    cpe_uri: str | None = None
    cpe_fs: str | None = attrs.field(default=None, metadata={"json": "cpeFS"})
    library_pkg_id: int | None = None
    github_pkg_id: int | None = None
    wordpress_pkg_id: int | None = None
    application_name: str | None = None
    library_path: str | None = None
    oss_license: str | None = None
    release: str | None = None
    new_version: str | None = None
    new_release: str | None = None
    repository: str | None = None
    not_fixed_yet: bool | None = None
    need_restart_procs: tuple[NeedRestartProc, ...] = ()
    wordpress_package_status: str | None = None
    group: Group | None = None


@attrs.frozen(kw_only=True)
class PackageDetail(Model):
    """One OS package with its processes and tasks (``PkgCpeGetPkgDetailResponseBody``)."""

    name: str | None = spec_required()
    version: str | None = spec_required()
    release: str | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()
    id: int | None = None
    new_version: str | None = None
    new_release: str | None = None
    repository: str | None = None
    package_statuses: dict[str, str] | None = None
    affected_procs: tuple[AffectedProc, ...] = ()
    need_restart_procs: tuple[NeedRestartProc, ...] = ()
    server: ServerChild | None = None
    tasks: tuple[ChildTask, ...] = ()
    group: Group | None = None


@attrs.frozen(kw_only=True)
class Cpe(Model):
    """One CPE on a server (``PkgCpeGetCpeDetailResponseBody``, also the answer of ``cpes.add``)."""

    id: int
    name: str | None = spec_required()
    version: str | None = spec_required()
    server: ServerChild | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()
    cpe_uri: str | None = None
    tasks: tuple[ChildTask, ...] = ()
    group: Group | None = None


@attrs.frozen(kw_only=True)
class PkgCpeChild(Model):
    """A package or CPE inside a task detail (``PkgCpeChildResponseBody``)."""

    name: str | None = spec_required()
    version: str | None = spec_required()
    server_id: int | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()
    pkg_id: int | None = None
    cpe_id: int | None = None
    cpe_uri: str | None = None
    release: str | None = None
    new_version: str | None = None
    new_release: str | None = None
    repository: str | None = None
    affected_procs: tuple[AffectedProc, ...] = ()
