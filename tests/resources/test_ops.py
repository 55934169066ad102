"""The pure operation builders, without any transport."""

from __future__ import annotations

from typing import Any

import pytest

from futurevuls_ext import ConfigError
from futurevuls_ext.profile import ApiProfile, ExternalScanProfile
from futurevuls_ext.resources import (
    NOT_GIVEN,
    InvalidArgumentError,
    _cpes_ops,
    _external_scans_ops,
    _servers_ops,
    _tasks_ops,
)
from futurevuls_ext.resources._common import as_date, ids


def test_not_given_is_falsy_and_named() -> None:
    assert not NOT_GIVEN
    assert repr(NOT_GIVEN) == str(NOT_GIVEN) == "NOT_GIVEN"


def test_builders_do_no_io_and_describe_the_request() -> None:
    call = _servers_ops.update(12, name="web")
    assert (call.request.method, call.request.path, call.request.json) == (
        "PUT",
        "/v1/server/12",
        {"serverName": "web"},
    )
    assert call.request.idempotent


def test_posts_are_not_retry_safe() -> None:
    assert not _tasks_ops.comment(1, "x").request.idempotent
    assert not _cpes_ops.add(1, "cpe:/a:b:c").request.idempotent
    assert not _external_scans_ops.create(ApiProfile(), server_id=1, name="n", cve_ids=[]).request.idempotent


def test_none_does_not_clear() -> None:
    bad: Any = None
    with pytest.raises(InvalidArgumentError, match="None given for 'serverName'"):
        _servers_ops.update(12, name=bad)
    with pytest.raises(InvalidArgumentError, match="None given for status"):
        _tasks_ops.update(1, status=bad)


def test_empty_comment_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="empty"):
        _tasks_ops.comment(1, "  ")


def test_path_values_are_quoted() -> None:
    call = _servers_ops.get_by_uuid("a/b c")
    assert call.request.path == "/v1/server/uuid/a%2Fb%20c"


def test_profile_route_with_an_unknown_placeholder_is_a_config_error() -> None:
    profile = ApiProfile(external_scans=ExternalScanProfile(get="GET /v1/scan/{scanUUID}"))
    with pytest.raises(ConfigError, match="scanUUID"):
        _external_scans_ops.get(profile, 1)


@pytest.mark.parametrize(
    ("value", "expected"), [("2024-01-02", "2024-01-02"), (" 2024-01-02 ", "2024-01-02")]
)
def test_as_date(value: str, expected: str) -> None:
    assert as_date(value, argument="d") == expected


def test_ids() -> None:
    assert ids(3, argument="x") == (3,)
    assert ids([1, 2], argument="x") == (1, 2)
    assert ids(None, argument="x") is None
    bad: Any = ["1"]
    with pytest.raises(InvalidArgumentError, match="integer IDs"):
        ids(bad, argument="x")
