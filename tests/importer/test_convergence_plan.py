"""The planner's convergence rules (pure): one target per host identity, healing, pseudo-server repair,
conflicting server maps refused, merged reports and the typed truncation marker."""

from __future__ import annotations

import pytest

from futurevuls_ext import ConfigError, ParseError
from futurevuls_ext.importer import ImportOptions, load_server_map, plan_import
from futurevuls_ext.importer._program import load_report
from futurevuls_ext.parsers import ScanReport, SkippedRecord, Truncation, merge_reports

from .factories import host, scan, server


def opts(**kwargs: object) -> ImportOptions:
    return ImportOptions(name="nessus", **kwargs)  # type: ignore[arg-type]


def test_spelling_variants_of_one_host_are_one_pseudo_server() -> None:
    hosts = [
        host("WEB01", ("CVE-2024-1",)),
        host("web01", ("CVE-2024-2",)),
        host("2001:DB8:0::1", ("CVE-2024-3",)),
        host("2001:db8::1", ("CVE-2024-4",)),
        host("Bücher.Example", ("CVE-2024-5",)),
        host("xn--bcher-kva.example", ("CVE-2024-6",)),
    ]
    plan = plan_import(hosts, [], [], opts(create_pseudo_servers=True))
    creates = sorted((w.pseudo_server_name, w.cve_ids) for w in plan.writes)
    assert creates == [
        ("2001:db8::1", frozenset({"CVE-2024-3", "CVE-2024-4"})),
        ("web01", frozenset({"CVE-2024-1", "CVE-2024-2"})),
        ("xn--bcher-kva.example", frozenset({"CVE-2024-5", "CVE-2024-6"})),
    ]


def test_existing_pseudo_server_matches_every_spelling() -> None:
    servers = [server(5, "WEB01"), server(6, "2001:db8::1"), server(7, "10.0.0.1", os_family="ubuntu")]
    hosts = [
        host("web01.", ("CVE-2024-1",)),
        host("2001:DB8::0:1", ("CVE-2024-2",)),
        host("::FFFF:10.0.0.1", ("CVE-2024-3",)),
    ]
    plan = plan_import(hosts, servers, [], opts(create_pseudo_servers=True))
    assert sorted(w.server_id for w in plan.writes if w.server_id is not None) == [5, 6, 7]
    assert all(w.action == "create" for w in plan.writes)


def test_server_map_naming_two_servers_for_one_host_is_refused() -> None:
    two = host("10.0.0.1", ("CVE-2024-1",), names=("web01",))
    with pytest.raises(ConfigError, match=r"'10\.0\.0\.1' -> server 1.*'web01' -> server 2"):
        plan_import([two], [], [], opts(server_map={"10.0.0.1": 1, "web01": 2}))
    with pytest.raises(ConfigError, match=r"'WEB01' -> 1 and 'web01' -> 2"):
        opts(server_map={"WEB01": 1, "web01": 2})


def test_server_map_file_with_two_spellings_for_two_servers_is_refused(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "map.csv"
    path.write_text("::ffff:10.0.0.1,1\n10.0.0.1,2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="two different servers for one host"):
        load_server_map(path)


def test_duplicate_pseudo_servers_resolve_to_the_lowest_and_heal_the_others() -> None:
    servers = [server(9, "web01"), server(4, "WEB01"), server(12, "web01")]
    scans = [scan(30, 9, "nessus", ("CVE-2024-9",)), scan(31, 12, "other", ("CVE-2024-8",))]
    (write,) = plan_import(
        [host("web01", ("CVE-2024-1",))], servers, scans, opts(create_pseudo_servers=True)
    ).writes
    assert write.server_id == 4 and write.action == "create"
    assert [extra.id for extra in write.extras] == [30]
    assert write.duplicate_servers == ()  # nothing is deleted unless pruning deletes
    deleting = opts(create_pseudo_servers=True, prune=True, prune_mode="delete")
    (write,) = plan_import([host("web01", ("CVE-2024-1",))], servers, scans, deleting).writes
    assert write.duplicate_servers == (9,)  # 12 holds another name's result: kept
    assert write.extras == ()  # 9's result goes with the server


def test_pseudo_server_role_and_tags_are_repaired() -> None:
    wanted = opts(create_pseudo_servers=True, pseudo_server_role_id=7, pseudo_server_tags=("ext", "scan"))
    stale = [server(5, "web01", role_id=1, tags=("keep",))]
    scans = [scan(20, 5, "nessus", ("CVE-2024-1",))]
    (write,) = plan_import([host("web01", ("CVE-2024-1",))], stale, scans, wanted).writes
    assert write.action == "unchanged" and write.needs_calls
    assert write.role_id == 7
    assert write.tags == ("keep", "ext", "scan")
    assert [
        o.host
        for o in plan_import([host("web01", ("CVE-2024-1",))], stale, scans, wanted).as_result().updated
    ] == ["web01"]
    right = [server(5, "web01", role_id=7, tags=("scan", "ext"))]
    (write,) = plan_import([host("web01", ("CVE-2024-1",))], right, scans, wanted).writes
    assert not write.needs_calls


def test_a_real_server_matched_by_address_is_never_retagged() -> None:
    wanted = opts(create_pseudo_servers=True, pseudo_server_role_id=7, pseudo_server_tags=("ext",))
    real = [server(5, "db", "10.0.0.5", os_family="ubuntu")]
    (write,) = plan_import([host("10.0.0.5", ("CVE-2024-1",))], real, [], wanted).writes
    assert write.role_id is None and write.tags is None


def _report(source: str, hosts: tuple[str, ...], *, cut: bool = False) -> ScanReport:
    return ScanReport(
        format="nessus",
        source=source,
        hosts=tuple(host(h, ("CVE-2024-1",)) for h in hosts),
        skipped=(SkippedRecord(location=f"{source}:1", reason="bad"),),
        skipped_count=1,
        warnings=(f"warning of {source}",),
        truncations=(Truncation(source=source, location="line 9", reason="cut"),) if cut else (),
    )


def test_merge_reports_keeps_every_warning_skip_and_truncation() -> None:
    merged = merge_reports([_report("a", ("WEB01", "10.0.0.1")), _report("b", ("web01",), cut=True)])
    assert [h.address for h in merged.hosts] == ["WEB01", "10.0.0.1"]
    assert [s.location for s in merged.skipped] == ["a:1", "b:1"]
    assert merged.skipped_count == 2
    assert merged.warnings == ("a: warning of a", "b: warning of b")
    assert merged.truncated and merged.truncations[0].source == "b"


@pytest.mark.parametrize("order", [("full", "cut"), ("cut", "full")])
def test_prune_is_refused_when_any_input_is_truncated(order: tuple[str, str]) -> None:
    reports = {"full": _report("full", ("10.0.0.1",)), "cut": _report("cut", ("10.0.0.2",), cut=True)}
    sources = [reports[key] for key in order]
    with pytest.raises(ParseError, match=r"truncated .*cut at line 9.*refusing to prune"):
        load_report(sources, prune=True)
    assert load_report(sources).truncated  # without prune the complete hosts are imported
