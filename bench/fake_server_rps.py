"""Measure the fake FutureVuls server: start-up time and requests/s over real loopback sockets.

Run: ``python bench/fake_server_rps.py [--seconds 3] [--threads 8]``. Targets (issue 4): start-up
under 1 s, at least 500 requests/s. Prints one line per measurement and a JSON summary.

The raw-socket figures are the server's capacity (the client costs almost nothing); the httpx figures
include httpx's own per-request cost and, in-process, share the GIL with the server. On a shared,
loaded machine all figures move by 2-3x between runs: compare runs made at the same load.
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


def raw_rate(fake: FakeFutureVuls, path: str, count: int) -> float:
    """Requests per second from a minimal keep-alive socket client (little client-side overhead)."""
    import socket

    port = int(fake.url.rsplit(":", 1)[1])
    request = f"GET {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: {fake.token}\r\n\r\n".encode()
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        began = time.perf_counter()
        for _ in range(count):
            sock.sendall(request)
            data = b""
            while b"\r\n\r\n" not in data:
                data += sock.recv(65536)
            head, _, body = data.partition(b"\r\n\r\n")
            length = next(
                int(line.split(b":")[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length")
            )
            while len(body) < length:
                body += sock.recv(65536)
        return count / (time.perf_counter() - began)


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


def separate_process(seconds: float, threads: int) -> dict[str, float]:
    """Server in its own process (the fake-server command), so client and server do not share a GIL."""
    import os
    import signal
    import subprocess
    import sys

    began = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "futurevuls_ext", "fake-server", "--dataset", "demo", "--json"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    assert proc.stdout is not None
    info = json.loads("".join(proc.stdout.readline() for _ in range(5)))
    out = {"cli_startup_to_url_s": time.perf_counter() - began}

    class Remote:
        url, token = info["url"], info["token"]

    try:
        for threads_used in (1, threads):
            rps = rate(Remote(), lambda h: h.get("/v1/tasks", params={"limit": 20}), seconds, threads_used)  # type: ignore[arg-type]
            out[f"GET /v1/tasks?limit=20 x{threads_used}"] = rps
            rps = rate(Remote(), lambda h: h.get("/v1/servers"), seconds, threads_used)  # type: ignore[arg-type]
            out[f"GET /v1/servers x{threads_used}"] = rps
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=20)
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
        for path in ("/health", "/v1/servers", "/v1/tasks?limit=20"):
            rps = raw_rate(fake, path, 500)
            results[f"raw GET {path}"] = round(rps, 1)
            print(f"raw socket client GET {path:22}        {rps:8.1f} req/s")
        for name, call in cases.items():
            for threads in (1, args.threads):
                rps = rate(fake, call, args.seconds, threads)
                results[f"{name} x{threads}"] = round(rps, 1)
                print(f"{name:32} threads={threads:<3} {rps:8.1f} req/s")
    results["separate_process"] = separate_process(args.seconds, args.threads)
    print(f"server in its own process: {results['separate_process']}")
    results["import_scale"] = import_scale(300, 20)
    print(f"importer-like workload, 300 hosts x 20 CVEs: {results['import_scale']}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
