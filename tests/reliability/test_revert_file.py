"""Issue 15 item 17: the exposure revert file is atomic and exclusive.

Its default name is unique below the second; it is created exclusively (a concurrent run's file is never
replaced, even when it appears between the existence check and the write); the data is fsynced before
the link/rename; an interrupted save leaves no ``.tmp`` file, and one left by a killed save is removed
by the next save.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from futurevuls_ext import ConfigError
from futurevuls_ext.exposure._moves import RoleMove
from futurevuls_ext.exposure._state_file import default_state_file_name, read_state_file, write_state_file

MOVE = RoleMove(
    server_id=7, server_name="web", from_role_id=1, from_role_name="a", to_role_id=2, to_role_name="b"
)
OTHER = RoleMove(
    server_id=8, server_name="db", from_role_id=3, from_role_name="c", to_role_id=4, to_role_name="d"
)


def test_default_names_differ_within_one_second() -> None:
    now = dt.datetime(2026, 11, 22, 1, 2, 3, 1, tzinfo=dt.UTC)
    names = {default_state_file_name(now + dt.timedelta(microseconds=i)) for i in range(1000)}
    assert len(names) == 1000
    assert str(os.getpid()) in default_state_file_name()


def test_cli_default_uses_the_unique_name() -> None:
    from futurevuls_ext.cli import exposure as cli

    first, second = cli._default_state_file(), cli._default_state_file()
    assert first != second
    assert first.startswith("exposure-revert-") and first.endswith(".json")


def test_a_file_appearing_after_the_check_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "revert.json"
    write_state_file(target, [OTHER])  # another run's file
    before = target.read_bytes()
    monkeypatch.setattr(Path, "exists", lambda self: False)  # the other run created it just after our check
    with pytest.raises(ConfigError, match="already exists"):
        write_state_file(target, [MOVE])
    assert target.read_bytes() == before
    assert [m.server_id for m in read_state_file(target)] == [8]
    assert [p.name for p in tmp_path.iterdir()] == ["revert.json"]


def test_concurrent_first_saves_one_wins(tmp_path: Path) -> None:
    target = tmp_path / "revert.json"
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def save(move: RoleMove) -> None:
        barrier.wait()
        try:
            write_state_file(target, [move])
            outcomes.append("ok")
        except ConfigError:
            outcomes.append("refused")

    moves = [
        RoleMove(
            server_id=i + 1,
            server_name=None,
            from_role_id=1,
            from_role_name=None,
            to_role_id=2,
            to_role_name=None,
        )
        for i in range(8)
    ]
    threads = [threading.Thread(target=save, args=(m,)) for m in moves]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok"] + ["refused"] * 7
    assert len(read_state_file(target)) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["revert.json"]


@pytest.mark.parametrize("overwrite", [False, True])
def test_data_is_fsynced_before_it_becomes_the_file(
    overwrite: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "revert.json"
    if overwrite:
        write_state_file(target, [OTHER])
    events: list[str] = []
    real_fsync, real_link, real_replace = os.fsync, os.link, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync-dir" if os.path.isdir(f"/proc/self/fd/{fd}") else "fsync-file")
        real_fsync(fd)

    def link(src: Any, dst: Any) -> None:
        events.append("link")
        real_link(src, dst)

    def replace(src: Any, dst: Any) -> None:
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "link", link)
    monkeypatch.setattr(os, "replace", replace)
    write_state_file(target, [MOVE], overwrite=overwrite)
    publish = "replace" if overwrite else "link"
    assert events[:2] == ["fsync-file", publish], events
    assert "fsync-dir" in events[2:]


@pytest.mark.parametrize("overwrite", [False, True])
def test_interrupted_save_leaves_no_tmp(
    overwrite: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "revert.json"
    if overwrite:
        write_state_file(target, [OTHER])

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(json, "dump", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_state_file(target, [MOVE], overwrite=overwrite)
    assert sorted(p.name for p in tmp_path.iterdir()) == (["revert.json"] if overwrite else [])


def test_tmp_left_by_a_killed_save_is_removed_by_the_next(tmp_path: Path) -> None:
    target = tmp_path / "revert.json"
    (tmp_path / "revert.json.k1ll3d.tmp").write_text("{")  # what SIGKILL mid-save leaves
    (tmp_path / "other.json.x.tmp").write_text("{")  # another file's: not ours to remove
    write_state_file(target, [MOVE])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.json.x.tmp", "revert.json"]
    assert json.loads(target.read_text())["moves"][0]["server_id"] == 7
