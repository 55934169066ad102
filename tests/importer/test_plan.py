from __future__ import annotations

from pathlib import Path

import pytest

from futurevuls_ext import ConfigError, InvalidArgumentError
from futurevuls_ext.importer._options import ImportOptions
from futurevuls_ext.importer._plan import plan_import
from futurevuls_ext.importer._resolve import resolve_hosts
from futurevuls_ext.importer._server_map import load_server_map

from .factories import host, scan, server

SERVERS = [
    server(1, "web01", "10.0.0.1"),
    server(2, "db01.example.com", "10.0.0.2"),
    server(3, "twin", "10.0.0.9"),
    server(4, "twin", "10.0.0.8"),
]


def test_resolution_order() -> None:
    hosts = [
        host("10.0.0.1"),  # by ip
        host("192.0.2.7", names=("DB01.example.com",)),  # by name, case-insensitive
        host("203.0.113.5"),  # by server_map
        host("twin"),  # ambiguous
        host("198.51.100.1"),  # nothing
    ]
    res = resolve_hosts(hosts, SERVERS, server_map={"203.0.113.5": 9})
    assert [r.server_id for r in res] == [1, 2, 9, None, None]
    assert "ambiguous" in res[3].reason
    assert "server_map" in res[4].reason
    assert not res[4].resolved


def test_server_map_beats_matching_and_explicit_id_beats_all() -> None:
    res = resolve_hosts([host("10.0.0.1")], SERVERS, server_map={"10.0.0.1": 7})
    assert res[0].server_id == 7
    res = resolve_hosts([host("10.0.0.1")], SERVERS, server_id=5)
    assert res[0].server_id == 5


def test_pseudo_only_when_nothing_matches() -> None:
    res = resolve_hosts([host("10.0.0.1"), host("198.51.100.1")], SERVERS, create_pseudo_servers=True)
    assert res[0].server_id == 1
    assert res[1].pseudo_server_name == "198.51.100.1"


def opts(**kw: object) -> ImportOptions:
    return ImportOptions(name="nessus", **kw)  # type: ignore[arg-type]


def test_plan_create_update_unchanged() -> None:
    hosts = [
        host("10.0.0.1", ("CVE-2024-1",)),
        host("10.0.0.2", ("CVE-2024-2",)),
        host("10.0.0.9", ("CVE-2024-3",)),
    ]
    scans = [
        scan(10, 2, "nessus", ("CVE-2024-2",)),
        scan(11, 3, "nessus", ("CVE-2024-9",)),
        scan(12, 1, "other-name", ("CVE-2024-1",)),
    ]
    plan = plan_import(hosts, SERVERS, scans, opts())
    actions = {w.label: (w.action, w.server_id) for w in plan.writes}
    assert actions == {"10.0.0.1": ("create", 1), "10.0.0.2": ("unchanged", 2), "10.0.0.9": ("update", 3)}
    update = next(w for w in plan.writes if w.action == "update")
    assert update.send_cve_ids and not update.send_is_external
    assert update.existing is not None and update.existing.id == 11


def test_flag_change_alone_is_an_update_without_cves() -> None:
    plan = plan_import(
        [host("10.0.0.2", ("CVE-2024-2",))],
        SERVERS,
        [scan(10, 2, "nessus", ("CVE-2024-2",))],
        opts(is_external=False),
    )
    (write,) = plan.writes
    assert write.action == "update"
    assert write.send_is_external and not write.send_cve_ids


def test_hosts_on_one_server_are_merged() -> None:
    plan = plan_import(
        [host("a", ("CVE-2024-1",)), host("b", ("CVE-2024-2",))], SERVERS, [], opts(server_id=1)
    )
    (write,) = plan.writes
    assert write.cve_ids == {"CVE-2024-1", "CVE-2024-2"}
    assert write.hosts == ("a", "b")


def test_empty_hosts_write_nothing_unless_a_result_exists() -> None:
    plan = plan_import(
        [host("10.0.0.1"), host("10.0.0.2")], SERVERS, [scan(10, 2, "nessus", ("CVE-2024-2",))], opts()
    )
    actions = {w.label: w.action for w in plan.writes}
    assert actions == {"10.0.0.1": "no_cves", "10.0.0.2": "update"}


