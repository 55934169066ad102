"""Lockfiles (``package-lock.json``, ``Gemfile.lock``...) registered on a server."""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Model
from .common import ServerChild

__all__ = ["LibraryPkg", "Lockfile"]


@attrs.frozen(kw_only=True)
class LibraryPkg(Model):
    """A library package found in a lockfile (``LibraryPkgChildResponseBody``)."""

    id: int
    name: str
    version: str
    created_at: dt.datetime | None
    updated_at: dt.datetime | None


@attrs.frozen(kw_only=True)
class Lockfile(Model):
    """A lockfile (list item, detail, add and update answers share this shape)."""

    id: int
    path: str
    file_content: str
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    library_pkgs: tuple[LibraryPkg, ...] = ()
    server: ServerChild | None = None
