"""``strict_responses()``: make every client built in a block decode answers strictly (for test suites)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from .._serde import strict_responses_by_default

__all__ = ["strict_responses"]


@contextlib.contextmanager
def strict_responses(strict: bool = True) -> Iterator[None]:
    """Within the block, ``Client()`` / ``AsyncClient()`` without ``strict_responses`` decode strictly.

    A test suite that wants its fake and its expectations to drift loudly wraps its session in it (the
    project's own ``tests/conftest.py`` does)::

        @pytest.fixture(autouse=True, scope="session")
        def _strict():
            with strict_responses():
                yield

    Production code never enters it: clients are tolerant unless ``strict_responses=True`` is passed.
    """
    with strict_responses_by_default(strict):
        yield
