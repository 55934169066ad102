"""A host the report lists without CVEs, with no result yet, is "no CVEs" (nothing recorded), not
"unchanged" - on the first import, dry run or not; once a result exists, emptying it is an update."""

from __future__ import annotations

import pytest

import futurevuls_ext as fv
from futurevuls_ext.parsers import Finding, HostResult, ScanReport
from futurevuls_ext.testing import FakeFutureVuls

pytestmark = pytest.mark.integration


def _report(cves: frozenset[str]) -> ScanReport:
    host = HostResult(
        address="203.0.113.10",
        hostnames=frozenset(),
        ip_addresses=frozenset({"203.0.113.10"}),
        cve_ids=cves,
        ports=frozenset(),
        findings=(Finding(address="203.0.113.10", ip="203.0.113.10", cve_ids=cves),),
    )
    return ScanReport(format="nmap", source="scan.xml", hosts=(host,))


@pytest.mark.parametrize("dry_run", [True, False])
def test_first_import_of_a_host_without_cves(dry_run: bool) -> None:
    with FakeFutureVuls(dataset="demo") as fake, fv.Client(fake.token, base_url=fake.url) as client:
        result = client.import_report(_report(frozenset()), name="clean-scan", dry_run=dry_run)
        assert fake.state.external_scans == {} or all(
            s.name != "clean-scan" for s in fake.state.external_scans.values()
        )
    assert [row.host for row in result.no_cves] == ["203.0.113.10"]
    assert result.no_cves[0].reason == "no CVEs; nothing to record"
    assert result.unchanged == ()
    assert result.counts()["no_cves"] == 1
    assert result.counts()["unchanged"] == 0
    assert "unchanged 0" in result.summary()
    assert "no_cves 1" in result.summary()
    assert result.to_dict()["no_cves"][0]["host"] == "203.0.113.10"


def test_a_result_that_exists_is_emptied_as_an_update() -> None:
    with FakeFutureVuls(dataset="demo") as fake, fv.Client(fake.token, base_url=fake.url) as client:
        first = client.import_report(_report(frozenset({"CVE-2024-6387"})), name="scan")
        again = client.import_report(_report(frozenset()), name="scan")
        third = client.import_report(_report(frozenset()), name="scan")
    assert len(first.created) == 1
    assert len(again.updated) == 1 and again.no_cves == ()
    assert len(third.unchanged) == 1 and third.no_cves == ()  # an empty result exists: truly unchanged
