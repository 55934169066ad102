"""Child process of the concurrent-convergence test: one import of a report described in a JSON file.

Usage: ``python _converge_child.py SPEC.json``; SPEC holds ``url``, ``token``, ``kind`` (sync/async),
``hosts`` ([address, [cve ids]] pairs) and ``options`` (import_report keywords). Prints the result's
counts as JSON; exit 0 after a completed run, 3 when the run raised a FutureVulsError.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import anyio

import futurevuls_ext as fv
from futurevuls_ext.parsers import HostResult, ScanReport


def report_of(hosts: list[list[Any]]) -> ScanReport:
    """The report of ``[address, [cve ids]]`` pairs (IP addresses also in ``ip_addresses``)."""
    return ScanReport(
        format="nessus",
        source="<converge>",
        hosts=tuple(
            HostResult(
                address=address,
                hostnames=frozenset(),
                ip_addresses=frozenset({address}),
                cve_ids=frozenset(cves),
                ports=frozenset(),
                findings=(),
            )
            for address, cves in hosts
        ),
    )


def main(spec_path: str) -> int:
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    report = report_of(spec["hosts"])
    options = spec["options"]
    try:
        if spec["kind"] == "sync":
            with fv.Client(spec["token"], base_url=spec["url"], max_retries=4) as client:
                result = client.import_report(report, **options)
        else:

            async def go() -> fv.ImportResult:
                async with fv.AsyncClient(spec["token"], base_url=spec["url"], max_retries=4) as client:
                    return await client.import_report(report, **options)

            result = anyio.run(go)
    except fv.FutureVulsError as exc:
        print(json.dumps({"error": str(exc)}))
        return 3
    print(json.dumps(result.counts()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
