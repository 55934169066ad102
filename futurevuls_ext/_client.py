"""The synchronous client."""

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
from ._drivers import SyncDriver
from ._shells import SyncShell
from ._trace import TraceTarget
from ._transport import SyncHttpBackend, make_sync_http
from ._workflow import SyncNamespace
from .profile import ApiProfile

if TYPE_CHECKING:
    from .exposure import Exposure
    from .nmap_job import NmapJob
    from .triage import Triage

__all__ = ["Client"]


class Client(SyncNamespace, ClientResources, ClientWorkflows):
    """Synchronous FutureVuls client.

    Args:
        api_token: the group token; defaults to the ``FUTUREVULS_API_TOKEN`` environment variable. A missing
            token raises :class:`ConfigError` at the first call that needs one (``health()`` needs none).
        base_url: API root; defaults to ``$FUTUREVULS_BASE_URL``, else ``https://rest.vuls.biz``. Plain
            http is refused unless the host is loopback or ``allow_insecure_http=True``, and never goes
            through a proxy from the environment; a URL with ``user:password@`` is refused.
        timeout: seconds one attempt may take end to end: connecting, sending the request and receiving
            the whole answer, however slowly the server sends it (:class:`APITimeoutError` when over).
            Each retry is a new attempt with a new ``timeout``, after its backoff.
        max_retries: retries of 429/502/503/504, connection errors and timeouts (default 3). GET, PUT and
            DELETE are retried on all of these; a POST only on 429 or a refused connection (never after
            the API may have acted on it).
        retry: a whole :class:`RetryPolicy` instead (statuses, backoff, the longest ``Retry-After`` to
            wait); give either ``retry`` or ``max_retries``.
        max_pages: page cap of one listing (default 10,000): a listing that would go past it, a page
            that repeats the previous one, or an answer for another page raises :class:`PagingError`.
        transport: an ``httpx.BaseTransport`` to use instead of the network (tests, proxies); used as is.
        http_backend: ``"auto"`` (default) or ``"stdlib"`` sends through the standard library's
            ``http.client`` (about a third of the CPU per request of httpx's own transport, which is what
            bounds a threaded import); ``"httpx"`` through httpx's own transport (httpcore). A proxy
            (``HTTPS_PROXY`` and the like) is always reached through httpx's own. Leave it ``"auto"``
            when passing ``transport=``. ``repr(client)`` and :attr:`transport_name` say which is in use.
        profile: the :class:`ApiProfile` for unconfirmed routes; defaults to ``FUTUREVULS_API_PROFILE`` or the
            built-in proposals.
        allow_insecure_http: permit plain http to a non-loopback host (the token would travel unencrypted).
        trace: a path (appended to) or a writable text stream: one JSON line per HTTP attempt (method,
            path and query, status, bodies cut at 8 KiB, elapsed ms, attempt, retry decision), the token
            masked everywhere. Attach it to a bug report. An unwritable path is a :class:`ConfigError` here.
        max_response_bytes: most bytes of one answer, counted after decompression (default 64 MiB); a
            larger answer raises :class:`ResponseTooLargeError` as soon as it grows past the limit.
        strict_responses: decode answers strictly: a key the spec marks required but the answer lacks, an
            unknown key, or a value of another JSON type raises :class:`ResponseValidationError`. The
            default (None: False, unless inside :func:`futurevuls_ext.testing.strict_responses`) is
            tolerant: missing keys read as None or an empty collection, unknown keys are kept in each
            model's ``extra``, and only lossless coercions (``"12"`` -> 12) are made.

    Example:
        >>> with Client(api_token="...") as client:  # doctest: +SKIP
        ...     for server in client.servers.list():
        ...         print(server.server_name)
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
        transport: httpx.BaseTransport | None = None,
        profile: ApiProfile | None = None,
        allow_insecure_http: bool = False,
        strict_responses: bool | None = None,
        trace: TraceTarget | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        http_backend: SyncHttpBackend = "auto",
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
        http, self._transport_name = make_sync_http(http_backend, transport, self._settings.http_options())
        self._shell = SyncShell(
            self._settings.config,
            http,
            self._settings.converter,
            self._settings.policy,
            tracer=self._settings.tracer,
        )
        SyncNamespace.__init__(
            self, SyncDriver(self._shell, self._settings.profile)
        )  # the workflows' one way in

    @property
    def profile(self) -> ApiProfile:
        """The :class:`ApiProfile` this client builds unconfirmed requests from."""
        return self._settings.profile

    @property
    def transport_name(self) -> str:
        """The transport requests go through: ``"stdlib"``, ``"httpx"``, or the given transport's class."""
        return self._transport_name

    def health(self) -> bool:
        """True when ``GET /health`` answers ``true``. Needs no token."""
        return self._shell.call(HEALTH_CALL)

    def close(self) -> None:
        """Close the underlying HTTP connections (and the trace file the client opened)."""
        self._shell.http.close()
        if self._settings.tracer is not None:
            self._settings.tracer.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return self._settings.describe(type(self).__name__, self._transport_name)

    # --- workflow namespaces (logic in their packages; they reach the client only through the runner) ---
    @functools.cached_property
    def exposure(self) -> Exposure:
        """SSVC exposure from evidence: ``plan``, ``what_if``, ``apply``, ``revert``."""
        from .exposure import Exposure

        return Exposure(self._runner)

    @functools.cached_property
    def triage(self) -> Triage:
        """Triage: ``drill``, ``queue``, ``bulk_update``."""
        from .triage import Triage

        return Triage(self._runner)

    @functools.cached_property
    def nmap(self) -> NmapJob:
        """The article's Nmap job: ``add``, ``update``."""
        from .nmap_job import NmapJob

        return NmapJob(self._runner)
