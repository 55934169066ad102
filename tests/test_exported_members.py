"""The public surface: every exported name resolves, and importing the package stays light."""

from __future__ import annotations

import subprocess
import sys

import futurevuls_ext as fv

PRODUCT_NAMES = {
    "Client", "AsyncClient", "ApiProfile", "parse_report", "iter_findings", "detect_format", "ScanReport",
    "HostResult", "Finding", "Port", "SkippedRecord", "Reachability", "ImportResult", "HostOutcome",
    "FutureVulsError", "ParseError", "UnknownFormatError", "ConfigError", "APIStatusError", "RateLimitError",
    "Server", "ServerTag", "Task", "ExternalScan", "TaskStatus", "TaskPriority", "IgnoreUntil",
}  # fmt: skip


def test_every_exported_name_resolves() -> None:
    for name in fv.__all__:
        assert getattr(fv, name) is not None, name


def test_product_names_are_exported() -> None:
    assert set(fv.__all__) >= PRODUCT_NAMES
    assert fv.ssvc.deployer_priority is not None
    assert fv.testing.FakeFutureVuls is not None


def test_import_is_lazy() -> None:
    code = (
        "import sys, futurevuls_ext as fv; fv.Client; "
        "heavy = [m for m in ('futurevuls_ext.parsers.nessus', 'futurevuls_ext.testing._fake', "
        "'futurevuls_ext.importer', 'futurevuls_ext.cli', 'defusedxml') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_library_never_configures_logging_handlers() -> None:
    code = (
        "import logging, futurevuls_ext as fv, futurevuls_ext.demo as d, io; "
        "d.run_demo(out=io.StringIO()); "
        "names = [n for n in logging.root.manager.loggerDict if n.startswith('futurevuls')]; "
        "bad = [n for n in names if logging.getLogger(n).handlers]; "
        "print(len(logging.root.handlers), bad, all(n.startswith('futurevuls_ext') for n in names))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "0 [] True"
