"""Shared fixtures: the location of ../shared (optional) and strict response decoding."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from futurevuls_ext.testing import strict_responses

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the project; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present beside the project")
    return SHARED


@pytest.fixture(autouse=True, scope="session")
def _strict_responses() -> Iterator[None]:
    """The project's own tests decode strictly, so a misspelt or missing key fails loudly.

    Tests of tolerant decoding pass ``strict_responses=False`` to the client they build.
    """
    with strict_responses():
        yield


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
