"""Checking responses: status-to-error mapping, error messages (reference §1.5), JSON decoding."""

from __future__ import annotations

import json
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

__all__ = ["checked_json", "error_message", "read_json", "request_id", "status_error"]

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


def _body(response: httpx.Response) -> object:
    try:
        return response.json()
    except (ValueError, UnicodeDecodeError):
        return response.text


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
    message = error_message(body, response)
    if cls is RateLimitError:
        return RateLimitError(message, retry_after=retry_after, **kwargs)
    return cls(message, **kwargs)


def read_json(response: httpx.Response) -> Any:
    """Decode a 2xx body: None for an empty body, else the JSON value.

    Raises:
        ResponseValidationError: when the body is not valid JSON.
    """
    if not response.content.strip():
        return None
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ResponseValidationError(
            "the API answered with a body that is not valid JSON",
            errors=[f"{exc} (first bytes: {response.content[:80]!r})"],
            method=response.request.method,
            url=str(response.request.url),
        ) from None


def checked_json(response: httpx.Response) -> Any:
    """The decoded body of a 2xx response; raises the matching :class:`APIStatusError` otherwise."""
    if not response.is_success:
        raise status_error(response)
    return read_json(response)
