from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from futurevuls_ext.demo import DATA_FILES, data_path, run_demo
from futurevuls_ext.parsers import parse_report

EXPECTED = {
    "perimeter.nessus": (
        "nessus",
        {
            "203.0.113.10": {"CVE-2024-6387", "CVE-2023-38408", "CVE-2023-44487"},
            "203.0.113.11": {"CVE-2023-44487", "CVE-2021-23017"},
        },
    ),
    "qualys.csv": ("qualys-csv", {"203.0.113.20": {"CVE-2021-44228", "CVE-2024-6387"}}),
    "edge.nmap.xml": ("nmap", {"198.51.100.1": {"CVE-2022-40684"}, "198.51.100.77": {"CVE-2024-6387"}}),
    "asm.nuclei.jsonl": ("nuclei", {"shop.demo.example": {"CVE-2023-44487"}}),
    "greenbone.openvas.xml": ("openvas", {"203.0.113.10": {"CVE-2024-6387", "CVE-2023-44487"}}),
    "shop.zap.json": ("zap", {"shop.demo.example": {"CVE-2020-11022"}}),
    "inspector.json": (
        "inspector",
        {"i-0a1b2c3d4e5f60003": {"CVE-2021-44228"}, "i-0a1b2c3d4e5f60004": set()},
    ),
}


@pytest.mark.parametrize("name", DATA_FILES)
def test_bundled_reports_parse_as_written(name: str) -> None:
    fmt, hosts = EXPECTED[name]
    report = parse_report(data_path(name))
    assert report.format == fmt
    assert {h.address: set(h.cve_ids) for h in report.hosts} == hosts
    assert report.warnings == ()


def test_demo_runs_the_whole_loop() -> None:
    out = io.StringIO()
    summary = run_demo(out=out)
    created = {item["file"]: item["counts"]["created"] for item in summary["imports"]}
    assert created == {
        "perimeter.nessus": 2,
        "qualys.csv": 1,
        "edge.nmap.xml": 2,
        "asm.nuclei.jsonl": 1,
        "greenbone.openvas.xml": 1,
        "shop.zap.json": 1,
    }
    assert all(item["ok"] for item in summary["imports"])
    assert summary["exposure"] == {"moved": ["api-01"], "what_if_changes": 1}
    assert "re-import of perimeter.nessus: 0 writes" in out.getvalue()
    assert "out-of-cycle -> immediate" in out.getvalue()
    no_plan = summary["queues"]["no-plan"]
    assert {"api-01", "edge-fw-01", "web-01", "web-02"} <= {row["server_name"] for row in no_plan}
    lines = out.getvalue().splitlines()
    assert "applied: moved api-01 into Internet-Facing" in lines  # names, not a Python list
    assert not [line for line in lines if "['" in line]
    at = lines.index(f"no-plan: {len(no_plan)} exposed task(s)")
    assert lines[at + 6] == (
        f"  … and {len(no_plan) - 5} more (futurevuls-ext triage --queue no-plan --exposed-only)"
    )


@pytest.mark.integration
def test_demo_cli_json() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "futurevuls_ext", "demo", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["exposure"]["moved"] == ["api-01"]
