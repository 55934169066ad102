"""Options of an import, validated once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

from attrs import evolve, field, frozen

from .._batch import check_concurrency
from .._exceptions import ConfigError
from .._numbers import positive_id
from .._wording import COMBINE_SERVER_ID
from ._server_map import normalise_server_map

__all__ = ["ImportOptions", "PruneMode"]

PruneMode = Literal["empty", "delete"]


def _tags(values: Iterable[str] | str) -> tuple[str, ...]:
    """One tag or many: a single string is one tag, never split into characters."""
    return (values,) if isinstance(values, str) else tuple(values)


def _name(value: str | None) -> str:
    return value or ""


def _map(value: Mapping[str, int | str] | None) -> dict[str, int]:
    return normalise_server_map(value or {})


@frozen(kw_only=True)
class ImportOptions:
    """How hosts become external scan results. See :meth:`futurevuls_ext.Client.import_report`.

    Built (and so validated) before the report is read; ``name`` left empty means "the report's
    format", filled in by :meth:`for_report` once the report is parsed.
    """

    name: str = field(default="", converter=_name)
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
        if self.name and not self.name.strip():
            raise ConfigError(
                "the external scan result name must not be blank; leave it out for the report format"
            )
        for label, value in (
            ("server_id", self.server_id),
            ("pseudo_server_role_id", self.pseudo_server_role_id),
        ):
            if value is not None and (type(value) is not int or positive_id(value) is None):
                raise ConfigError(f"{label} must be a positive integer, got {value!r}")
        if self.server_id is not None and (self.create_pseudo_servers or self.server_map):
            raise ConfigError(COMBINE_SERVER_ID.python)
        check_concurrency(self.concurrency)
        if self.prune_mode not in ("empty", "delete"):
            raise ConfigError(f"prune_mode must be 'empty' or 'delete', got {self.prune_mode!r}")

    def for_report(self, report_format: str) -> ImportOptions:
        """These options with the default result name (the report's format) filled in."""
        return self if self.name else evolve(self, name=report_format)
