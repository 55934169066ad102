"""Resource tests: each runs through both ``Client`` and ``AsyncClient`` over ``httpx.MockTransport``."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from ._harness import Api, Recorder


@pytest.fixture
def recorder() -> Recorder:
    """Routes answered by the mock transport, and the requests it saw."""
    return Recorder()


@pytest.fixture(params=["sync", "async"])
async def api(request: pytest.FixtureRequest, recorder: Recorder) -> AsyncIterator[Api]:
    """The same test through ``Client`` and through ``AsyncClient``."""
    harness = Api(str(request.param), recorder)
    try:
        yield harness
    finally:
        await harness.aclose()
