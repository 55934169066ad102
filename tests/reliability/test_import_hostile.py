"""Hostile and cut-off reports given to ``import_report``: refused before any request, and never a
reason to empty the results of hosts the file did not get to."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import futurevuls_ext as fv
from futurevuls_ext.testing import FakeFutureVuls

from ..harness import Both
from . import _hostile as H
from ._importing import import_with
from ._measure import HANG_GUARD_SECONDS, child_env
from ._samples import EXPECTED, SAMPLES

pytestmark = pytest.mark.integration

FULL = SAMPLES["nessus"]
CUT_AFTER_FIRST_HOST = FULL[: FULL.index(b'<ReportHost name="db02">') + 60]


@pytest.fixture
def fake() -> Iterator[FakeFutureVuls]:
    with FakeFutureVuls() as running:
        running.add_server("web01", ipv4="10.0.0.1")
        running.add_server("db02", ipv4="10.0.0.2")
        yield running


@pytest.mark.parametrize("case", ["billion_laughs", "xxe_file", "truncated_in_first_host", "binary_garbage"])
@pytest.mark.anyio
async def test_hostile_report_is_refused_before_any_request(
    both: Both, case: str, fake: FakeFutureVuls, tmp_path: Path
) -> None:
    path = tmp_path / f"{case}.nessus"
    H.xml_cases("nessus")[case](path)
    with pytest.raises(fv.ParseError):
        await import_with(both, fake, path, prune=True)
    assert fake.requests == []


def scans(fake: FakeFutureVuls) -> dict[str, frozenset[str]]:
    names = {s.id: s.name for s in fake.state.servers.values()}
    return {names[s.server_id]: frozenset(s.cve_ids) for s in fake.state.external_scans.values()}


@pytest.mark.anyio
async def test_cut_off_report_with_prune_keeps_the_hosts_it_did_not_reach(
    both: Both, fake: FakeFutureVuls
) -> None:
    """A download cut after the first host must not look like "db02 has no findings any more"."""
    assert (await import_with(both, fake, io.BytesIO(FULL))).ok
    full = {"web01": EXPECTED["nessus"]["10.0.0.1"], "db02": EXPECTED["nessus"]["10.0.0.2"]}
    assert scans(fake) == full
    with contextlib.suppress(fv.ParseError):  # refusing a truncated report when pruning is one right answer
        await import_with(both, fake, io.BytesIO(CUT_AFTER_FIRST_HOST), prune=True)
    assert scans(fake) == full, "pruning emptied a host that was only cut off from the report"


def test_cli_refuses_hostile_reports_with_exit_3(fake: FakeFutureVuls, tmp_path: Path) -> None:
    """``import`` names the file, exits 3 (cannot parse), prints no traceback and sends nothing."""
    paths = []
    for fmt, case in (("nessus", "billion_laughs"), ("nmap", "xxe_file"), ("nuclei", "deep_nesting_array")):
        path = tmp_path / f"{fmt}-{case}.report"
        (H.xml_cases(fmt) if fmt in H.XML_FORMATS else H.json_cases(fmt))[case](path)
        paths.append((path, fmt))
    env = child_env(FUTUREVULS_API_TOKEN=fake.token)

    def run(item: tuple[Path, str]) -> subprocess.CompletedProcess[str]:
        args = ["import", str(item[0]), "--format", item[1], "--base-url", fake.url]
        return subprocess.run(
            [sys.executable, "-m", "futurevuls_ext", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=HANG_GUARD_SECONDS,
            check=False,
        )

    with ThreadPoolExecutor(max_workers=len(paths)) as pool:
        done = list(pool.map(run, paths))
    for (path, _fmt), proc in zip(paths, done, strict=True):
        assert proc.returncode == 3, proc.stderr
        assert str(path) in proc.stderr
        assert "Traceback" not in proc.stderr + proc.stdout
    assert fake.requests == []
