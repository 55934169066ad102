"""Shared pieces of the generators: a size-bounded writer, the truth sidecar and address helpers."""

from __future__ import annotations

import ipaddress
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import attrs

__all__ = ["GenTruth", "SizedWriter", "hostname_for", "ip_sequence", "read_truth", "write_truth"]

#: Bump when a generator's output changes, so cached files are rebuilt.
GEN_VERSION = 5


@attrs.frozen(kw_only=True)
class GenTruth:
    """What a generator wrote: the ground truth every parser must agree with."""

    format: str
    size_bytes: int
    hosts: int
    host_cves: int  # sum over hosts of the number of distinct CVE ids on that host
    cves: int  # distinct CVE ids in the whole file
    seed: int
    gen_version: int = GEN_VERSION


class SizedWriter:
    """Writes UTF-8 text to a binary file and counts the bytes written."""

    def __init__(self, fobj: IO[bytes]) -> None:
        self._f = fobj
        self.written = 0

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self._f.write(data)
        self.written += len(data)


def truth_path(path: Path) -> Path:
    return path.with_name(path.name + ".truth.json")


def write_truth(path: Path, truth: GenTruth) -> None:
    truth_path(path).write_text(json.dumps(attrs.asdict(truth), indent=2) + "\n", encoding="utf-8")


def read_truth(path: Path) -> GenTruth | None:
    """The truth sidecar of a cached file, or None when it is missing, stale or unreadable."""
    tp = truth_path(path)
    if not path.is_file() or not tp.is_file():
        return None
    try:
        data = json.loads(tp.read_text(encoding="utf-8"))
        truth = GenTruth(**data)
    except (ValueError, TypeError):
        return None
    if truth.gen_version != GEN_VERSION or truth.size_bytes != path.stat().st_size:
        return None
    return truth


def ip_sequence(rng: random.Random, *, ipv6_every: int = 0) -> Iterator[tuple[str, str]]:
    """Unique (addrtype, address) pairs walking private ranges; every Nth one is IPv6 when asked."""
    base4 = int(ipaddress.IPv4Address("10.16.0.10"))
    base6 = int(ipaddress.IPv6Address("fd00:10:16::10"))
    n = 0
    while True:
        n += 1
        if ipv6_every and n % ipv6_every == 0:
            yield "ipv6", str(ipaddress.IPv6Address(base6 + n * 3 + rng.randrange(3)))
        else:
            yield "ipv4", str(ipaddress.IPv4Address(base4 + n * 3 + rng.randrange(3)))


_ROLES = ("web", "app", "db", "mail", "vpn", "proxy", "api", "files", "jump", "ci", "mon", "dc")
_SITES = ("tyo", "osk", "sgp", "fra", "iad", "nrt")


def hostname_for(n: int, rng: random.Random, domain: str = "corp.example.jp") -> str:
    """A plausible, unique host name for the n-th host."""
    return f"{rng.choice(_ROLES)}{n:05d}.{rng.choice(_SITES)}.{domain}"
