"""Lockfiles (``package-lock.json``, ``Gemfile.lock``...) registered on a server."""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Model, spec_required
from .common import ServerChild

__all__ = ["LibraryPkg", "Lockfile"]


@attrs.frozen(kw_only=True)
class LibraryPkg(Model):
    """A library package found in a lockfile (``LibraryPkgChildResponseBody``)."""

    id: int | None = spec_required()
    name: str | None = spec_required()
    version: str | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()


@attrs.frozen(kw_only=True)
class Lockfile(Model):
    """A lockfile (list item, detail, add and update answers share this shape)."""

    id: int
    path: str | None = spec_required()
    file_content: str | None = spec_required()
    created_at: dt.datetime | None = spec_required()
    updated_at: dt.datetime | None = spec_required()
    library_pkgs: tuple[LibraryPkg, ...] = ()
    server: ServerChild | None = None
