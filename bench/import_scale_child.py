"""One row of ``bench.import_scale``: import N hosts into a running fake, in a fresh interpreter.

``python -m bench.import_scale_child KIND CONCURRENCY URL TOKEN HOSTS`` prints one JSON object:
``seconds`` (wall) and ``cpu_s`` (this process's CPU, every thread) of the timed part, and the outcome
counts. KIND is one of:

- ``floor``: hand-written: httpx over ``httpx_aiohttp.AiohttpTransport``, ``concurrency`` workers
  sending the same ``POST /v1/externalScan`` bodies the SDK sends. The server listing that maps each
  host to its server id is done before the clock starts (the floor does the creates only).
- ``async-httpx`` / ``async-aiohttp``: ``AsyncClient(http_backend=...).import_report(report)``.
- ``sync``: ``Client.import_report(report)`` (its thread pool) on its default transport (``http.client``);
- ``sync-httpx``: the same on httpx's own sync transport (``Client(http_backend="httpx")``).

The SDK rows are timed over the whole ``import_report`` (its listing of servers and results, planning
and the re-check listing included). Every row imports its modules before the clock starts: the floor
its ``httpx_aiohttp``, the SDK rows the modules ``import_report`` loads on first use
(:data:`SDK_MODULES`). Without this the SDK rows timed the compilation of ``futurevuls_ext.importer``
from source (~55-95 ms of a ~2.4 s row: this environment sets ``PYTHONDONTWRITEBYTECODE=1``, so no
``.pyc`` is ever written; an installed SDK has them), which the floor never paid. No work of the
import itself (no listing, no decoding, no converter set-up) happens before the clock.
Only the given loopback URL is contacted.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from typing import Any

import anyio
import httpx

import futurevuls_ext as fv
from futurevuls_ext.parsers import HostResult, ScanReport

KINDS = ("floor", "async-httpx", "async-aiohttp", "sync", "sync-httpx")
SDK_MODULES = ("futurevuls_ext.importer", "futurevuls_ext.resources.calls")
"""What ``import_report`` imports on first use: imported before the SDK rows' clock, as the floor's are."""


def address(i: int) -> str:
    """The IPv4 of host ``i`` (1-based); the fake is seeded with one server per address."""
    return f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}"


def make_report(hosts: int) -> ScanReport:
    """``hosts`` hosts with two CVEs each (a parsed report: parsing is not what this measures)."""
    items = tuple(
        HostResult(
            address=address(i),
            hostnames=frozenset(),
            ip_addresses=frozenset({address(i)}),
            cve_ids=frozenset({f"CVE-2024-{10000 + i % 97}", f"CVE-2023-{20000 + i % 13}"}),
            ports=frozenset(),
            findings=(),
        )
        for i in range(1, hosts + 1)
    )
    return ScanReport(format="nessus", source="<generated>", hosts=items)


async def _floor(url: str, token: str, report: ScanReport, concurrency: int) -> dict[str, Any]:
    from httpx_aiohttp import AiohttpTransport

    headers = {"Authorization": token}
    async with httpx.AsyncClient(
        base_url=url, headers=headers, transport=AiohttpTransport(), timeout=60
    ) as http:
        ids: dict[str, int] = {}
        page = 1
        while True:  # untimed: the floor only does the creates
            body = (await http.get("/v1/servers", params={"page": page, "limit": 1000})).json()
            ids.update({s["serverIpv4"]: s["id"] for s in body["servers"]})
            if page >= body["paging"]["totalPage"]:
                break
            page += 1
        bodies = [
            {
                "serverID": ids[h.address],
                "name": "nessus",
                "cveIDs": sorted(h.cve_ids),
                "isExternalScan": True,
            }
            for h in report.hosts
        ]
        pending = iter(bodies)
        created = 0

        async def worker() -> None:
            nonlocal created
            for item in pending:
                response = await http.post("/v1/externalScan", json=item)
                response.raise_for_status()
                created += 1

        cpu0, t0 = time.process_time(), time.perf_counter()
        async with anyio.create_task_group() as group:
            for _ in range(concurrency):
                group.start_soon(worker)
        return {
            "seconds": time.perf_counter() - t0,
            "cpu_s": time.process_time() - cpu0,
            "counts": {"created": created},
        }


def _timed_result(result: fv.ImportResult, cpu0: float, t0: float) -> dict[str, Any]:
    return {
        "seconds": time.perf_counter() - t0,
        "cpu_s": time.process_time() - cpu0,
        "counts": result.counts(),
        "first_failures": [f"{o.host}: {o.reason}" for o in result.failed[:3]],
    }


async def _sdk_async(url: str, token: str, report: ScanReport, concurrency: int, backend: Any) -> Any:
    async with fv.AsyncClient(token, base_url=url, timeout=60, http_backend=backend) as client:
        cpu0, t0 = time.process_time(), time.perf_counter()
        result = await client.import_report(report, concurrency=concurrency)
        return _timed_result(result, cpu0, t0)


def _sdk_sync(url: str, token: str, report: ScanReport, concurrency: int, backend: Any) -> dict[str, Any]:
    with fv.Client(token, base_url=url, timeout=60, http_backend=backend) as client:
        cpu0, t0 = time.process_time(), time.perf_counter()
        result = client.import_report(report, concurrency=concurrency)
        return _timed_result(result, cpu0, t0)


def run(kind: str, concurrency: int, url: str, token: str, hosts: int) -> dict[str, Any]:
    """Run one row and return its measurements."""
    report = make_report(hosts)
    if kind != "floor":
        for name in SDK_MODULES:
            importlib.import_module(name)
    if kind == "floor":
        out = anyio.run(_floor, url, token, report, concurrency)
    elif kind.startswith("sync"):
        out = _sdk_sync(url, token, report, concurrency, "httpx" if kind == "sync-httpx" else "auto")
    else:
        out = anyio.run(_sdk_async, url, token, report, concurrency, kind.removeprefix("async-"))
    return {"kind": kind, "concurrency": concurrency, "hosts": hosts, **out}


def main() -> None:
    """Entry point: print one row as JSON."""
    kind, concurrency, url, token, hosts = sys.argv[1:6]
    if kind not in KINDS:
        raise SystemExit(f"KIND must be one of {KINDS}")
    print(json.dumps(run(kind, int(concurrency), url, token, int(hosts))))


if __name__ == "__main__":
    main()
