"""The namespaces hang off both clients, are created once, and show no token."""

from __future__ import annotations

import inspect

import pytest

from futurevuls_ext import resources

from ._harness import Api

pytestmark = pytest.mark.anyio

NAMES = ["servers", "roles", "tasks", "cves", "cpes", "lockfiles", "group_set", "external_scans"]


@pytest.mark.parametrize("name", NAMES)
async def test_namespace_is_cached_and_matches_the_client_kind(api: Api, name: str) -> None:
    sync_ns = getattr(api.client, name)
    async_ns = getattr(api.aclient, name)
    assert getattr(api.client, name) is sync_ns
    assert isinstance(sync_ns, resources._base.SyncResource)
    assert isinstance(async_ns, resources._base.AsyncResource)
    assert "token" not in repr(sync_ns).lower()


async def test_async_list_is_not_a_coroutine(api: Api) -> None:
    pager = api.aclient.servers.list()
    assert not inspect.iscoroutine(pager)  # type: ignore[unreachable]
    assert hasattr(pager, "__aiter__")
    assert not api.recorder.requests  # nothing is fetched before iterating
