"""Record tables indexed by server, so a write costs the same with 100 or 50,000 servers.

:class:`ServerTable` is the ``id -> record`` dict the state keeps for every per-server kind (tasks,
external scans, packages, CPEs, lockfiles, listening ports), plus an index ``server id -> {id: record}``
kept up to date by every way a dict changes. Reading it is reading a dict; :meth:`ServerTable.of_server`
answers "the records of this server" without scanning the others. A record's ``server_id`` must not
change after it is stored (no handler moves a record between servers).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol, TypeVar, overload

__all__ = ["ServerTable"]


class _OnServer(Protocol):
    @property
    def server_id(self) -> int: ...


R = TypeVar("R", bound=_OnServer)
_MISSING: Any = object()


class ServerTable(dict[int, R]):
    """``id -> record`` with an index by ``record.server_id``."""

    def __init__(self) -> None:
        super().__init__()
        self._by_server: dict[int, dict[int, R]] = {}

    def of_server(self, server_id: int) -> list[R]:
        """The records of one server, in insertion order, without scanning the others."""
        return list(self._by_server.get(server_id, {}).values())

    def drop_server(self, server_id: int) -> None:
        """Remove every record of one server."""
        for key in list(self._by_server.get(server_id, ())):
            del self[key]

    def _index(self, key: int, value: R) -> None:
        self._by_server.setdefault(value.server_id, {})[key] = value

    def _unindex(self, key: int, value: R) -> None:
        bucket = self._by_server.get(value.server_id)
        if bucket is not None:
            bucket.pop(key, None)
            if not bucket:
                del self._by_server[value.server_id]

    def __setitem__(self, key: int, value: R) -> None:
        old = super().get(key, _MISSING)
        if old is not _MISSING:
            self._unindex(key, old)
        super().__setitem__(key, value)
        self._index(key, value)

    def __delitem__(self, key: int) -> None:
        value = self[key]
        super().__delitem__(key)
        self._unindex(key, value)

    @overload
    def pop(self, key: int, /) -> R: ...
    @overload
    def pop(self, key: int, default: R, /) -> R: ...
    @overload
    def pop(self, key: int, default: Any, /) -> Any: ...
    def pop(self, key: int, default: Any = _MISSING, /) -> Any:
        """Remove and return a record (or ``default``)."""
        if key not in self:
            if default is _MISSING:
                raise KeyError(key)
            return default
        value = self[key]
        del self[key]
        return value

    def popitem(self) -> tuple[int, R]:
        """Remove and return the last record stored."""
        key, value = super().popitem()
        self._unindex(key, value)
        return key, value

    def clear(self) -> None:
        """Remove every record."""
        super().clear()
        self._by_server.clear()

    def setdefault(self, key: int, default: R, /) -> R:
        """The record under ``key``, storing ``default`` there first when missing."""
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, other: Mapping[int, R] | Iterable[tuple[int, R]] = (), /, **kw: R) -> None:  # type: ignore[override]
        """Store every pair of ``other``."""
        if kw:
            raise TypeError("ServerTable keys are integer ids")
        pairs = other.items() if isinstance(other, Mapping) else other
        for key, value in pairs:
            self[key] = value

    def __ior__(self, other: Any) -> ServerTable[R]:  # type: ignore[override,misc]
        self.update(other)
        return self
