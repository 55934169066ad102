"""A closed client raises ClientClosedError (a FutureVulsError, a RuntimeError) saying so; sync and async."""

from __future__ import annotations

import anyio
import pytest

import futurevuls_ext as fv
from futurevuls_ext.testing import FakeFutureVuls

pytestmark = pytest.mark.integration

SYNC = (
    "this Client is closed (close() was called, or its 'with' block ended); "
    "create a new Client to send more requests"
)
ASYNC = (
    "this AsyncClient is closed (aclose() was called, or its 'with' block ended); "
    "create a new AsyncClient to send more requests"
)


def test_sync_client_after_close() -> None:
    with FakeFutureVuls() as fake:
        with fv.Client(fake.token, base_url=fake.url) as client:
            pager = client.servers.list()
        for action in (client.health, lambda: list(pager), lambda: client.tasks.get(1)):
            with pytest.raises(fv.ClientClosedError) as info:
                action()
            assert str(info.value) == SYNC
            assert isinstance(info.value, fv.FutureVulsError)
            assert isinstance(info.value, RuntimeError)
        assert fake.requests == []


def test_async_client_after_close() -> None:
    async def main(fake: FakeFutureVuls) -> list[str]:
        async with fv.AsyncClient(fake.token, base_url=fake.url) as client:
            assert await client.health()
        messages = []
        with pytest.raises(fv.ClientClosedError) as info:
            await client.health()
        messages.append(str(info.value))
        with pytest.raises(fv.ClientClosedError) as info:
            [s async for s in client.servers.list()]
        messages.append(str(info.value))
        return messages

    with FakeFutureVuls() as fake:
        assert anyio.run(main, fake) == [ASYNC, ASYNC]
        assert len(fake.requests) == 1
