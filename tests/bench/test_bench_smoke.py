"""Smoke tests of the benchmark harness: generators at tiny sizes, floors and tallies count correctly.

No timing assertions: performance is measured by ``nox -s bench``, not by the test suite.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from bench import generate
from bench.counts import Counts, Tally
from bench.floors import FLOORS
from bench.generate._writer import read_truth
from bench.impls import FORMATS, impls_for
from bench.report import Verdict, format_verdicts, parse_verdicts
from bench.runner import Measurement

TINY = 60_000


@pytest.mark.parametrize("fmt", FORMATS)
def test_generator_writes_at_least_the_size_and_a_truth_sidecar(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"tiny.{fmt}"
    truth = generate.GENERATORS[fmt](path, size_bytes=TINY)
    assert path.stat().st_size == truth.size_bytes >= TINY
    assert truth.hosts > 1
    assert truth.host_cves > 0
    assert read_truth(path) == truth


@pytest.mark.parametrize("fmt", FORMATS)
def test_floor_counts_what_the_generator_wrote(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"tiny.{fmt}"
    truth = generate.GENERATORS[fmt](path, size_bytes=TINY)
    assert FLOORS[fmt](path) == Counts(hosts=truth.hosts, host_cves=truth.host_cves, cves=truth.cves)


@pytest.mark.parametrize("fmt", FORMATS)
def test_generators_are_deterministic(tmp_path: Path, fmt: str) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    generate.GENERATORS[fmt](a, size_bytes=TINY, seed=3)
    generate.GENERATORS[fmt](b, size_bytes=TINY, seed=3)
    assert a.read_bytes() == b.read_bytes()


def test_floor_nessus_reads_host_ip_and_every_cve(tmp_path: Path) -> None:
    path = tmp_path / "hand.nessus"
    path.write_text(
        '<?xml version="1.0" ?>\n<NessusClientData_v2><Report name="r">'
        '<ReportHost name="web.example"><HostProperties><tag name="host-ip">192.0.2.7</tag>'
        '<tag name="patch-summary-cves-x">CVE-2000-0001</tag></HostProperties>'
        '<ReportItem port="443" pluginID="1"><cve>CVE-2023-0001</cve>\n<cve> cve-2023-0002 </cve>'
        "<description>mentions CVE-2023-9999</description></ReportItem>"
        '<ReportItem port="0" pluginID="2"><cve>CVE-2023-0001</cve></ReportItem></ReportHost>'
        '<ReportHost name="198.51.100.1"><HostProperties/><ReportItem port="22" pluginID="3"/></ReportHost>'
        "</Report></NessusClientData_v2>",
        encoding="utf-8",
    )
    assert FLOORS["nessus"](path) == Counts(hosts=2, host_cves=2, cves=2)


def test_floor_nmap_counts_only_up_hosts_and_cve_rows(tmp_path: Path) -> None:
    row = '<table><elem key="id">{}</elem><elem key="type">{}</elem></table>'
    path = tmp_path / "hand.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE nmaprun>\n<nmaprun>'
        '<host><status state="up"/><address addr="00:11:22:33:44:55" addrtype="mac"/>'
        '<address addr="192.0.2.9" addrtype="ipv4"/><ports><port protocol="tcp" portid="22">'
        '<script id="vulners" output="x"><table key="cpe:/a:openbsd:openssh:7.4">'
        + row.format("CVE-2018-15473", "cve")
        + row.format("PRION:CVE-2018-15919", "prion")
        + row.format("EDB-ID:45233", "exploitdb")
        + "</table></script></port>"
        '<port protocol="tcp" portid="80"><script id="http-title" output="t">'
        + row.format("CVE-2099-0001", "cve")
        + "</script></port></ports></host>"
        '<host><status state="down"/><address addr="192.0.2.10" addrtype="ipv4"/></host>'
        '<runstats><hosts up="1" down="1"/></runstats></nmaprun>',
        encoding="utf-8",
    )
    assert FLOORS["nmap"](path) == Counts(hosts=1, host_cves=1, cves=1)


def test_floor_qualys_skips_the_preamble_and_decoy_table(tmp_path: Path) -> None:
    path = tmp_path / "hand.csv"
    path.write_text(
        '"Scan Results","x"\r\n\r\n"IP","Network","Total Vulnerabilities"\r\n"10.0.0.0/24","n","3"\r\n\r\n'
        '"IP","DNS","QID","CVE ID","Results"\r\n'
        '"10.0.0.1","a","1","CVE-2021-0001, CVE-2021-0002","multi\nline"\r\n'
        '"10.0.0.1","b","2","CVE-2021-0002",""\r\n'
        '"10.0.0.2","c","3","",""\r\n',
        encoding="utf-8-sig",
    )
    assert FLOORS["qualys-csv"](path) == Counts(hosts=2, host_cves=2, cves=2)


def test_floor_nuclei_takes_list_and_string_cve_ids_and_skips_non_matches(tmp_path: Path) -> None:
    lines = [
        {"host": "a.example", "info": {"classification": {"cve-id": ["cve-2021-44228"]}}},
        {"host": "a.example", "info": {"classification": {"cve-id": "CVE-2021-1, CVE-2021-2"}}},
        {"host": "b.example", "info": {}},
        {
            "host": "c.example",
            "matcher-status": False,
            "info": {"classification": {"cve-id": ["cve-2020-1"]}},
        },
    ]
    path = tmp_path / "hand.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    assert FLOORS["nuclei"](path) == Counts(hosts=2, host_cves=3, cves=3)


def test_tally_filters_non_cve_ids() -> None:
    t = Tally()
    t.add_filtered("h", ["cve-2020-1234", "EDB-ID:1", "MSF:X-CVE-2019-1111-", None, "smb-vuln-ms17-010"])
    t.add("g")
    assert t.counts() == Counts(hosts=2, host_cves=1, cves=1)


def test_ensure_caches_and_regenerates_stale_files(tmp_path: Path) -> None:
    logs: list[str] = []
    path, truth = generate.ensure("nuclei", 0.05, data_dir=tmp_path, log=logs.append)
    again, truth2 = generate.ensure("nuclei", 0.05, data_dir=tmp_path, log=logs.append)
    assert (again, truth2) == (path, truth)
    assert len(logs) == 1
    with path.open("ab") as f:
        f.write(b"\n")
    generate.ensure("nuclei", 0.05, data_dir=tmp_path, log=logs.append)
    assert len(logs) == 2
    assert not list(tmp_path.glob("*.part*"))


def test_impls_put_floor_first_and_peers_last() -> None:
    kinds = [i.kind for i in impls_for("nessus")]
    assert kinds[0] == "floor"
    assert kinds.index("ours") < kinds.index("peer")
    assert [i.kind for i in impls_for("qualys-csv")] == ["floor", "ours", "ours", "ours"]


def _m(
    impl: str, kind: str, seconds: float | None, *, status: str = "ok", agrees: bool = True
) -> Measurement:
    return Measurement(
        format="nessus",
        impl=impl,
        kind=kind,
        file="f",
        size_mb=100.0,
        status=status,
        seconds=seconds,
        agrees=agrees,
        hosts=1,
        host_cves=1,
    )


def test_verdicts_compare_ours_to_fastest_peer_and_floor() -> None:
    rows = [
        _m("floor", "floor", 1.0),
        _m("ours:x", "ours", 1.4),
        _m("p1", "peer", 2.0),
        _m("p2", "peer", 1.5),
        _m("p3", "peer", None, status="timeout"),
    ]
    verdicts = {v.name.split(": ", 1)[1]: v for v in parse_verdicts(rows)}
    peer = verdicts["ours/fastest-peer wall time"]
    assert peer.value == pytest.approx(1.4 / 1.5)
    assert peer.passed is False
    assert "p2" in peer.detail
    floor = verdicts["ours/floor wall time"]
    assert floor.value == pytest.approx(1.4)
    assert floor.passed is True
    text = format_verdicts(list(verdicts.values()))
    assert "[FAIL]" in text
    assert "[PASS]" in text


def test_verdicts_flag_disagreeing_counts_and_missing_parsers() -> None:
    rows = [
        _m("floor", "floor", 1.0),
        _m("ours:x", "ours", 0.5, agrees=False),
        _m("ours:y", "ours", None, status="not available"),
    ]
    verdicts = parse_verdicts(rows)
    assert any(v.passed is False and "agree" in v.name for v in verdicts)
    assert any(v.passed is None and "ours:y" in v.name for v in verdicts)
    assert all(isinstance(v, Verdict) for v in verdicts)


def test_tally_merges_a_host_seen_twice() -> None:
    t = Tally()
    t.add("h", ["CVE-2020-0001", "CVE-2020-0002"])
    t.add("g", ["CVE-2020-0002"])
    t.add("h", ["CVE-2020-0002", "CVE-2020-0003"])
    assert t.counts() == Counts(hosts=2, host_cves=4, cves=3)
    assert Tally.from_sets({"a": {"x", "y"}, "b": set()}).counts() == Counts(hosts=2, host_cves=2, cves=2)


def test_rss_verdict_applies_to_the_streaming_api_only() -> None:
    from bench.report import rss_verdicts

    rows = [
        attrs.evolve(_m("ours:iter_findings", "ours", 10.0), peak_rss_mb=40.0),
        attrs.evolve(_m("ours:parse_report", "ours", 12.0), peak_rss_mb=900.0),
        attrs.evolve(_m("floor", "floor", 5.0), peak_rss_mb=20.0),
    ]
    verdicts = rss_verdicts(rows)
    assert [v.passed for v in verdicts] == [True, None]


def test_verdicts_can_use_cpu_time() -> None:
    rows = [
        attrs.evolve(_m("floor", "floor", 1.0), cpu_seconds=1.0),
        attrs.evolve(_m("ours:x", "ours", 3.0), cpu_seconds=1.2),
        attrs.evolve(_m("p1", "peer", 2.0), cpu_seconds=2.0),
    ]
    verdicts = {v.name.split(": ", 1)[1]: v for v in parse_verdicts(rows, metric="cpu")}
    assert verdicts["ours/floor cpu time"].value == pytest.approx(1.2)
    assert verdicts["ours/floor cpu time"].passed is True
    assert verdicts["ours/fastest-peer cpu time"].value == pytest.approx(0.6)
    assert "wall-time ratio 1.500" in verdicts["ours/fastest-peer cpu time"].detail


def test_measure_format_runs_children_and_reports_mismatches_loudly(tmp_path: Path) -> None:
    from bench.runner import RunOptions, measure_format

    path = tmp_path / "tiny.nessus"
    truth = generate.GENERATORS["nessus"](path, size_bytes=TINY)
    logs: list[str] = []
    opts = RunOptions(reps=2, kinds=("floor",))
    [m] = measure_format("nessus", path, truth, opts, log=logs.append)
    assert (m.impl, m.status, m.reps, m.agrees) == ("floor", "ok", 2, True)
    assert (m.hosts, m.host_cves) == (truth.hosts, truth.host_cves)
    assert m.peak_rss_mb is not None
    assert m.peak_rss_mb > 0
    assert not any("MISMATCH" in line for line in logs)

    wrong = attrs.evolve(truth, hosts=truth.hosts + 1)
    [m] = measure_format("nessus", path, wrong, RunOptions(reps=1, kinds=("floor",)), log=logs.append)
    assert m.agrees is False
    assert any("MISMATCH" in line for line in logs)


def test_fake_writes_bench_runs_at_a_tiny_size() -> None:
    from bench.fake_writes import measure

    row = measure(20, writes=4, rounds=1)
    assert row["servers"] == 20
    assert row["tasks"] == 100  # the seed: 5 CVEs per server; the bench's own results were deleted
    assert row["writes"] == 12
    assert row["writes_per_s"] > 0


@pytest.mark.parametrize("kind", ["floor", "async-httpx", "async-aiohttp", "sync", "sync-httpx"])
def test_import_scale_rows_run_at_a_tiny_size(kind: str) -> None:
    from bench.import_scale_child import address, run
    from futurevuls_ext.testing import FakeFutureVuls

    with FakeFutureVuls() as fake:
        for i in range(1, 4):
            fake.add_server(f"srv-{i}", ipv4=address(i))
        row = run(kind, 2, fake.url, fake.token, 3)
        assert len(fake.state.external_scans) == 3
    assert row["counts"]["created"] == 3
    assert row["seconds"] > 0
