"""Measure the fake FutureVuls server: start-up time and requests/s over real loopback sockets.

Run: ``python bench/fake_server_rps.py [--seconds 3] [--threads 8]``. Targets (issue 4): start-up
under 1 s, at least 500 requests/s. Prints one line per measurement and a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
from collections.abc import Callable

import httpx

from futurevuls_ext.testing import FakeFutureVuls


def startup(runs: int) -> dict[str, float]:
    """Seconds from constructing a demo fake to its first /health answer."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with FakeFutureVuls(dataset="demo") as fake:
            with httpx.Client() as http:
                http.get(f"{fake.url}/health").raise_for_status()
            times.append(time.perf_counter() - start)
    return {"median_s": statistics.median(times), "max_s": max(times)}


def rate(
    fake: FakeFutureVuls, call: Callable[[httpx.Client], httpx.Response], seconds: float, threads: int
) -> float:
    """Requests per second with ``threads`` keep-alive clients hammering the fake."""
    counts = [0] * threads
    stop = time.perf_counter() + seconds

    def worker(index: int) -> None:
        with httpx.Client(base_url=fake.url, headers={"Authorization": fake.token}) as http:
            while time.perf_counter() < stop:
                call(http).raise_for_status()
                counts[index] += 1

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    began = time.perf_counter()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return sum(counts) / (time.perf_counter() - began)


def import_scale(hosts: int, cves_per_host: int) -> dict[str, float]:
    """An importer-like workload: create pseudo servers, then one external scan each, then page tasks."""
    out: dict[str, float] = {}
    with (
        FakeFutureVuls() as fake,
        httpx.Client(base_url=fake.url, headers={"Authorization": fake.token}) as h,
    ):
        began = time.perf_counter()
        ids = [
            h.post("/v1/server/pseudo", json={"serverName": f"10.0.{i // 250}.{i % 250}"}).json()["id"]
            for i in range(hosts)
        ]
        out["pseudo_create_rps"] = hosts / (time.perf_counter() - began)
        began = time.perf_counter()
        for n, server_id in enumerate(ids):
            cves = [f"CVE-2024-{10000 + (n * 7 + k) % 5000}" for k in range(cves_per_host)]
            h.post(
                "/v1/externalScan", json={"serverID": server_id, "name": "scan", "cveIDs": cves}
            ).raise_for_status()
        out["external_scan_create_rps"] = hosts / (time.perf_counter() - began)
        began = time.perf_counter()
        pages = 0
        while True:
            pages += 1
            body = h.get("/v1/tasks", params={"page": pages, "limit": 100}).json()
            if pages >= body["paging"]["totalPage"]:
                break
        out["task_pages_per_s (limit=100)"] = pages / (time.perf_counter() - began)
        out["tasks"] = float(len(fake.state.tasks))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    results: dict[str, object] = {"startup": startup(5)}
    print(f"start-up (demo dataset, to first /health): {results['startup']}")
    with FakeFutureVuls(dataset="demo") as fake:
        server_id = next(iter(fake.state.servers))
        scan = fake.add_external_scan(server_id, "bench", ["CVE-2021-44228"])
        cases: dict[str, Callable[[httpx.Client], httpx.Response]] = {
            "GET /health": lambda h: h.get("/health"),
            "GET /v1/servers": lambda h: h.get("/v1/servers"),
            "GET /v1/tasks?limit=20": lambda h: h.get("/v1/tasks", params={"limit": 20}),
            "PUT /v1/externalScan/{id}": lambda h: h.put(
                f"/v1/externalScan/{scan}", json={"cveIDs": ["CVE-2021-44228", "CVE-2024-0001"]}
            ),
        }
        for name, call in cases.items():
            for threads in (1, args.threads):
                rps = rate(fake, call, args.seconds, threads)
                results[f"{name} x{threads}"] = round(rps, 1)
                print(f"{name:32} threads={threads:<3} {rps:8.1f} req/s")
    results["import_scale"] = import_scale(300, 20)
    print(f"importer-like workload, 300 hosts x 20 CVEs: {results['import_scale']}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
