"""The mapping file: the article's lines, comments kept, atomic rewrite, errors naming the line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from futurevuls_ext import ConfigError
from futurevuls_ext.nmap_job import Mapping, MappingEntry, load_mapping, save_mapping


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ip_and_id_mapping.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_comma_and_whitespace_lines_with_comments(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# made by uploadScanResult.py\n127.0.0.1,10,2141494\n\n192.0.2.7 11\t2141494  # web front\n"
        "2001:DB8::5, 12, 7\n",
    )
    mapping = load_mapping(path)
    assert [(e.ip, e.external_scan_id, e.server_id) for e in mapping.entries] == [
        ("127.0.0.1", 10, 2141494),
        ("192.0.2.7", 11, 2141494),
        ("2001:db8::5", 12, 7),
    ]
    assert mapping.entries[1].note == "web front"
    assert mapping.find("192.0.2.7", 2141494) == (mapping.entries[1],)
    assert mapping.find("192.0.2.7", 1) == ()


def test_rewrite_keeps_comments_order_and_appends(tmp_path: Path) -> None:
    path = write(tmp_path, "ip,result_id,server_id\n# keep me\n192.0.2.7 11 5 # front\n127.0.0.1,10,5\n")
    mapping = load_mapping(path)
    old = mapping.entries[1]
    changed = mapping.replacing(old, MappingEntry(ip=old.ip, external_scan_id=99, server_id=5))
    save_mapping(changed.with_entry(MappingEntry(ip="192.0.2.9", external_scan_id=12, server_id=6)))
    assert path.read_text(encoding="utf-8") == (
        "ip,result_id,server_id\n# keep me\n192.0.2.7,11,5  # front\n127.0.0.1,99,5\n192.0.2.9,12,6\n"
    )


def test_new_file_gets_a_header_and_mode_0644(tmp_path: Path) -> None:
    path = tmp_path / "new.txt"
    mapping = load_mapping(path)
    assert not mapping.exists and mapping.entries == ()
    save_mapping(mapping.with_entry(MappingEntry(ip="127.0.0.1", external_scan_id=1, server_id=2)))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# futurevuls-ext nmap") and text.endswith("\n127.0.0.1,1,2\n")
    assert path.stat().st_mode & 0o777 == 0o644
    assert load_mapping(path).entries == (MappingEntry(ip="127.0.0.1", external_scan_id=1, server_id=2),)


def test_save_keeps_permissions_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = write(tmp_path, "127.0.0.1,1,2\n")
    path.chmod(0o600)
    save_mapping(load_mapping(path).with_entry(MappingEntry(ip="::1", external_scan_id=3, server_id=2)))
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ip_and_id_mapping.txt"]


def test_failed_save_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "127.0.0.1,1,2\n")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ConfigError, match="No space left"):
        save_mapping(load_mapping(path).with_entry(MappingEntry(ip="::1", external_scan_id=3, server_id=2)))
    assert path.read_text(encoding="utf-8") == "127.0.0.1,1,2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ip_and_id_mapping.txt"]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("127.0.0.1,1,2\n192.0.2.1,abc,2\n", "line 2: external scan result id 'abc'"),
        ("127.0.0.1,1,2\n\n192.0.2.1,5\n", "line 3: expected 3 fields, got 2"),
        ("127.0.0.1,1,2\n192.0.2.0/24,5,2\n", "line 2: '192.0.2.0/24' is a network"),
        ("127.0.0.1 1 0\n", "line 1: server id '0'"),
        ("127.0.0.1,1,\u00b2\n", "line 1: server id '\u00b2'"),
        ("host.example,1,2\n", "line 1: 'host.example' is not a single"),
        ("127.0.0.1,1,2\n192.0.2.1,1,2\n", "line 2: external scan result 1 is also recorded for 127.0.0.1"),
        ("127.0.0.1,1,2,9\n", "line 1: expected 3 fields, got 4"),
    ],
)
def test_corrupted_lines_name_file_and_line(tmp_path: Path, text: str, fragment: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_mapping(path)
    assert str(path) in str(info.value)
    assert fragment in str(info.value)


def test_exact_repeats_collapse(tmp_path: Path) -> None:
    path = write(tmp_path, "127.0.0.1,1,2\n127.0.0.1 1 2\n")
    assert len(load_mapping(path).entries) == 1


def test_unreadable_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "m.txt"
    path.write_bytes(b"10.0.0.1,1,\xff\n")  # not UTF-8 (cp1252 or Shift_JIS): issue 15 item 14
    with pytest.raises(ConfigError, match=r"mapping file .* not UTF-8"):
        load_mapping(path)


entries = st.lists(
    st.builds(
        MappingEntry,
        ip=st.ip_addresses().map(lambda a: a.compressed),
        external_scan_id=st.integers(1, 10**9),
        server_id=st.integers(1, 10**9),
    ),
    unique_by=lambda e: e.external_scan_id,
    max_size=20,
)


@given(entries)
def test_write_then_read_round_trips(
    tmp_path_factory: pytest.TempPathFactory, items: list[MappingEntry]
) -> None:
    path = tmp_path_factory.mktemp("rt") / "map.txt"
    mapping = Mapping(path=path)
    for entry in items:
        mapping = mapping.with_entry(entry)
    save_mapping(mapping)
    assert load_mapping(path).entries == tuple(dict.fromkeys(items))
