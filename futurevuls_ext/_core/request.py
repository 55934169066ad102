"""Describing an API request (``ApiRequest``) and turning it into an ``httpx.Request``."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json as jsonlib
import weakref
from collections.abc import Iterable, Mapping
from typing import Any, Final
from urllib.parse import quote, urlencode

import httpx
from attrs import frozen

from .._config import ClientConfig
from .body import ACCEPT_ENCODING

__all__ = ["IDEMPOTENT_METHODS", "ApiRequest", "build_request", "encode_json", "expand_path", "query"]

IDEMPOTENT_METHODS: Final = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})

QueryValue = str | int | float | bool | enum.Enum | dt.date | None


@frozen(kw_only=True)
class ApiRequest:
    """One API call, before it meets the network.

    Attributes:
        method: HTTP method.
        path: path below the base URL, already expanded (``/v1/server/12``).
        params: query pairs, repeated keys allowed (``filterStatus=new&filterStatus=ongoing``).
        json: JSON body, or None for no body.
        needs_auth: whether the ``Authorization`` header is required (``/health`` does not need it).
        retry_safe: whether resending after a failure is safe; None means "if the method is idempotent".
    """

    method: str
    path: str
    params: tuple[tuple[str, str], ...] = ()
    json: Any = None
    needs_auth: bool = True
    retry_safe: bool | None = None

    @property
    def idempotent(self) -> bool:
        """True when the request may be sent again after a failure."""
        if self.retry_safe is not None:
            return self.retry_safe
        return self.method.upper() in IDEMPOTENT_METHODS


def _format_value(value: str | int | float | bool | enum.Enum | dt.date) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def query(**params: QueryValue | Iterable[QueryValue]) -> tuple[tuple[str, str], ...]:
    """Build query pairs: None is dropped, a list or tuple repeats the key (reference §1.7).

    >>> query(filterStatus=["new", "ongoing"], page=1, filterCveID=None)
    (('filterStatus', 'new'), ('filterStatus', 'ongoing'), ('page', '1'))
    """
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, list | tuple | set | frozenset):
            pairs.extend((key, _format_value(item)) for item in value if item is not None)
        else:
            pairs.append((key, _format_value(value)))  # type: ignore[arg-type]
    return tuple(pairs)


def expand_path(template: str, values: Mapping[str, object]) -> str:
    """Fill ``{name}`` placeholders of a route template, URL-quoting each value.

    >>> expand_path("/v1/cve/{cveID}", {"cveID": "CVE-2024-1"})
    '/v1/cve/CVE-2024-1'
    """
    quoted = {key: quote(str(value), safe="") for key, value in values.items()}
    try:
        return template.format_map(quoted)
    except KeyError as exc:
        raise ValueError(f"route {template!r} needs a value for {exc.args[0]!r}") from None


def build_request(config: ClientConfig, request: ApiRequest) -> httpx.Request:
    """Turn an :class:`ApiRequest` into an ``httpx.Request`` with URL, headers and body.

    Raises:
        ConfigError: when the request needs a token and none is configured.
    """
    token = config.require_token() if request.needs_auth else None
    # One URL string, parsed once by httpx (copy_with + params= parsed it three times: ~0.2 ms a request,
    # a third of the SDK's own CPU per imported host). The query is encoded as httpx encodes params=.
    url = _url_prefix(config.base_url) + request.path
    if request.params:
        url += "?" + urlencode(request.params)
    if request.json is None:
        return httpx.Request(request.method, _parsed(url), headers=_headers(config, token))
    # A JSON body: encoded here as httpx encodes json= (compact, UTF-8, NaN refused), its headers given
    # complete with the stream, so httpx neither encodes nor re-normalises every header again (that was
    # two thirds of the cost of a create's request).
    body = encode_json(request.json)
    headers = _body_headers(config, token, len(body))
    built = httpx.Request(request.method, _parsed(url), headers=headers, stream=httpx.ByteStream(body))
    built.read()  # as with json=: ``request.content`` is there
    return built


def encode_json(value: Any) -> bytes:
    """A request's JSON body, as httpx encodes ``json=``: compact, UTF-8, ``NaN`` and infinities refused.

    >>> encode_json({"name": "nessus", "cveIDs": ["CVE-2024-1"], "ok": True})
    b'{"name":"nessus","cveIDs":["CVE-2024-1"],"ok":true}'
    """
    return jsonlib.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


_HeaderKey = str | None | tuple[str | None, int]
"""A token (or None) for the headers of body-less requests; (token, body length) for JSON bodies."""
_HEADERS: dict[int, tuple[weakref.ref[ClientConfig], dict[_HeaderKey, httpx.Headers]]] = {}
_MAX_BODY_HEADERS: Final = 256
"""Most ``(token, body length)`` header sets kept per config (then they are built again from scratch)."""


def _built_for(config: ClientConfig) -> dict[_HeaderKey, httpx.Headers]:
    """The headers built for ``config`` so far, found by identity.

    Not a ``WeakKeyDictionary``: that hashes the config (its profile, every field) and compares it on
    every request. The entry goes with the config (a weak reference's callback), so a closed client's
    token is not held here, and a new config at a reused ``id`` never finds another's entry.
    """
    key = id(config)
    entry = _HEADERS.get(key)
    if entry is None or entry[0]() is not config:

        def forget(ref: weakref.ref[ClientConfig]) -> None:
            if _HEADERS.get(key, (None,))[0] is ref:
                del _HEADERS[key]

        entry = (weakref.ref(config, forget), {})
        _HEADERS[key] = entry
    return entry[1]


def _headers(config: ClientConfig, token: str | None) -> httpx.Headers:
    """The request headers of ``config`` (with ``Authorization: token`` unless None), built once.

    httpx copies a ``Headers`` object as it is, where a dict is normalised header by header and a
    ``Host`` header derived again for every request: half the cost of building a request. Kept only
    as long as the config itself, so a closed client's token is not held here.
    """
    built = _built_for(config)
    headers = built.get(token)
    if headers is None:
        # Accept-Encoding: exactly what the shells' body reader undoes (see _core/body.py)
        pairs = [
            ("Host", config.base_url.netloc.decode("ascii")),
            ("Accept", "application/json"),
            ("Accept-Encoding", ACCEPT_ENCODING),
            ("User-Agent", config.user_agent),
        ]
        if token is not None:
            pairs.append(("Authorization", token))
        headers = built[token] = httpx.Headers(pairs)
    return headers


def _body_headers(config: ClientConfig, token: str | None, length: int) -> httpx.Headers:
    """:func:`_headers` plus ``Content-Length: length`` and ``Content-Type: application/json``.

    In the order httpx adds them for ``json=``. Kept per body length: an import's creates have a few
    lengths between them, and httpx copies a ``Headers`` object as it is.
    """
    built = _built_for(config)
    key = (token, length)
    headers = built.get(key)
    if headers is None:
        if len(built) > _MAX_BODY_HEADERS:
            for stale in [k for k in built if isinstance(k, tuple)]:
                del built[stale]
        pairs = [
            *_headers(config, token).raw,
            (b"Content-Length", str(length).encode("ascii")),
            (b"Content-Type", b"application/json"),
        ]
        headers = built[key] = httpx.Headers(pairs)
    return headers


@functools.lru_cache(maxsize=256)
def _parsed(url: str) -> httpx.URL:
    """``httpx.URL(url)``, parsed once per distinct URL (immutable, so shared).

    Every create of an import goes to the same URL.
    """
    return httpx.URL(url)


@functools.lru_cache(maxsize=32)
def _url_prefix(base_url: httpx.URL) -> str:
    """The base URL without query, fragment or trailing slash, to which a route path is appended."""
    return str(base_url.copy_with(query=None, fragment=None)).rstrip("/")
