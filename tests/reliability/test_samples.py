"""The hand-made samples the mutation and hostile tests start from parse to exactly their hosts and CVEs."""

from __future__ import annotations

import io

import pytest

from futurevuls_ext.parsers import detect_format, parse_report

from ._samples import EXPECTED, SAMPLES


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_sample_parses_to_its_hosts_and_cves(fmt: str) -> None:
    report = parse_report(io.BytesIO(SAMPLES[fmt]), format=fmt, strict=True)
    assert {h.address: h.cve_ids for h in report.hosts} == EXPECTED[fmt]


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_sample_is_detected(fmt: str) -> None:
    assert detect_format(io.BytesIO(SAMPLES[fmt])) == fmt


def test_nessus_cve_of_the_last_item_in_the_file_is_kept() -> None:
    """The last ``<cve>`` of the document is not followed by any start tag; it must still count."""
    data = (
        b'<NessusClientData_v2><Report name="r"><ReportHost name="10.0.0.2">'
        b'<ReportItem port="22" protocol="tcp" severity="2" pluginID="1"><cve>CVE-2018-15919</cve>'
        b"</ReportItem></ReportHost></Report></NessusClientData_v2>"
    )
    (host,) = parse_report(io.BytesIO(data)).hosts
    assert host.cve_ids == {"CVE-2018-15919"}
