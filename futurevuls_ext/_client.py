"""The synchronous client."""

from __future__ import annotations

from types import TracebackType

import httpx

from ._client_base import DEFAULT_BASE_URL, HEALTH_CALL, ClientSettings
from ._shells import SyncShell
from .profile import ApiProfile

__all__ = ["Client"]


class Client:
    """Synchronous FutureVuls client.

    Args:
        api_token: the group token; defaults to the ``FUTUREVULS_API_TOKEN`` environment variable. A missing
            token raises :class:`ConfigError` at the first call that needs one (``health()`` needs none).
        base_url: API root, ``https://rest.vuls.biz`` by default. Plain http is refused unless the host is
            loopback or ``allow_insecure_http=True``.
        timeout: seconds per request.
        max_retries: retries of 429/502/503/504, connection errors and timeouts (idempotent requests only).
        transport: an ``httpx.BaseTransport`` to use instead of the network (tests, proxies).
        profile: the :class:`ApiProfile` for unconfirmed routes; defaults to ``FUTUREVULS_API_PROFILE`` or the
            built-in proposals.
        allow_insecure_http: permit plain http to a non-loopback host (the token would travel unencrypted).

    Example:
        >>> with Client(api_token="...") as client:  # doctest: +SKIP
        ...     for server in client.servers.list():
        ...         print(server.server_name)
    """

    def __init__(
        self,
        api_token: str | None = None,
        *,
        base_url: str | httpx.URL = DEFAULT_BASE_URL,
        timeout: float = 30.0,
        max_retries: int = 3,
        transport: httpx.BaseTransport | None = None,
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
        http = httpx.Client(transport=transport, **self._settings.http_options())
        self._shell = SyncShell(self._settings.config, http, self._settings.converter, self._settings.policy)

    @property
    def profile(self) -> ApiProfile:
        """The :class:`ApiProfile` this client builds unconfirmed requests from."""
        return self._settings.profile

    def health(self) -> bool:
        """True when ``GET /health`` answers ``true``. Needs no token."""
        return self._shell.call(HEALTH_CALL)

    def close(self) -> None:
        """Close the underlying HTTP connections."""
        self._shell.http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return self._settings.describe(type(self).__name__)

    # --- resource namespaces (one line each; logic lives in futurevuls_ext.resources) ---
