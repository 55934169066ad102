"""What ``Client`` and ``AsyncClient`` share: construction, configuration and the health call."""

from __future__ import annotations

import hashlib
from typing import Any

import cattrs
import httpx

from . import resources as _r
from ._config import DEFAULT_BASE_URL, ClientConfig, make_config
from ._core.body import DEFAULT_MAX_RESPONSE_BYTES
from ._core.call import Call
from ._core.paging import DEFAULT_MAX_PAGES
from ._core.redact import register_secret
from ._core.request import ApiRequest
from ._core.retry import RetryPolicy
from ._exceptions import ConfigError
from ._serde import default_converter, strict_responses_default
from ._trace import TraceTarget, open_tracer
from ._workflow import namespace
from .profile import ApiProfile

__all__ = ["DEFAULT_BASE_URL", "HEALTH_CALL", "ClientResources", "ClientSettings"]


def _is_true(converter: cattrs.Converter, data: Any) -> bool:
    del converter
    return data is True


HEALTH_CALL: Call[bool] = Call(
    request=ApiRequest(method="GET", path="/health", needs_auth=False), decode=_is_true
)


def retry_policy(retry: RetryPolicy | None, max_retries: int | None) -> RetryPolicy:
    """The client's policy: ``retry`` as given, else the default policy with ``max_retries`` (default 3).

    Raises:
        ConfigError: both are given, or ``retry`` is not a :class:`RetryPolicy`.
    """
    if retry is None:
        if max_retries is not None and (isinstance(max_retries, bool) or not isinstance(max_retries, int)):
            raise ConfigError(f"max_retries must be a whole number >= 0, got {max_retries!r}")
        return RetryPolicy() if max_retries is None else RetryPolicy(max_retries=max_retries)
    if not isinstance(retry, RetryPolicy):
        raise ConfigError(f"retry must be a futurevuls_ext.RetryPolicy, got {type(retry).__name__}")
    if max_retries is not None:
        raise ConfigError(
            "pass either max_retries or retry, not both: "
            f"retry=RetryPolicy(max_retries={max_retries}, ...) sets both"
        )
    return retry


class ClientSettings:
    """Resolved settings of a client: config (token, URL, profile), retry policy, converter."""

    def __init__(
        self,
        api_token: str | None,
        *,
        base_url: str | httpx.URL | None,
        timeout: float,
        max_retries: int | None,
        profile: ApiProfile | None,
        allow_insecure_http: bool,
        strict_responses: bool | None = None,
        retry: RetryPolicy | None = None,
        max_pages: int = DEFAULT_MAX_PAGES,
        trace: TraceTarget | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        self.policy = retry_policy(retry, max_retries)
        self.config: ClientConfig = make_config(
            api_token,
            base_url=base_url,
            timeout=timeout,
            max_retries=self.policy.max_retries,
            profile=profile,
            allow_insecure_http=allow_insecure_http,
            max_pages=max_pages,
            max_response_bytes=max_response_bytes,
        )
        if self.config.api_token is not None:  # masked in log records and CLI output from now on
            register_secret(self.config.api_token.reveal())
        self.strict_responses = strict_responses_default() if strict_responses is None else strict_responses
        self.converter = default_converter(self.config.profile, strict=self.strict_responses)
        token = self.config.api_token
        self.tracer = open_tracer(trace, [token.reveal()] if token is not None else [])

    @property
    def profile(self) -> ApiProfile:
        """The ApiProfile in force."""
        return self.config.profile

    def http_options(self) -> dict[str, Any]:
        """Keyword arguments for ``httpx.Client`` / ``httpx.AsyncClient``."""
        return {
            "timeout": httpx.Timeout(self.config.timeout),
            "follow_redirects": False,
            # Plain http never goes through a proxy (HTTP_PROXY, ALL_PROXY...): the token would travel
            # in clear text to it. https keeps the environment's proxies (the token stays inside TLS).
            "trust_env": self.config.base_url.scheme == "https",
        }

    def group_key(self) -> str:
        """A fingerprint of the token, never the token itself (names the import lock of this group)."""
        token = self.config.api_token.reveal() if self.config.api_token is not None else ""
        return hashlib.sha256(token.encode()).hexdigest()[:16]

    def describe(self, cls_name: str, transport: str) -> str:
        """A repr that never shows the token, naming the transport (``aiohttp``, ``httpx`` or a class)."""
        token = "set" if self.config.api_token is not None else "missing"
        return f"<{cls_name} base_url={str(self.config.base_url)!r} token={token} transport={transport}>"


class ClientResources:
    """The resource namespaces of both clients, written once (logic in :mod:`futurevuls_ext.resources`).

    Each is made on first use: ``Client`` gets the sync class, ``AsyncClient`` the ``Async`` one.
    """

    servers = namespace(
        lambda: (_r.Servers, _r.AsyncServers),
        "Servers: list, get, update, pseudo and paste servers, rescans, tag writes.",
    )
    roles = namespace(
        lambda: (_r.Roles, _r.AsyncRoles), "Roles: list, get, rename and SSVC settings, delete."
    )
    tasks = namespace(
        lambda: (_r.Tasks, _r.AsyncTasks), "Tasks: list with every filter, get, update, ignore, comment."
    )
    cves = namespace(lambda: (_r.Cves, _r.AsyncCves), "CVEs: list and detail.")
    cpes = namespace(
        lambda: (_r.Cpes, _r.AsyncCpes),
        "Packages and CPEs: list, package and CPE detail, add and delete CPEs.",
    )
    lockfiles = namespace(
        lambda: (_r.Lockfiles, _r.AsyncLockfiles), "Lockfiles: list, get, create, update, delete."
    )
    group_set = namespace(
        lambda: (_r.GroupSet, _r.AsyncGroupSet),
        "Read-only group-set endpoints (servers, tasks, cves, cpes) for group-set tokens.",
    )
    external_scans = namespace(
        lambda: (_r.ExternalScans, _r.AsyncExternalScans),
        "External scan results (unconfirmed API; routes and keys from the profile).",
    )
