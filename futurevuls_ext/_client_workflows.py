"""The client-level workflows (``import_report``, ``doctor``), written once for both clients.

``Client`` and ``AsyncClient`` inherit :class:`ClientWorkflows`; each method builds its program and
the client runs it (``Client``) or awaits it (``AsyncClient``), see :mod:`._workflow`. The workflow
packages are imported on first use, so ``import futurevuls_ext`` stays light.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ._client_base import ClientSettings
from ._core.program import Program
from ._workflow import workflow
from .profile import ApiProfile

if TYPE_CHECKING:
    from .doctor import DoctorReport
    from .importer import ImportResult, ReportInputs
    from .importer._options import PruneMode
    from .importer._progress import ProgressArg

__all__ = ["ClientWorkflows"]


class ClientWorkflows:
    """``import_report`` and ``doctor`` of both clients."""

    _settings: ClientSettings
    _profile: ApiProfile
    _transport_name: str

    @workflow
    def doctor(self) -> Program[DoctorReport]:
        """Probe the API read-only (GET only, each once) and report what answered.

        Checks reachability, TLS, proxy, the transport, clock skew and the token, then which candidate
        routes of the unconfirmed API parts exist. ``report.profile`` is the matching :class:`ApiProfile`;
        ``report.profile_toml()`` writes it down. See the "First contact" docs page.
        """
        from .doctor._drive import doctor_program

        return doctor_program(self._settings.config.base_url, self._profile, transport=self._transport_name)

    @workflow
    def import_report(
        self,
        source: ReportInputs,
        *,
        format: str | None = None,
        server_id: int | None = None,
        server_map: Mapping[str, int | str] | None = None,
        create_pseudo_servers: bool = False,
        pseudo_server_tags: Sequence[str] | str = (),
        pseudo_server_role_id: int | None = None,
        name: str | None = None,
        is_external: bool = True,
        prune: bool = False,
        prune_mode: PruneMode = "empty",
        dry_run: bool = False,
        concurrency: int = 8,
        progress: ProgressArg = None,
        rescan: bool = False,
        lock: bool = True,
    ) -> Program[ImportResult]:
        """Import a scanner report as external scan results, one per FutureVuls server and ``name``.

        Each host of the report is resolved to a server: ``server_id`` (all hosts to one server), else
        ``server_map`` (host, IP or hostname -> server id), else a unique match of the server's IPv4 or
        name against the host's addresses and names, else (with ``create_pseudo_servers``) a new pseudo
        server named after the host. Then the result named ``name`` (default: the report format, stable
        across runs) is created, updated when its CVE ids or external flag changed, or left alone.

        Idempotent: a second run with the same report writes nothing; an interrupted run, re-run,
        finishes without duplicates (results are found by server and name; nothing is kept locally).
        A host that fails is recorded in ``ImportResult.failed`` while the others continue. The options
        are checked before the report is read: an unknown one raises :class:`UnknownOptionError`
        naming the closest.

        Args:
            source: a :class:`~futurevuls_ext.parsers.ScanReport`, a path, or a binary stream; or a list
                of them, merged into one report (:func:`~futurevuls_ext.merge_reports`).
            format: force a parser instead of detecting the report's format (``"nessus"``, ``"nmap"``,
                ``"qualys-csv"``, ``"qualys-xml"``, ``"openvas"``, ``"openvas-csv"``, ``"nessus-csv"``,
                ``"burp"``, ``"zap"``...: any name of ``futurevuls_ext.parsers.registry.names()``).
            server_id: attach every host to this server.
            server_map: host, IP or hostname -> server id (see :func:`futurevuls_ext.load_server_map`);
                the way to map public or NAT addresses.
            create_pseudo_servers: create a pseudo server, named after the host, for hosts that match none.
            pseudo_server_tags: tags for new pseudo servers (an unconfirmed route: see the ApiProfile).
            pseudo_server_role_id: role of new pseudo servers.
            name: the external scan result name; default the report format, stable across runs.
            is_external: the results' "exposed externally" flag.
            prune: empty the results of this name on servers the report no longer covers.
            prune_mode: ``"empty"`` or ``"delete"`` for pruned results.
            dry_run: plan only; the result lists what would be written and nothing is.
            concurrency: writes in flight at once: a thread pool for ``Client`` (1 = sequential), tasks
                under a capacity limiter for ``AsyncClient``.
            progress: a callback receiving :class:`~futurevuls_ext.importer.ImportProgress` per write,
                or True for a progress bar.
            rescan: ask FutureVuls to rescan the servers whose results were created or changed, so the
                CVEs show as tasks at once instead of after the next scheduled scan
                (``ImportResult.rescanned``).
            lock: hold a local advisory lock (base URL + result name) so imports on this machine take
                turns (see ``docs/importing.md``). The re-check after each create works either way.

        Returns:
            An :class:`~futurevuls_ext.importer.ImportResult`; every host is in exactly one of its lists.

        Raises:
            ImportInterrupted: Ctrl-C (or cancellation) during the writes; ``partial`` is the result so far.
        """
        from .importer import ImportOptions, ImportTarget, import_program

        options = ImportOptions(
            name=name,
            server_id=server_id,
            server_map=server_map,
            create_pseudo_servers=create_pseudo_servers,
            pseudo_server_tags=pseudo_server_tags,
            pseudo_server_role_id=pseudo_server_role_id,
            is_external=is_external,
            prune=prune,
            prune_mode=prune_mode,
            dry_run=dry_run,
            concurrency=concurrency,
            rescan=rescan,
            lock=lock,
        )
        target = ImportTarget(str(self._settings.config.base_url), self._settings.group_key())
        return import_program(self._profile, target, source, options, format=format, progress=progress)
