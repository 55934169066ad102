"""Tiny parsers used to test the registry and the public API independently of real formats."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from futurevuls_ext.parsers import Finding, ParseContext


class LineParser:
    """``LINES`` header, then one ``address cve port`` per line; ``host-end`` closes a host.

    A file without a final ``END`` line is truncated.
    """

    name: ClassVar[str] = "lines"
    priority: ClassVar[int] = 0
    description: ClassVar[str] = "test format"

    def sniff(self, head: bytes) -> float:
        return 1.0 if head.startswith(b"LINES") else 0.0

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        pending: list[Finding] = []
        number = 0
        for number, raw in enumerate(stream, start=1):
            line = raw.decode("ascii").strip()
            if number == 1 or not line:
                continue
            if line == "END":
                yield from pending
                return
            if line == "host-end":
                yield from pending
                pending = []
                continue
            if line == "boom":
                raise ValueError("boom")
            parts = line.split()
            if len(parts) != 3:
                ctx.skip(f"line {number}", "expected 3 fields")
                continue
            address, cve, port = parts
            pending.append(
                Finding(
                    address=address,
                    cve_ids=frozenset({cve}) if cve != "-" else frozenset(),
                    port=int(port) or None,
                    protocol="tcp",
                    scanner=self.name,
                )
            )
        raise ctx.truncated("no END line", location=f"line {number}")


class CrashingSniffer:
    """A parser whose sniff raises."""

    name: ClassVar[str] = "crashy"
    priority: ClassVar[int] = 0
    description: ClassVar[str] = "crashes"

    def sniff(self, head: bytes) -> float:
        raise RuntimeError("sniff exploded")

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        return iter(())


class Tie:
    """Always 0.5, with a configurable name and priority (subclassed in tests)."""

    name: ClassVar[str] = "tie-a"
    priority: ClassVar[int] = 0
    description: ClassVar[str] = "tie"

    def sniff(self, head: bytes) -> float:
        return 0.5

    def parse(self, stream: BinaryIO, ctx: ParseContext) -> Iterator[Finding]:
        yield Finding(address=self.name, scanner=self.name)
