"""Shared fixtures: ../shared (optional), strict response decoding, an untouched SDK logger, and the one
sync/async harness."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from futurevuls_ext.testing import strict_responses

from ._transports import CLIENT_KINDS
from .harness import Both

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


@pytest.fixture(autouse=True)
def _sdk_logger_untouched() -> Iterator[None]:
    """A test that leaves a level or a handler on the ``futurevuls_ext`` logger fails itself.

    Else a later test sees it: ``tests/cli/test_logging.py`` checks that a command leaves the logger
    as it found it, and failed after a docs example had set INFO (``docs/logging.md``).
    """
    logger = logging.getLogger("futurevuls_ext")
    before = (logger.level, list(logger.handlers))
    yield
    after = (logger.level, list(logger.handlers))
    assert after == before, (
        f"the test left the 'futurevuls_ext' logger changed: (level, handlers) {before} -> {after}"
    )


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(params=CLIENT_KINDS)
async def both(request: pytest.FixtureRequest) -> AsyncIterator[Both]:
    """The one sync/async harness: the test runs with ``Client``, then ``AsyncClient`` on each transport.

    The clients it connects decode strictly (``strict_responses=True``): an unknown or missing JSON key
    fails the test. See :mod:`tests.harness`.
    """
    harness = Both(str(request.param))
    try:
        yield harness
    finally:
        await harness.aclose()
