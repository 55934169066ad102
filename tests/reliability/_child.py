"""Child process of the hostile-input tests: parse one file, print the outcome and the peak RSS as JSON.

Usage: ``python _child.py baseline`` (import the package and load every parser, nothing else) or
``python _child.py parse PATH FORMAT`` (``-`` as FORMAT detects it). Peak RSS is
``resource.getrusage(RUSAGE_SELF).ru_maxrss`` (KiB on Linux), read after the parse.
"""

from __future__ import annotations

import json
import resource
import sys
from typing import Any


def _parse(path: str, fmt: str) -> dict[str, Any]:
    from futurevuls_ext import ParseError
    from futurevuls_ext.parsers import parse_report

    try:
        report = parse_report(path, format=None if fmt == "-" else fmt)
    except ParseError as exc:
        return {
            "outcome": "ParseError",
            "type": type(exc).__name__,
            "message": str(exc)[:4000],
            "source": exc.source,
            "location": exc.location,
        }
    except BaseException as exc:  # the point: see any foreign exception
        return {"outcome": "other", "type": type(exc).__name__, "message": str(exc)[:4000]}
    return {"outcome": "ok", "hosts": len(report.hosts), "format": report.format}


def main(argv: list[str]) -> int:
    """Run one measurement and print it as one JSON line."""
    import futurevuls_ext
    from futurevuls_ext.parsers import registry

    registry.load_all()
    result: dict[str, Any] = {"outcome": "baseline", "package": futurevuls_ext.__name__}
    if argv[1:2] == ["parse"]:
        result = _parse(argv[2], argv[3])
    result["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
