"""Resource tests: each runs through ``Client`` and ``AsyncClient`` (the root harness) over a recorder."""

from __future__ import annotations

import pytest

from ..harness import Both
from ._harness import Api, Recorder


@pytest.fixture
def recorder() -> Recorder:
    """Routes answered by the mock transport, and the requests it saw."""
    return Recorder()


@pytest.fixture
def api(both: Both, recorder: Recorder) -> Api:
    """The same test through ``Client`` and through ``AsyncClient``: the root harness ``both``."""
    return Api(both, recorder)
