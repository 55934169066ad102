"""Fixtures for the parser tests: the hand-made data folder and a throw-away registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from futurevuls_ext.parsers import Registry

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """tests/parsers/data: small hand-written fixtures, one folder per format."""
    return DATA


@pytest.fixture
def empty_registry() -> Registry:
    """A registry without built-ins or entry points, for tests that register their own parsers."""
    return Registry(builtins={}, entry_point_group=None)
