from __future__ import annotations

import json
from pathlib import Path

import pytest

from futurevuls_ext import ConfigError
from futurevuls_ext.exposure import (
    ExposurePlan,
    prepare_apply,
    read_state_file,
    revert_moves,
    write_state_file,
)
from futurevuls_ext.exposure._moves import MoveOutcome
from futurevuls_ext.exposure._plan import ExposureDecision
from futurevuls_ext.ssvc import Exposure

from .factories import role, server

ROLES = [role(1, "default"), role(2, "Internet-Facing", exposure=Exposure.OPEN), role(3, "Peered")]


def _decision(server_id: int, exposure: Exposure | None, role_id: int = 1) -> ExposureDecision:
    return ExposureDecision(
        server_id=server_id, server_name=f"s{server_id}", role_id=role_id, role_name="r", exposure=exposure
    )


PLAN = ExposurePlan(
    decisions=(
        _decision(10, Exposure.OPEN),
        _decision(11, Exposure.OPEN, role_id=2),
        _decision(12, Exposure.CONTROLLED),
        _decision(13, None),
    )
)


def test_prepare_apply_moves_open_only_by_default() -> None:
    prepared = prepare_apply(PLAN, ROLES, role_name="Internet-Facing", controlled_role_name=None)
    assert [(m.server_id, m.to_role_id) for m in prepared.moves] == [(10, 2)]
    assert [(o.move.server_id, o.status) for o in prepared.known] == [(11, "unchanged")]
    assert prepared.warnings == ()
    dry = prepared.dry_run()
    assert dry.dry_run and [o.status for o in dry.outcomes] == ["planned", "unchanged"]


def test_prepare_apply_with_controlled_role_warns_about_its_exposure() -> None:
    prepared = prepare_apply(PLAN, ROLES, role_name="Internet-Facing", controlled_role_name="Peered")
    assert [(m.server_id, m.to_role_id) for m in prepared.moves] == [(10, 2), (12, 3)]
    assert any("'Peered' has no Exposure" in w for w in prepared.warnings)


def test_missing_role_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="Public"):
        prepare_apply(PLAN, ROLES, role_name="Public", controlled_role_name=None)


def test_state_file_roundtrip_and_refuses_overwrite(tmp_path: Path) -> None:
    prepared = prepare_apply(PLAN, ROLES, role_name="Internet-Facing", controlled_role_name="Peered")
    path = write_state_file(tmp_path / "revert.json", prepared.moves)
    assert read_state_file(path) == list(prepared.moves)
    with pytest.raises(ConfigError, match="already exists"):
        write_state_file(path, prepared.moves)
    failed = [
        MoveOutcome(move=prepared.moves[0], status="moved"),
        MoveOutcome(move=prepared.moves[1], status="failed"),
    ]
    write_state_file(path, failed, overwrite=True)
    assert [m.server_id for m in read_state_file(path)] == [10]
    assert "token" not in path.read_text()


@pytest.mark.parametrize(
    ("content", "message"),
    [("{", "not valid JSON"), ("{}", "not an exposure revert file"), (None, "cannot read")],
)
def test_bad_state_file(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "r.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        read_state_file(path)


def test_bad_entry_names_where(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    doc = {"kind": "futurevuls-ext/exposure-revert", "version": 1, "moves": [{"server_id": "x"}]}
    path.write_text(json.dumps(doc))
    with pytest.raises(ConfigError, match=r"moves\[0\].*server_id"):
        read_state_file(path)


def test_revert_moves_back_only_servers_still_in_the_applied_role() -> None:
    prepared = prepare_apply(PLAN, ROLES, role_name="Internet-Facing", controlled_role_name="Peered")
    now = [server(10, "s10", role_id=2), server(12, "s12", role_id=1)]  # 12 moved by someone since
    moves, left = revert_moves(prepared.moves, now)
    assert [(m.server_id, m.to_role_id) for m in moves] == [(10, 1)]
    assert [(o.move.server_id, o.status) for o in left] == [(12, "unchanged")]
    now = [server(10, "s10", role_id=3)]
    moves, left = revert_moves(prepared.moves, now)
    assert moves == []
    assert {(o.move.server_id, o.status) for o in left} == {(10, "skipped"), (12, "skipped")}
    moves, _ = revert_moves(prepared.moves, now, force=True)
    assert [(m.server_id, m.from_role_id, m.to_role_id) for m in moves] == [(10, 3, 1)]


def test_moves_start_from_the_current_role_and_skip_deleted_servers() -> None:
    from futurevuls_ext.exposure import moves_for_plan

    now = [server(10, "s10", role_id=3, role="Peered"), server(11, "s11", role_id=2, role="Internet-Facing")]
    moves, known = moves_for_plan(PLAN, open_role=ROLES[1], controlled_role=ROLES[2], servers=now)
    assert [(m.server_id, m.from_role_id, m.from_role_name) for m in moves] == [(10, 3, "Peered")]
    assert [(o.move.server_id, o.status) for o in known] == [(11, "unchanged"), (12, "skipped")]


def test_unwritable_state_file_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ConfigError, match="cannot write"):
        write_state_file(blocker / "revert.json", [])
    assert list(tmp_path.iterdir()) == [blocker]
