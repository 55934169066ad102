"""Errors of the Nmap job: a missing nmap, a failed scan, a run already in progress."""

from __future__ import annotations

from .._exceptions import ConfigError, FutureVulsError

__all__ = ["MappingLockedError", "NmapNotFoundError", "NmapScanError"]


class NmapNotFoundError(ConfigError):
    """The nmap binary is not installed (or not where ``--nmap`` points)."""


class NmapScanError(FutureVulsError):
    """nmap failed for one IP: non-zero exit, timeout, no XML, or the IP not reported as up.

    Attributes:
        ip: the address being scanned.
    """

    def __init__(self, message: str, *, ip: str) -> None:
        super().__init__(message)
        self.ip = ip


class MappingLockedError(FutureVulsError):
    """Another ``futurevuls-ext nmap`` run holds the mapping file's lock."""
