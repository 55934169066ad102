"""Hostile and cut-off reports given to ``import_report``: refused before any request, and never a
reason to empty the results of hosts the file did not get to."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

import futurevuls_ext as fv
from futurevuls_ext.testing import FakeFutureVuls

from . import _hostile as H
from ._importing import run_import
from ._samples import EXPECTED, SAMPLES

pytestmark = pytest.mark.integration

FULL = SAMPLES["nessus"]
CUT_AFTER_FIRST_HOST = FULL[: FULL.index(b'<ReportHost name="db02">') + 60]


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def fake() -> Iterator[FakeFutureVuls]:
    with FakeFutureVuls() as running:
        running.add_server("web01", ipv4="10.0.0.1")
        running.add_server("db02", ipv4="10.0.0.2")
        yield running


@pytest.mark.parametrize("case", ["billion_laughs", "xxe_file", "truncated_in_first_host", "binary_garbage"])
def test_hostile_report_is_refused_before_any_request(
    kind: str, case: str, fake: FakeFutureVuls, tmp_path: Path
) -> None:
    path = tmp_path / f"{case}.nessus"
    H.xml_cases("nessus")[case](path)
    with pytest.raises(fv.ParseError):
        run_import(kind, fake, path, prune=True)
    assert fake.requests == []


def scans(fake: FakeFutureVuls) -> dict[str, frozenset[str]]:
    names = {s.id: s.name for s in fake.state.servers.values()}
    return {names[s.server_id]: frozenset(s.cve_ids) for s in fake.state.external_scans.values()}


def test_cut_off_report_with_prune_keeps_the_hosts_it_did_not_reach(kind: str, fake: FakeFutureVuls) -> None:
    """A download cut after the first host must not look like "db02 has no findings any more"."""
    assert run_import(kind, fake, io.BytesIO(FULL)).ok
    full = {"web01": EXPECTED["nessus"]["10.0.0.1"], "db02": EXPECTED["nessus"]["10.0.0.2"]}
    assert scans(fake) == full
    with contextlib.suppress(fv.ParseError):  # refusing a truncated report when pruning is one right answer
        run_import(kind, fake, io.BytesIO(CUT_AFTER_FIRST_HOST), prune=True)
    assert scans(fake) == full, "pruning emptied a host that was only cut off from the report"
