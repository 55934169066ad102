"""A faithful fake FutureVuls API for tests: a real HTTP server on 127.0.0.1 with in-memory state.

::

    from futurevuls_ext.testing import FakeFutureVuls, FaultConfig

    with FakeFutureVuls(dataset="demo") as fake:
        ...  # point a client at fake.url with fake.token
        assert not [r for r in fake.requests if r.method == "POST" and r.status >= 500]

It serves every operation of the public spec (reference §2.1) with the exact key spellings, paging,
the default task-status filter, goa-style 400/401/404 bodies, and the unconfirmed routes of the
:class:`~futurevuls_ext.ApiProfile` it is given (external scans, role SSVC keys, server tags, pseudo
servers). Tasks carry an SSVC priority computed from the CERT v2.0 deployer tree and recomputed on
every change. Shapes and behaviours marked inferred in the reference are documented where they live.

Enable the pytest fixture ``fake_futurevuls`` (installed as a pytest plugin) or start it from the
command line: ``futurevuls-ext fake-server --dataset demo``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._dataset import load_dataset
    from ._fake import FakeFutureVuls
    from ._faults import FAULT_KINDS, FaultConfig
    from ._records import (
        Cpe,
        Cve,
        ExternalScan,
        ListeningPort,
        Lockfile,
        Package,
        Process,
        Role,
        Server,
        Tag,
        Task,
    )
    from ._state import FakeState, RequestRecord
    from ._strict import strict_responses

# Loaded on first use, so that importing the pytest plugin (a submodule) stays cheap.
_LAZY: dict[str, str] = {
    "load_dataset": "._dataset",
    "FakeFutureVuls": "._fake",
    "FAULT_KINDS": "._faults",
    "FaultConfig": "._faults",
    **dict.fromkeys(
        [
            "Cpe",
            "Cve",
            "ExternalScan",
            "ListeningPort",
            "Lockfile",
            "Package",
            "Process",
            "Role",
            "Server",
            "Tag",
            "Task",
        ],
        "._records",
    ),
    "FakeState": "._state",
    "RequestRecord": "._state",
    "strict_responses": "._strict",
}

__all__ = [
    "FAULT_KINDS",
    "Cpe",
    "Cve",
    "ExternalScan",
    "FakeFutureVuls",
    "FakeState",
    "FaultConfig",
    "ListeningPort",
    "Lockfile",
    "Package",
    "Process",
    "RequestRecord",
    "Role",
    "Server",
    "Tag",
    "Task",
    "load_dataset",
    "strict_responses",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'futurevuls_ext.testing' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
