"""The asynchronous client: the same design as :class:`futurevuls_ext.Client`, awaited."""

from __future__ import annotations

import functools
from types import TracebackType
from typing import TYPE_CHECKING

import httpx

from ._client_base import HEALTH_CALL, ClientResources, ClientSettings
from ._client_workflows import ClientWorkflows
from ._core.body import DEFAULT_MAX_RESPONSE_BYTES
from ._core.paging import DEFAULT_MAX_PAGES
from ._core.retry import RetryPolicy
from ._drivers import AsyncDriver
from ._shells import AsyncShell
from ._trace import TraceTarget
from ._transport import HttpBackend, make_async_http
from ._workflow import AsyncNamespace
from .profile import ApiProfile

if TYPE_CHECKING:
    from .exposure import AsyncExposure
    from .nmap_job import AsyncNmapJob
    from .triage import AsyncTriage

__all__ = ["AsyncClient"]


class AsyncClient(AsyncNamespace, ClientResources, ClientWorkflows):
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
        AsyncNamespace.__init__(
            self, AsyncDriver(self._shell, self._settings.profile)
        )  # the workflows' one way in

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

    # --- workflow namespaces (logic in their packages; they reach the client only through the runner) ---
    @functools.cached_property
    def exposure(self) -> AsyncExposure:
        """SSVC exposure from evidence: ``plan``, ``what_if``, ``apply``, ``revert``."""
        from .exposure import AsyncExposure

        return AsyncExposure(self._runner)

    @functools.cached_property
    def triage(self) -> AsyncTriage:
        """Triage: ``drill``, ``queue``, ``bulk_update``."""
        from .triage import AsyncTriage

        return AsyncTriage(self._runner)

    @functools.cached_property
    def nmap(self) -> AsyncNmapJob:
        """The article's Nmap job: ``add``, ``update``."""
        from .nmap_job import AsyncNmapJob

        return AsyncNmapJob(self._runner)
