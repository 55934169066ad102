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
    namespace = getattr(api.client, name)
    assert getattr(api.client, name) is namespace
    kind = resources._base.AsyncResource if api.mode == "async" else resources._base.SyncResource
    assert isinstance(namespace, kind)
    assert "token" not in repr(namespace).lower()


async def test_async_list_is_not_a_coroutine(api: Api) -> None:
    if api.mode == "sync":
        pytest.skip("AsyncClient only")
    pager = api.client.servers.list()
    assert not inspect.iscoroutine(pager)
    assert hasattr(pager, "__aiter__")
    assert not api.recorder.requests  # nothing is fetched before iterating
