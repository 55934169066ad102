"""The asynchronous client: the same design as :class:`futurevuls_ext.Client`, awaited."""

from __future__ import annotations

from types import TracebackType

import httpx

from ._client_base import DEFAULT_BASE_URL, HEALTH_CALL, ClientSettings
from ._shells import AsyncShell
from .profile import ApiProfile

__all__ = ["AsyncClient"]


class AsyncClient:
    """Asynchronous FutureVuls client; the constructor is :class:`Client`'s.

    Methods returning one thing are awaited; list methods return an async iterator directly
    (``async for s in client.servers.list(): ...``).
    """

    def __init__(
        self,
        api_token: str | None = None,
        *,
        base_url: str | httpx.URL = DEFAULT_BASE_URL,
        timeout: float = 30.0,
        max_retries: int = 3,
        transport: httpx.AsyncBaseTransport | None = None,
        profile: ApiProfile | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        self._settings = ClientSettings(
            api_token,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            profile=profile,
            allow_insecure_http=allow_insecure_http,
        )
        http = httpx.AsyncClient(transport=transport, **self._settings.http_options())
        self._shell = AsyncShell(self._settings.config, http, self._settings.converter, self._settings.policy)

    @property
    def profile(self) -> ApiProfile:
        """The :class:`ApiProfile` this client builds unconfirmed requests from."""
        return self._settings.profile

    async def health(self) -> bool:
        """True when ``GET /health`` answers ``true``. Needs no token."""
        return await self._shell.call(HEALTH_CALL)

    async def aclose(self) -> None:
        """Close the underlying HTTP connections."""
        await self._shell.http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return self._settings.describe(type(self).__name__)

    # --- resource namespaces (one line each; logic lives in futurevuls_ext.resources) ---