def test_prune_empties_results_no_longer_reported_once() -> None:
    scans = [
        scan(10, 2, "nessus", ("CVE-2024-2",)),
        scan(11, 3, "nessus", ()),
        scan(12, 4, "nmap", ("CVE-1",)),
    ]
    plan = plan_import([host("10.0.0.1", ("CVE-2024-1",))], SERVERS, scans, opts(prune=True))
    prunes = [w for w in plan.writes if w.action == "prune"]
    assert [w.existing.id for w in prunes if w.existing] == [10]  # 11 is already empty, 12 is another name
    plan = plan_import(
        [host("10.0.0.1", ("CVE-2024-1",))], SERVERS, scans, opts(prune=True, prune_mode="delete")
    )
    assert sorted(w.existing.id for w in plan.writes if w.action == "prune" and w.existing) == [10, 11]


def test_dry_run_result_lists_every_host_once() -> None:
    hosts = [host("10.0.0.1", ("CVE-2024-1",)), host("198.51.100.1", ("CVE-2024-5",))]
    result = plan_import(hosts, SERVERS, [], opts()).as_result()
    assert result.dry_run
    assert [o.host for o in result.created] == ["10.0.0.1"]
    assert [o.host for o in result.unresolved] == ["198.51.100.1"]
    assert not result.ok
    assert "unresolved: 198.51.100.1" in result.summary()


def test_duplicate_results_are_healed_lowest_id_kept() -> None:
    scans = [scan(21, 1, "nessus", ("CVE-2024-1",)), scan(20, 1, "nessus", ("CVE-2024-1",))]
    plan = plan_import([host("10.0.0.1", ("CVE-2024-1",))], SERVERS, scans, opts())
    (write,) = plan.writes
    assert write.action == "unchanged"
    assert write.existing is not None and write.existing.id == 20
    assert [extra.id for extra in write.extras] == [21]
    assert write.needs_calls
    assert "1 duplicate result(s) healed" in write.reason
    result = plan.as_result()
    assert [row.external_scan_id for row in result.healed] == [21]
    assert result.counts()["healed"] == 1


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"server_id": 1, "create_pseudo_servers": True}, ConfigError, "do not combine"),
        ({"concurrency": 0}, InvalidArgumentError, "concurrency must be a positive integer"),
        ({"prune_mode": "drop"}, ConfigError, "prune_mode"),
    ],
)
def test_bad_options(kwargs: dict[str, object], error: type[Exception], fragment: str) -> None:
    with pytest.raises(error, match=fragment):
        opts(**kwargs)


def test_one_tag_string_is_one_tag_and_the_default_name_is_the_format() -> None:
    with pytest.raises(ConfigError, match="must not be blank"):
        ImportOptions(name="  ")
    options = ImportOptions(pseudo_server_tags="internet-facing")
    assert options.pseudo_server_tags == ("internet-facing",)
    assert ImportOptions(pseudo_server_tags=["a", "b"]).pseudo_server_tags == ("a", "b")
    assert options.name == "" and options.for_report("nessus").name == "nessus"
    assert ImportOptions(name="weekly").for_report("nessus").name == "weekly"


def test_server_map_files(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text('{"203.0.113.5": 9, "WWW.example.com": "10"}')
    assert load_server_map(tmp_path / "m.json") == {"203.0.113.5": 9, "www.example.com": 10}
    (tmp_path / "m.csv").write_text("host,server_id\n203.0.113.5,9\n# comment\n\nwww.example.com, 10\n")
    assert load_server_map(tmp_path / "m.csv") == {"203.0.113.5": 9, "www.example.com": 10}
    (tmp_path / "ip_and_id_mapping.txt").write_text("127.0.0.1 55 2141494\n10.0.0.3,56,7\n")
    assert load_server_map(tmp_path / "ip_and_id_mapping.txt") == {"127.0.0.1": 2141494, "10.0.0.3": 7}
    (tmp_path / "bad.csv").write_text("a,1\nb,x\n")
    with pytest.raises(ConfigError, match="line 2"):
        load_server_map(tmp_path / "bad.csv")
