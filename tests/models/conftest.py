"""Model tests run with strict converters (unknown keys are errors)."""

from __future__ import annotations

import os

os.environ.setdefault("FUTUREVULS_STRICT_MODELS", "1")  # lead: move this to tests/conftest.py
