"""Entry point of ``python -m bench`` (what ``nox -s bench`` runs)."""

from __future__ import annotations

from .cli import main

raise SystemExit(main())
