"""Fixtures: a running fake (empty or demo) and a plain httpx client authenticated against it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from futurevuls_ext.testing import FakeFutureVuls


@pytest.fixture
def fake() -> Iterator[FakeFutureVuls]:
    with FakeFutureVuls() as running:
        yield running


@pytest.fixture
def demo() -> Iterator[FakeFutureVuls]:
    with FakeFutureVuls(dataset="demo") as running:
        yield running


def make_client(fake: FakeFutureVuls) -> httpx.Client:
    return httpx.Client(base_url=fake.url, headers={"Authorization": fake.token}, timeout=10.0)


@pytest.fixture
def client(fake: FakeFutureVuls) -> Iterator[httpx.Client]:
    with make_client(fake) as http:
        yield http


@pytest.fixture
def demo_client(demo: FakeFutureVuls) -> Iterator[httpx.Client]:
    with make_client(demo) as http:
        yield http
