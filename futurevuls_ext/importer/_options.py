"""Options of an import, validated once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from attrs import field, frozen

from .._exceptions import ConfigError
from .._numbers import positive_id
from .._wording import COMBINE_SERVER_ID
from ._server_map import normalise_server_map

__all__ = ["ImportOptions", "PruneMode"]

PruneMode = Literal["empty", "delete"]


def _tags(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _map(value: Mapping[str, int | str] | None) -> dict[str, int]:
    return normalise_server_map(value or {})


@frozen(kw_only=True)
class ImportOptions:
    """How hosts become external scan results. See :meth:`futurevuls_ext.Client.import_report`."""

    name: str
    server_id: int | None = None
    server_map: Mapping[str, int] = field(factory=dict, converter=_map)
    create_pseudo_servers: bool = False
    pseudo_server_tags: tuple[str, ...] = field(default=(), converter=_tags)
    pseudo_server_role_id: int | None = None
    is_external: bool = True
    prune: bool = False
    prune_mode: PruneMode = "empty"
    dry_run: bool = False
    concurrency: int = 8
    rescan: bool = False
    lock: bool = True

    def __attrs_post_init__(self) -> None:
        if not self.name.strip():
            raise ConfigError("the external scan result name must not be empty")
        for label, value in (
            ("server_id", self.server_id),
            ("pseudo_server_role_id", self.pseudo_server_role_id),
        ):
            if value is not None and (type(value) is not int or positive_id(value) is None):
                raise ConfigError(f"{label} must be a positive integer, got {value!r}")
        if self.server_id is not None and (self.create_pseudo_servers or self.server_map):
            raise ConfigError(COMBINE_SERVER_ID.python)
        if self.concurrency < 1:
            raise ConfigError(f"concurrency must be >= 1, got {self.concurrency}")
        if self.prune_mode not in ("empty", "delete"):
            raise ConfigError(f"prune_mode must be 'empty' or 'delete', got {self.prune_mode!r}")

    @staticmethod
    def tags(values: Sequence[str] | str) -> tuple[str, ...]:
        """Normalise tag input: one string or a sequence."""
        return (values,) if isinstance(values, str) else tuple(values)
