"""Cost of the end-to-end attempt (deadline + streamed, capped body) per request, against the fake.

``python -m bench.attempt_overhead [N]`` sends N ``GET /v1/servers`` (a one-page listing) through:

* ``httpx send``: a bare ``httpx.Client.send`` of the same request (what the shell did before issue 15.1);
* ``attempt_sync``: the sync shell's attempt (helper thread, deadline, streamed body, size cap);
* ``Client.servers.list``: the whole sync client call;
* ``attempt_async`` / ``AsyncClient.servers.list``: the same on the async side (httpx transport).

It prints microseconds per request and each row's ratio to the bare send of its side.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Awaitable, Callable

import anyio
import httpx

import futurevuls_ext as fv
from futurevuls_ext._attempt import attempt_async, attempt_sync
from futurevuls_ext._core.attempt import AttemptLimits
from futurevuls_ext.testing import FakeFutureVuls

ROUNDS = 5
"""Each row is timed in this many rounds of n/ROUNDS requests; the best round counts (load elsewhere)."""


def _per_request(n: int, run: Callable[[], object]) -> float:
    run()  # warm the connection
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for _ in range(max(1, n // ROUNDS)):
            run()
        best = min(best, time.perf_counter() - started)
    return best / max(1, n // ROUNDS) * 1e6


def main(n: int) -> None:
    """Run the comparison with ``n`` requests per row."""
    limits = AttemptLimits(timeout=30.0)
    rows: list[tuple[str, float, float]] = []
    with FakeFutureVuls(dataset="demo") as fake:
        url = f"{fake.url}/v1/servers"
        headers = {"Authorization": fake.token}
        with httpx.Client() as http:
            request = http.build_request("GET", url, headers=headers)
            bare = _per_request(n, lambda: http.send(request).read())
            rows.append(("httpx send (sync)", bare, bare))
            rows.append(("attempt_sync", _per_request(n, lambda: attempt_sync(http, request, limits)), bare))
        with fv.Client(fake.token, base_url=fake.url) as client:
            rows.append(("Client.servers.list", _per_request(n, lambda: list(client.servers.list())), bare))

        async def async_rows() -> None:
            async with httpx.AsyncClient() as http:
                request = http.build_request("GET", url, headers=headers)

                async def send() -> None:
                    await (await http.send(request)).aread()

                async def attempt() -> None:
                    await attempt_async(http, request, limits)

                base = await _aper_request(n, send)
                rows.append(("httpx send (async)", base, base))
                rows.append(("attempt_async", await _aper_request(n, attempt), base))
            async with fv.AsyncClient(fake.token, base_url=fake.url, http_backend="httpx") as client:

                async def listing() -> None:
                    [s async for s in client.servers.list()]

                rows.append(("AsyncClient.servers.list", await _aper_request(n, listing), base))

        anyio.run(async_rows)
    print(f"{'path':28} {'us/request':>11} {'ratio':>6}")
    for name, micros, base in rows:
        print(f"{name:28} {micros:11.0f} {micros / base:6.2f}")


async def _aper_request(n: int, run: Callable[[], Awaitable[object]]) -> float:
    await run()
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for _ in range(max(1, n // ROUNDS)):
            await run()
        best = min(best, time.perf_counter() - started)
    return best / max(1, n // ROUNDS) * 1e6


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
