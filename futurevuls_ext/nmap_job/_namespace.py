"""``client.nmap`` and ``async_client.nmap``: the article's Nmap job, ``add`` and ``update``."""

from __future__ import annotations

import os

from .._core.program import Program
from .._workflow import AsyncNamespace, SyncNamespace, workflow
from ..profile import ApiProfile
from ._add import add_ip
from ._result import JobResult
from ._scan import NmapSource
from ._update import Progress, update_all

__all__ = ["AsyncNmapJob", "NmapJob", "NmapJobMethods"]

MappingPath = str | os.PathLike[str]


class NmapJobMethods:
    """The methods of ``client.nmap`` (see :class:`NmapJob`); each builds its workflow's program."""

    _profile: ApiProfile

    @workflow
    def add(
        self,
        ip: str,
        name: str,
        server_id: int,
        *,
        source: NmapSource,
        is_external: bool = True,
        mapping_path: MappingPath | None = None,
    ) -> Program[JobResult]:
        """Scan one IP and write its CVEs to an external scan result, recording it in the mapping file.

        Runs on the import planner, by the same rules as ``import_report``. An IP already recorded for
        this server updates its result (name, flag and CVE list; only what differs is sent) instead of
        creating a second one. Otherwise the lowest result of the same server and name that no mapping
        line claims is adopted (a lost mapping file does not create duplicates) and further unclaimed
        ones are emptied; else a new result is created, and the mapping is written atomically right
        after.

        Args:
            ip: one IPv4 or IPv6 address (no CIDR, no hostname).
            name: the result's name, as shown in FutureVuls.
            server_id: the server (often a pseudo server) the result belongs to.
            source: where the Nmap XML comes from (:class:`NmapScanner`, :class:`XmlFileSource`...).
            is_external: the "exposed externally" flag (False for ``--internal``).
            mapping_path: the mapping file.

        Raises:
            ConfigError: bad IP, name or server id; a malformed mapping; nmap missing (NmapNotFoundError).
            MappingLockedError: another run holds the lock.
            NmapScanError: nmap failed, or its report has no up host at ``ip``.
            APIError: the API refused or failed.
        """
        return add_ip(
            self._profile,
            ip,
            name,
            server_id,
            source=source,
            is_external=is_external,
            mapping_path=mapping_path,
        )

    @workflow
    def update(
        self,
        *,
        source: NmapSource,
        mapping_path: MappingPath | None = None,
        progress: Progress | None = None,
        parallel: int = 1,
    ) -> Program[JobResult]:
        """Re-scan every IP of the mapping file and bring each result's CVE list up to date.

        Each IP is scanned once, even when it feeds several results. A failing IP (nmap error, host
        down, result deleted, API error) is recorded and the others go on; only a missing nmap binary
        and a rejected token stop the run. The mapping file is not rewritten.

        Args:
            source: where each IP's Nmap XML comes from.
            mapping_path: the mapping file.
            progress: called with each outcome as soon as it is known (in completion order).
            parallel: how many scans may run at once (default 1: one after another).

        Raises:
            ConfigError: no mapping file, a malformed line, or nmap missing (NmapNotFoundError).
            MappingLockedError: another run holds the lock.
            AuthenticationError: the API token was refused.
        """
        return update_all(
            self._profile,
            source=source,
            mapping_path=mapping_path,
            progress=progress,
            parallel=parallel,
        )


class NmapJob(SyncNamespace, NmapJobMethods):
    """Scan IPs with nmap and keep one external scan result per IP and server (``client.nmap``).

    The mapping file (default ``$FUTUREVULS_NMAP_MAPPING`` or ``./ip_and_id_mapping.txt``) records
    ``IP,result_id,server_id`` lines; see :mod:`futurevuls_ext.nmap_job` for the guarantees (atomic
    writes, one run at a time, an outage never empties a result).
    """


class AsyncNmapJob(AsyncNamespace, NmapJobMethods):
    """``async_client.nmap``: the methods of :class:`NmapJob`, awaited (scans run in worker threads)."""
