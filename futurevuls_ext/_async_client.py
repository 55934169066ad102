"""The asynchronous client: the same design as :class:`futurevuls_ext.Client`, awaited."""

from __future__ import annotations

import functools
from types import TracebackType
from typing import TYPE_CHECKING, Unpack

import httpx

from . import resources as _r
from ._client_base import HEALTH_CALL, ClientSettings
from ._core.body import DEFAULT_MAX_RESPONSE_BYTES
from ._core.paging import DEFAULT_MAX_PAGES
from ._core.retry import RetryPolicy
from ._shells import AsyncShell
from ._trace import TraceTarget
from ._transport import HttpBackend, make_async_http
from .profile import ApiProfile

if TYPE_CHECKING:
    from .doctor import DoctorReport
    from .importer import ImportResult
    from .importer._api import ImportKwargs, ReportSource

__all__ = ["AsyncClient"]


class AsyncClient:
    """Asynchronous FutureVuls client; the constructor is :class:`Client`'s, plus ``http_backend``.

    Methods returning one thing are awaited; list methods return an :class:`AsyncPager` to
    ``async for`` over (``async for s in client.servers.list(): ...``, or ``.iter_pages()``).

    Args:
        http_backend: ``"auto"`` (default) sends through aiohttp when the ``aiohttp`` extra is installed
            (``pip install 'futurevuls-ext[aiohttp]'``; several times less CPU per request) and the loop is
            asyncio, else through httpx's own async transport; ``"aiohttp"`` or ``"httpx"`` choose one
            (``"aiohttp"`` without the extra raises :class:`ConfigError`). Leave it ``"auto"`` when passing
            ``transport=``, which is used as is. ``repr(client)`` and :attr:`transport_name` say which
            transport is in use.
    """

    def __init__(
        self,
        api_token: str | None = None,
        *,
        base_url: str | httpx.URL | None = None,
        timeout: float = 30.0,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        max_pages: int = DEFAULT_MAX_PAGES,
        transport: httpx.AsyncBaseTransport | None = None,
        profile: ApiProfile | None = None,
        allow_insecure_http: bool = False,
        strict_responses: bool | None = None,
        trace: TraceTarget | None = None,
        http_backend: HttpBackend = "auto",
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        self._settings = ClientSettings(
            api_token,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            profile=profile,
            allow_insecure_http=allow_insecure_http,
            strict_responses=strict_responses,
            retry=retry,
            max_pages=max_pages,
            trace=trace,
            max_response_bytes=max_response_bytes,
        )
        http, self._transport_name = make_async_http(http_backend, transport, self._settings.http_options())
        self._shell = AsyncShell(
            self._settings.config,
            http,
            self._settings.converter,
            self._settings.policy,
            tracer=self._settings.tracer,
        )

    @property
    def profile(self) -> ApiProfile:
        """The :class:`ApiProfile` this client builds unconfirmed requests from."""
        return self._settings.profile

    @property
    def transport_name(self) -> str:
        """The transport requests go through: ``"aiohttp"``, ``"httpx"``, or the given transport's class."""
        return self._transport_name

    async def health(self) -> bool:
        """True when ``GET /health`` answers ``true``. Needs no token."""
        return await self._shell.call(HEALTH_CALL)

    async def doctor(self) -> DoctorReport:
        """Probe the API read-only, as :meth:`futurevuls_ext.Client.doctor` does."""
        from .doctor._drive import doctor_async

        return await doctor_async(self._shell, self._settings)

    async def import_report(self, source: ReportSource, **options: Unpack[ImportKwargs]) -> ImportResult:
        """Import a scanner report as external scan results, one per FutureVuls server and ``name``.

        Each host of the report is resolved to a server: ``server_id`` (all hosts to one server), else
        ``server_map`` (host, IP or hostname -> server id), else a unique match of the server's IPv4 or
        name against the host's addresses and names, else (with ``create_pseudo_servers``) a new pseudo
        server named after the host. Then the result named ``name`` (default: the report format, stable
        across runs) is created, updated when its CVE ids or external flag changed, or left alone.

        Idempotent: a second run with the same report writes nothing; an interrupted run, re-run,
        finishes without duplicates (results are found by server and name; nothing is kept locally).
        A host that fails is recorded in ``ImportResult.failed`` while the others continue.

        Args:
            source: a :class:`~futurevuls_ext.parsers.ScanReport`, a path, or a binary stream; or a list
                of them, merged into one report (:func:`~futurevuls_ext.merge_reports`).
            **options: keyword options, typed and documented in
                :class:`~futurevuls_ext.importer.ImportKwargs` (``server_id``, ``server_map``,
                ``create_pseudo_servers``, ``name``, ``is_external``, ``prune``, ``dry_run``,
                ``concurrency``, ``progress``...).

        Returns:
            An :class:`~futurevuls_ext.importer.ImportResult`; every host is in exactly one of its lists.
        """
        from .importer._api import import_report_async

        return await import_report_async(self, source, **options)

    async def aclose(self) -> None:
        """Close the underlying HTTP connections (and the trace file the client opened)."""
        await self._shell.http.aclose()
        if self._settings.tracer is not None:
            self._settings.tracer.close()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return self._settings.describe(type(self).__name__, self._transport_name)

    # --- resource namespaces (one line each; logic lives in futurevuls_ext.resources) ---
    @functools.cached_property
    def servers(self) -> _r.AsyncServers:
        """Servers: list, get, update, pseudo and paste servers, rescans, tag writes."""
        return _r.AsyncServers(self._shell, self.profile)

    @functools.cached_property
    def roles(self) -> _r.AsyncRoles:
        """Roles: list, get, rename and SSVC settings, delete."""
        return _r.AsyncRoles(self._shell, self.profile)

    @functools.cached_property
    def tasks(self) -> _r.AsyncTasks:
        """Tasks: list with every filter, get, update, ignore, comment."""
        return _r.AsyncTasks(self._shell, self.profile)

    @functools.cached_property
    def cves(self) -> _r.AsyncCves:
        """CVEs: list and detail."""
        return _r.AsyncCves(self._shell, self.profile)

    @functools.cached_property
    def cpes(self) -> _r.AsyncCpes:
        """Packages and CPEs: list, package and CPE detail, add and delete CPEs."""
        return _r.AsyncCpes(self._shell, self.profile)

    @functools.cached_property
    def lockfiles(self) -> _r.AsyncLockfiles:
        """Lockfiles: list, get, create, update, delete."""
        return _r.AsyncLockfiles(self._shell, self.profile)

    @functools.cached_property
    def group_set(self) -> _r.AsyncGroupSet:
        """Read-only group-set endpoints (servers, tasks, cves, cpes) for group-set tokens."""
        return _r.AsyncGroupSet(self._shell, self.profile)

    @functools.cached_property
    def external_scans(self) -> _r.AsyncExternalScans:
        """External scan results (unconfirmed API; routes and keys from the profile)."""
        return _r.AsyncExternalScans(self._shell, self.profile)
