"""Shared fixtures: the location of ../shared (optional) and the strict converter switch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The project's own tests forbid unknown JSON keys, so a misspelt key fails loudly.
os.environ.setdefault("FUTUREVULS_STRICT_MODELS", "1")

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the project; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present beside the project")
    return SHARED


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
