"""A closed client raises ClientClosedError (a FutureVulsError, a RuntimeError) saying so; sync and async."""

from __future__ import annotations

import pytest

import futurevuls_ext as fv
from futurevuls_ext.testing import FakeFutureVuls

from ..harness import Both

pytestmark = [pytest.mark.anyio, pytest.mark.integration]

SYNC = (
    "this Client is closed (close() was called, or its 'with' block ended); "
    "create a new Client to send more requests"
)
ASYNC = (
    "this AsyncClient is closed (aclose() was called, or its 'with' block ended); "
    "create a new AsyncClient to send more requests"
)


async def test_a_closed_client_says_so(both: Both) -> None:
    with FakeFutureVuls() as fake:
        both.connect_fake(fake)
        assert await both.run(lambda c: c.health())
        pager = both.client.servers.list()  # made while open, listed after the close
        await both.close()
        for action in (lambda c: c.health(), lambda c: pager, lambda c: c.tasks.get(1)):
            with pytest.raises(fv.ClientClosedError) as info:
                await both.settle(action)
            assert str(info.value) == (ASYNC if both.is_async else SYNC)
            assert isinstance(info.value, fv.FutureVulsError)
            assert isinstance(info.value, RuntimeError)
        assert len(fake.requests) == 1  # the health check before the close
