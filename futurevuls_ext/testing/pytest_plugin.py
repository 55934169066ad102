"""pytest plugin (entry point ``pytest11``): the ``fake_futurevuls`` fixture.

Importing this module is cheap and starts nothing; the fake server starts when a test asks for the
fixture and stops when the test ends::

    def test_import(fake_futurevuls):
        client = fv.Client(fake_futurevuls.token, base_url=fake_futurevuls.url)

Mark a test ``@pytest.mark.fake_futurevuls(dataset="demo", faults=FaultConfig(...))`` to pass
constructor arguments. Without the entry point (e.g. vendored), enable it with
``pytest_plugins = ["futurevuls_ext.testing.pytest_plugin"]`` in ``conftest.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from futurevuls_ext.testing import FakeFutureVuls

__all__ = ["fake_futurevuls", "pytest_configure"]


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``fake_futurevuls`` marker."""
    config.addinivalue_line(
        "markers", "fake_futurevuls(**kwargs): keyword arguments for the fake_futurevuls fixture's server"
    )


@pytest.fixture
def fake_futurevuls(request: pytest.FixtureRequest) -> Iterator[FakeFutureVuls]:
    """A running :class:`~futurevuls_ext.testing.FakeFutureVuls` for one test (empty unless marked)."""
    from futurevuls_ext.testing import FakeFutureVuls

    marker = request.node.get_closest_marker("fake_futurevuls")
    kwargs = dict(marker.kwargs) if marker is not None else {}
    with FakeFutureVuls(**kwargs) as fake:
        yield fake
