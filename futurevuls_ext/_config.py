"""Client configuration: token resolution, base URL checks, and the redacted token holder."""

from __future__ import annotations

import ipaddress
import os
import re
from typing import Final

import httpx
from attrs import field, frozen

from ._core.body import DEFAULT_MAX_RESPONSE_BYTES, check_max_response_bytes
from ._core.paging import DEFAULT_MAX_PAGES
from ._exceptions import ConfigError
from ._version import __version__
from ._wording import INSECURE_HTTP, NO_TOKEN, TOKEN_CHARACTERS
from .profile import ApiProfile

__all__ = [
    "BASE_URL_ENV_VAR",
    "DEFAULT_BASE_URL",
    "TOKEN_ENV_VAR",
    "USER_AGENT",
    "ClientConfig",
    "Secret",
    "make_config",
    "shown_url",
]

DEFAULT_BASE_URL: Final = "https://rest.vuls.biz"
BASE_URL_ENV_VAR: Final = "FUTUREVULS_BASE_URL"
TOKEN_ENV_VAR: Final = "FUTUREVULS_API_TOKEN"  # noqa: S105 - a variable name, not a secret
USER_AGENT: Final = f"futurevuls-ext/{__version__}"


class Secret:
    """Holds the API token so that ``repr``, ``str`` and f-strings never show it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The token itself; only the request builder calls this."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@frozen(kw_only=True)
class ClientConfig:
    """Everything a client needs to build requests; immutable and safe to print."""

    api_token: Secret | None = field(repr=lambda s: "None" if s is None else "'***'")
    base_url: httpx.URL
    timeout: float
    max_retries: int
    profile: ApiProfile
    user_agent: str = USER_AGENT
    max_pages: int = DEFAULT_MAX_PAGES
    """Page cap of one listing: asking for a page beyond it raises ``PagingError``."""
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES

    def require_token(self) -> str:
        """The token, or :class:`ConfigError` saying how to provide one."""
        if self.api_token is None:
            raise ConfigError(f"no FutureVuls API token: {NO_TOKEN.python}")
        return self.api_token.reveal()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


_USERINFO: Final = re.compile(r"(?<=//)[^/?#@]*@")


def shown_url(base_url: str | httpx.URL) -> str:
    """``base_url`` as it may appear in a message: any ``user:password@`` replaced by ``***@``."""
    return _USERINFO.sub("***@", str(base_url))


def check_base_url(base_url: str | httpx.URL, *, allow_insecure_http: bool) -> httpx.URL:
    """Validate the base URL: https, or plain http only for loopback or when explicitly allowed.

    A URL with credentials (``http://user:password@host``) is refused: httpx would send them as Basic
    auth in place of the token, and they would show in reprs and errors. Messages never echo them.
    """
    shown = shown_url(base_url)
    try:
        url = httpx.URL(str(base_url))
    except httpx.InvalidURL as exc:
        raise ConfigError(f"base_url {shown!r} is not a valid URL: {shown_url(str(exc))}") from None
    if url.userinfo or _USERINFO.search(str(base_url)):
        raise ConfigError(
            f"base_url {shown!r} contains a user name or password; FutureVuls authenticates with the API "
            f"token only: remove the credentials from the URL (and pass the token as api_token= or "
            f"{TOKEN_ENV_VAR})"
        )
    if url.scheme not in {"http", "https"} or not url.host:
        raise ConfigError(f"base_url {shown!r} must be an http(s) URL with a host")
    if url.scheme == "http" and not (allow_insecure_http or _is_loopback(url.host)):
        raise ConfigError(
            f"base_url {shown!r} uses plain http to a non-loopback host, which would send the token "
            f"unencrypted; {INSECURE_HTTP.python}"
        )
    return url


def _checked_token(token: str | None) -> Secret | None:
    """The token as a :class:`Secret`, or None when empty; refuses what cannot go in a header.

    A token with a newline, NUL or non-ASCII character (a pasted file, a stray character) would break
    the request and end up quoted in transport errors, so it is refused without being echoed.
    """
    if token is None or not token.strip():
        return None
    value = token.strip()
    if not all(" " < ch < "\x7f" for ch in value):
        raise ConfigError(
            "the API token contains characters that cannot be sent in an HTTP header (whitespace, "
            f"control or non-ASCII characters); {TOKEN_CHARACTERS.python}"
        )
    return Secret(value)


def make_config(
    api_token: str | None,
    *,
    base_url: str | httpx.URL | None,
    timeout: float,
    max_retries: int,
    profile: ApiProfile | None,
    allow_insecure_http: bool,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
) -> ClientConfig:
    """Resolve the token (argument, else environment) and profile (argument, else environment)."""
    token = api_token if api_token is not None else os.environ.get(TOKEN_ENV_VAR)
    if base_url is None:
        base_url = os.environ.get(BASE_URL_ENV_VAR) or DEFAULT_BASE_URL
    if max_retries < 0:
        raise ConfigError(f"max_retries must be >= 0, got {max_retries}")
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0 < timeout < float("inf"):
        raise ConfigError(f"timeout must be a finite number of seconds > 0, got {timeout!r}")
    if isinstance(max_pages, bool) or not isinstance(max_pages, int) or max_pages < 1:
        raise ConfigError(f"max_pages must be a whole number >= 1, got {max_pages!r}")
    return ClientConfig(
        api_token=_checked_token(token),
        base_url=check_base_url(base_url, allow_insecure_http=allow_insecure_http),
        timeout=timeout,
        max_retries=max_retries,
        profile=profile if profile is not None else ApiProfile.from_env(),
        max_pages=max_pages,
        max_response_bytes=check_max_response_bytes(max_response_bytes),
    )
