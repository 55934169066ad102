"""The one exception hierarchy of futurevuls_ext.

Every error the SDK raises derives from :class:`FutureVulsError`::

    FutureVulsError
    ├── ConfigError                      missing token, bad base_url, bad profile file
    ├── ClientClosedError                also a RuntimeError: the client was used after close()
    ├── InvalidArgumentError             also a ValueError: a bad argument (enum spelling, date...)
    │   ├── EnumValueError               a task status / priority / ignore-until spelling
    │   └── SsvcValueError               an SSVC value spelling
    ├── APIError                         anything that happened talking to the API
    │   ├── APIConnectionError           no response (DNS, refused, reset)
    │   │   └── APITimeoutError          the request timed out
    │   ├── APIStatusError               a non-2xx answer; carries status_code
    │   │   ├── BadRequestError          400
    │   │   ├── AuthenticationError      401
    │   │   ├── PermissionDeniedError    403
    │   │   ├── NotFoundError            404
    │   │   ├── ConflictError            409
    │   │   ├── UnprocessableEntityError 422
    │   │   ├── RateLimitError           429; carries retry_after
    │   │   └── ServerError              5xx
    │   ├── ResponseValidationError      a body that cannot be decoded or does not fit the model
    │   │   └── PagingError              a listing that does not advance or exceeds the page cap
    │   └── ResponseTooLargeError        a body over max_response_bytes (after decompression)
    └── ParseError                       a scanner report that cannot be read
        └── UnknownFormatError           no parser recognised the report

Messages never contain the API token: requests are described by method and URL only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConfigError",
    "ConflictError",
    "FutureVulsError",
    "InvalidArgumentError",
    "NotFoundError",
    "PagingError",
    "ParseError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "ServerError",
    "UnknownFormatError",
    "UnknownOptionError",
    "UnprocessableEntityError",
]


class FutureVulsError(Exception):
    """Root of every error raised by futurevuls_ext."""


class ConfigError(FutureVulsError):
    """The client or a command was configured wrongly (missing token, bad URL, bad profile)."""


class ClientClosedError(FutureVulsError, RuntimeError):
    """The client was used after ``close()`` (or after its ``with`` block ended); create a new one."""


def closed_message(cls_name: str, close: str) -> str:
    """The message of :class:`ClientClosedError` for a ``cls_name`` closed by ``close``."""
    return (
        f"this {cls_name} is closed ({close} was called, or its 'with' block ended); "
        f"create a new {cls_name} to send more requests"
    )


class InvalidArgumentError(FutureVulsError, ValueError):
    """An argument cannot be used (unknown enum spelling, bad date, unknown CPE form...).

    It is also a :class:`ValueError`; the message names the argument and what is expected.
    """


class UnknownOptionError(InvalidArgumentError, TypeError):
    """A keyword argument the method does not take; the message names the closest one.

    It is also a :class:`TypeError`, what Python raises for an unexpected keyword argument.
    """


class APIError(FutureVulsError):
    """Something went wrong while talking to the FutureVuls API.

    Attributes:
        method: HTTP method of the failed request.
        url: URL of the failed request (never contains the token; it travels in a header).
    """

    def __init__(self, message: str, *, method: str = "", url: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = url


class APIConnectionError(APIError):
    """No response was received: the connection failed or was dropped."""


class APITimeoutError(APIConnectionError):
    """The request timed out. Raise ``timeout=`` on the client if the API is slow."""


class APIStatusError(APIError):
    """The API answered with a non-2xx status.

    Attributes:
        status_code: the HTTP status code.
        body: the decoded JSON body, or the raw text when it was not JSON.
        request_id: the error id of a goa-style error body, or a request-id header, if any.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        body: object = None,
        request_id: str | None = None,
        method: str = "",
        url: str = "",
    ) -> None:
        super().__init__(message, method=method, url=url)
        self.status_code = status_code
        self.body = body
        self.request_id = request_id

    def __str__(self) -> str:
        where = f" ({self.method} {self.url})" if self.method else ""
        rid = f" [request id {self.request_id}]" if self.request_id else ""
        return f"{self.status_code}: {self.message}{where}{rid}"


