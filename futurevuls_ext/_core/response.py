"""Checking responses: status-to-error mapping, error messages (reference §1.5), JSON decoding."""

from __future__ import annotations

import json
import math
from typing import Any, Final

import httpx

from .._exceptions import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    UnprocessableEntityError,
)

__all__ = ["checked_json", "error_message", "loads", "read_json", "request_id", "status_error"]

_STATUS_CLASSES: Final[dict[int, type[APIStatusError]]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}
_MAX_TEXT: Final = 500


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number {text[:40]} is out of range")
    return value


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def loads(data: bytes | str) -> Any:
    """Decode JSON as the API may send it: RFC 8259 only.

    ``NaN``, ``Infinity`` and numbers out of float range (``1e999``) are refused, and so is nesting deeper
    than the interpreter can decode: every failure is a :class:`ValueError`, never ``RecursionError``.
    """
    # json.loads(data, parse_float=..., parse_constant=...) with one decoder built once: json.loads
    # builds a new decoder (and its scanner) for every call given hooks
    if isinstance(data, bytes | bytearray):
        data = data.decode(json.detect_encoding(data), "surrogatepass")
    if data.startswith("\ufeff"):
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", data, 0)
    try:
        return _DECODER.decode(data)
    except RecursionError:
        raise ValueError("the JSON is nested too deeply") from None


_DECODER: Final = json.JSONDecoder(parse_float=_finite, parse_constant=_constant)
"""What :func:`loads` decodes with (it keeps no state between calls, as ``json``'s own default)."""


def _body(response: httpx.Response) -> object:
    try:
        return loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return response.text


def _printable(text: str) -> str:
    """``text`` without lone surrogates (a JSON escape of half a UTF-16 pair), which no terminal prints."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def error_message(body: object, response: httpx.Response) -> str:
    """The message of an error body: ``message``, else ``error.message``, else ``error``, else the text."""
    if isinstance(body, dict):
        if isinstance(body.get("message"), str) and body["message"]:
            return str(body["message"])
        error = body.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return str(error["message"])
        if isinstance(error, str) and error:
            return error
    if isinstance(body, str) and body.strip():
        return body.strip()[:_MAX_TEXT]
    return response.reason_phrase or f"HTTP {response.status_code}"


def request_id(body: object, response: httpx.Response) -> str | None:
    """The goa error ``id`` of the body, else an ``X-Request-Id`` style header."""
    if isinstance(body, dict) and isinstance(body.get("id"), str):
        return str(body["id"])
    for header in ("x-request-id", "x-amzn-requestid", "x-amz-request-id"):
        if header in response.headers:
            return response.headers[header]
    return None


def status_error(response: httpx.Response, *, retry_after: float | None = None) -> APIStatusError:
    """Build the :class:`APIStatusError` subclass for a non-2xx response."""
    body = _body(response)
    code = response.status_code
    cls = _STATUS_CLASSES.get(code, ServerError if code >= 500 else APIStatusError)
    kwargs: dict[str, Any] = {
        "status_code": code,
        "body": body,
        "request_id": request_id(body, response),
        "method": response.request.method,
        "url": str(response.request.url),
    }
    message = _printable(error_message(body, response))
    if cls is RateLimitError:
        return RateLimitError(message, retry_after=retry_after, **kwargs)
    return cls(message, **kwargs)


def read_json(response: httpx.Response) -> Any:
    """Decode a 2xx body: None for an empty body, else the JSON value.

    Raises:
        ResponseValidationError: when the body is not valid JSON (including ``NaN``, ``1e999`` and
            hostile nesting).
    """
    if not response.content.strip():
        return None
    try:
        return loads(response.content)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ResponseValidationError(
            f"the API's HTTP {response.status_code} answer is not valid JSON",
            errors=[f"{exc} (first bytes: {response.content[:80]!r})"],
            method=response.request.method,
            url=str(response.request.url),
        ) from None


def checked_json(response: httpx.Response) -> Any:
    """The decoded body of a 2xx response; raises the matching :class:`APIStatusError` otherwise."""
    if not response.is_success:
        raise status_error(response)
    return read_json(response)
