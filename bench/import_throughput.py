"""Import throughput against the fake FutureVuls server (with injected latency), when the SDK has it.

Skipped with a clear line until ``futurevuls_ext.Client.import_report`` exists. The fake server runs
on 127.0.0.1 in this process; nothing else is contacted.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from .generate import GENERATORS

__all__ = ["available", "measure_import_throughput"]


def available() -> str | None:
    """None when the import workflow can be measured, else the reason it cannot (yet)."""
    try:
        import futurevuls_ext as fv
    except ImportError as exc:  # pragma: no cover - the bench session installs the project
        return f"futurevuls_ext does not import: {exc}"
    client_cls = getattr(fv, "Client", None)
    if client_cls is None or not hasattr(client_cls, "import_report"):
        return "not available yet: futurevuls_ext.Client.import_report does not exist"
    try:
        from futurevuls_ext.testing import FakeFutureVuls  # noqa: F401
    except ImportError as exc:
        return f"not available yet: futurevuls_ext.testing.FakeFutureVuls does not import ({exc})"
    return None


def _request_count(fake: Any) -> int:
    try:
        return len(fake.requests)
    except (AttributeError, TypeError):
        return 0


def _outcome_counts(result: Any) -> dict[str, int]:
    names = ("created", "updated", "unchanged", "pruned", "unresolved", "failed")
    return {n: len(getattr(result, n, ()) or ()) for n in names}


def measure_import_throughput(
    *, size_mb: float = 2.0, latency: float = 0.02, concurrency: int = 8
) -> dict[str, Any]:
    """Import a generated .nessus twice (create, then unchanged) against the fake server with latency."""
    reason = available()
    if reason is not None:
        return {"status": "skipped", "reason": reason}
    import futurevuls_ext as fv
    from futurevuls_ext.testing import FakeFutureVuls

    faults: Any = None
    try:
        from futurevuls_ext.testing import FaultConfig

        faults = FaultConfig(latency=latency)
    except ImportError:
        latency = 0.0
    out: dict[str, Any] = {"status": "ok", "latency_s": latency, "concurrency": concurrency, "runs": []}
    with tempfile.TemporaryDirectory(prefix="fv-bench-") as tmp:
        path = Path(tmp) / "import.nessus"
        truth = GENERATORS["nessus"](path, size_bytes=int(size_mb * (1 << 20)))
        out["hosts"] = truth.hosts
        try:
            with FakeFutureVuls(faults=faults) as fake, fv.Client(fake.token, base_url=fake.url) as raw:
                client: Any = raw
                for label in ("first import (create)", "second import (unchanged)"):
                    n0 = _request_count(fake)
                    t0 = time.perf_counter()
                    result = client.import_report(path, create_pseudo_servers=True, concurrency=concurrency)
                    secs = time.perf_counter() - t0
                    out["runs"].append(
                        {
                            "run": label,
                            "seconds": secs,
                            "hosts_per_s": truth.hosts / secs if secs else None,
                            "requests": _request_count(fake) - n0,
                            **_outcome_counts(result),
                        }
                    )
        except Exception as exc:  # report, never hide: the bench must still print its table
            out["status"] = "error"
            out["reason"] = f"{type(exc).__name__}: {exc}"
    return out