class BadRequestError(APIStatusError):
    """400: the API rejected the request's parameters or body."""


class AuthenticationError(APIStatusError):
    """401: the token is missing, wrong or disabled. Check FUTUREVULS_API_TOKEN."""


class PermissionDeniedError(APIStatusError):
    """403: the token lacks the permission this call needs (read, update or group settings)."""


class NotFoundError(APIStatusError):
    """404: the object or route does not exist (for unconfirmed routes, check the ApiProfile)."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the current state."""


class UnprocessableEntityError(APIStatusError):
    """422: the request was well-formed but semantically invalid."""


class RateLimitError(APIStatusError):
    """429: too many requests.

    Attributes:
        retry_after: seconds the server asked us to wait, when it said so.
    """

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(APIStatusError):
    """5xx: the API failed. Retried automatically for idempotent requests."""


class ResponseValidationError(APIError):
    """A 2xx response whose body does not fit the expected model.

    Attributes:
        errors: readable messages with JSONPath-style locations, e.g.
            ``"invalid value for type, expected int @ $.servers[0].id"``.
    """

    def __init__(self, message: str, *, errors: Sequence[str] = (), method: str = "", url: str = "") -> None:
        details = "; ".join(errors)
        super().__init__(f"{message}: {details}" if details else message, method=method, url=url)
        self.errors = list(errors)


class PagingError(ResponseValidationError):
    """A listing whose pages do not advance, or that passed the client's page cap (``max_pages``).

    The pages do not advance when a page repeats the previous one or the answer is for another page
    than the one asked for (a server that ignores ``page=``).

    Attributes:
        page: the page number requested when the listing stopped.
    """

    def __init__(self, message: str, *, page: int, method: str = "", url: str = "") -> None:
        super().__init__(message, method=method, url=url)
        self.page = page


class ResponseTooLargeError(APIError):
    """The API's answer grew past the client's ``max_response_bytes`` (counted after decompression).

    Reading stopped there, so a huge or decompression-bomb answer never fills the memory.

    Attributes:
        limit: the ``max_response_bytes`` in force.
        status_code: the status of the oversized answer.
        declared: the ``Content-Length`` when that alone was over the limit, else None.
    """

    def __init__(
        self, *, limit: int, status_code: int, declared: int | None = None, method: str = "", url: str = ""
    ) -> None:
        size = f"declares {declared} bytes, more" if declared is not None else "is larger"
        where = f" to {method} {url}" if method else ""
        super().__init__(
            f"the API's HTTP {status_code} answer{where} {size} than max_response_bytes={limit} "
            f"({limit / 1048576:g} MiB, counted after decompression); pass a larger max_response_bytes= "
            "to the client if such an answer is expected",
            method=method,
            url=url,
        )
        self.limit = limit
        self.status_code = status_code
        self.declared = declared


class ParseError(FutureVulsError):
    """A scanner report could not be read.

    Attributes:
        source: the file name (or ``"<stream>"``) being parsed.
        location: where in the file: ``"line 12"``, ``"byte 4096"``, ``"ReportHost[3]"``...
        parser: the parser's name (``"nessus"``, ``"qualys-csv"``...), when known.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        location: str | None = None,
        parser: str | None = None,
    ) -> None:
        self.reason = message
        self.source = source
        self.location = location
        self.parser = parser
        super().__init__(self._render())

    def _render(self) -> str:
        where = ", ".join(p for p in (self.source, self.location) if p)
        who = f"[{self.parser}] " if self.parser else ""
        return f"{who}{where}: {self.reason}" if where else f"{who}{self.reason}"


class UnknownFormatError(ParseError):
    """No parser recognised the report. ``scores`` lists each parser tried and its score.

    Pass ``format=`` to force a parser when detection fails.
    """

    def __init__(
        self,
        message: str,
        *,
        scores: Mapping[str, float] | None = None,
        source: str | None = None,
        location: str | None = None,
        parser: str | None = None,
    ) -> None:
        self.scores = dict(scores or {})
        super().__init__(message, source=source, location=location, parser=parser)
