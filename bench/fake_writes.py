"""Writes/s of the fake FutureVuls server at 1k, 10k and 50k servers: a write must not scan the group.

Run: ``python -m bench.fake_writes [--sizes 1000,10000,50000] [--writes 400]``. For each size a fresh
fake (in this process) is seeded with that many servers, each holding one external scan result of 5
CVEs (so tasks, scans and packages all grow with the group), then a minimal keep-alive socket client
sends, for servers spread over the group: POST ``/v1/externalScan`` (a second result), PUT (change its
CVEs), DELETE; best of ``--rounds``. Prints writes/s and CPU ms per write per size and the ratio to the
smallest size (target: 50k >= 0.8x 1k). On a loaded machine wall-clock writes/s jitter by 2x between
rounds; CPU per write is the steadier figure.
Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import time
from typing import Any

from futurevuls_ext.testing import FakeFutureVuls


def _seed(fake: FakeFutureVuls, size: int) -> list[int]:
    ids = []
    for i in range(size):
        server_id = fake.add_server(f"srv-{i}", ipv4=f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}")
        fake.add_external_scan(
            server_id, "seed", [f"CVE-2024-{10000 + (i * 7 + k) % 5000}" for k in range(5)]
        )
        ids.append(server_id)
    return ids


class _Raw:
    """A keep-alive HTTP/1.1 client on one socket: almost no client-side cost."""

    def __init__(self, url: str, token: str) -> None:
        port = int(url.rsplit(":", 1)[1])
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.token = token

    def send(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        payload = b"" if body is None else json.dumps(body).encode()
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: {self.token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
        )
        self.sock.sendall(head.encode() + payload)
        data = b""
        while b"\r\n\r\n" not in data:
            data += self.sock.recv(65536)
        head_bytes, _, rest = data.partition(b"\r\n\r\n")
        lines = head_bytes.split(b"\r\n")
        status = int(lines[0].split()[1])
        length = next((int(v.split(b":")[1]) for v in lines if v.lower().startswith(b"content-length")), 0)
        while len(rest) < length:
            rest += self.sock.recv(65536)
        return status, json.loads(rest) if rest else None

    def close(self) -> None:
        self.sock.close()


def _round(client: _Raw, targets: list[int]) -> tuple[float, float]:
    """(wall s, CPU s) of one create/update/delete per target."""
    cpu0, t0 = time.process_time(), time.perf_counter()
    for n, server_id in enumerate(targets):
        cves = [f"CVE-2023-{20000 + (n + k) % 997}" for k in range(5)]
        status, scan = client.send(
            "POST", "/v1/externalScan", {"serverID": server_id, "name": "bench", "cveIDs": cves}
        )
        assert status == 200, (status, scan)
        status, _ = client.send("PUT", f"/v1/externalScan/{scan['id']}", {"cveIDs": cves[:3]})
        assert status == 200, status
        status, _ = client.send("DELETE", f"/v1/externalScan/{scan['id']}")
        assert status == 200, status
    return time.perf_counter() - t0, time.process_time() - cpu0


def measure(size: int, writes: int, rounds: int) -> dict[str, Any]:
    """Seed ``size`` servers, then time ``rounds`` x ``writes`` create/update/delete cycles (best kept).

    Client and server share this process, so ``cpu`` is both sides' CPU per write (the client's part is
    small and the same at every size).
    """
    began = time.perf_counter()
    with FakeFutureVuls() as fake:
        ids = _seed(fake, size)
        seed_s = time.perf_counter() - began
        client = _Raw(fake.url, fake.token)
        step = max(1, size // writes)
        targets = [ids[(i * step) % size] for i in range(writes)]
        runs = [_round(client, targets) for _ in range(rounds)]
        seconds = min(wall for wall, _ in runs)
        cpu = min(cpu for _, cpu in runs)
        client.close()
        tasks = len(fake.state.tasks)
    count = writes * 3
    return {
        "servers": size,
        "tasks": tasks,
        "seed_s": round(seed_s, 2),
        "writes": count,
        "writes_per_s": count / seconds,
        "cpu_ms_per_write": 1000 * cpu / count,
    }


def main() -> None:
    """Print writes/s per group size and the ratio to the smallest."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--writes", type=int, default=300, help="create/update/delete cycles per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per size; the best is kept")
    args = parser.parse_args()
    rows = [measure(int(size), args.writes, args.rounds) for size in args.sizes.split(",")]
    print(f"load average: {os.getloadavg()[0]:.2f} (1 min)")
    head = f"{'servers':>8} {'tasks':>8} {'seed s':>7} {'writes/s':>9} {'vs first':>9}"
    print(f"{head} {'cpu ms/write':>13} {'vs first':>9}")
    for row in rows:
        ratio = row["writes_per_s"] / rows[0]["writes_per_s"]
        cpu_ratio = rows[0]["cpu_ms_per_write"] / row["cpu_ms_per_write"]
        print(
            f"{row['servers']:>8} {row['tasks']:>8} {row['seed_s']:>7} {row['writes_per_s']:>9.0f} "
            f"{ratio:>8.2f}x {row['cpu_ms_per_write']:>13.3f} {cpu_ratio:>8.2f}x"
        )
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
