"""What ``Client`` and ``AsyncClient`` share: construction, configuration and the health call."""

from __future__ import annotations

from typing import Any

import cattrs
import httpx

from ._config import DEFAULT_BASE_URL, ClientConfig, make_config
from ._core.call import Call
from ._core.redact import register_secret
from ._core.request import ApiRequest
from ._core.retry import RetryPolicy
from ._serde import default_converter, strict_responses_default
from .profile import ApiProfile

__all__ = ["DEFAULT_BASE_URL", "HEALTH_CALL", "ClientSettings"]


def _is_true(converter: cattrs.Converter, data: Any) -> bool:
    del converter
    return data is True


HEALTH_CALL: Call[bool] = Call(
    request=ApiRequest(method="GET", path="/health", needs_auth=False), decode=_is_true
)


class ClientSettings:
    """Resolved settings of a client: config (token, URL, profile), retry policy, converter."""

    def __init__(
        self,
        api_token: str | None,
        *,
        base_url: str | httpx.URL | None,
        timeout: float,
        max_retries: int,
        profile: ApiProfile | None,
        allow_insecure_http: bool,
        strict_responses: bool | None = None,
    ) -> None:
        self.config: ClientConfig = make_config(
            api_token,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            profile=profile,
            allow_insecure_http=allow_insecure_http,
        )
        if self.config.api_token is not None:  # masked in log records and CLI output from now on
            register_secret(self.config.api_token.reveal())
        self.policy = RetryPolicy(max_retries=max_retries)
        self.strict_responses = strict_responses_default() if strict_responses is None else strict_responses
        self.converter = default_converter(self.config.profile, strict=self.strict_responses)

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

    def describe(self, cls_name: str, transport: str) -> str:
        """A repr that never shows the token, naming the transport (``aiohttp``, ``httpx`` or a class)."""
        token = "set" if self.config.api_token is not None else "missing"
        return f"<{cls_name} base_url={str(self.config.base_url)!r} token={token} transport={transport}>"
