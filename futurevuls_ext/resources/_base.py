"""Base classes of the resource namespaces: they hold the client's shell and profile, nothing else."""

from __future__ import annotations

from .._shells import AsyncShell, SyncShell
from ..profile import ApiProfile

__all__ = ["AsyncResource", "SyncResource"]


class SyncResource:
    """A namespace of :class:`~futurevuls_ext.Client` (``client.servers``, ``client.tasks``...)."""

    def __init__(self, shell: SyncShell, profile: ApiProfile) -> None:
        self._shell = shell
        self._profile = profile

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class AsyncResource:
    """A namespace of :class:`~futurevuls_ext.AsyncClient`; list methods return async iterators."""

    def __init__(self, shell: AsyncShell, profile: ApiProfile) -> None:
        self._shell = shell
        self._profile = profile

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"
