"""The lock keeps two runs apart and is released afterwards (also when the run fails)."""

from __future__ import annotations

from pathlib import Path

import pytest

from futurevuls_ext import FutureVulsError
from futurevuls_ext.nmap_job import MappingLockedError, lock_path_for, mapping_lock


def test_second_holder_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    mapping = tmp_path / "ip_and_id_mapping.txt"
    with mapping_lock(mapping) as lock:
        assert lock == lock_path_for(mapping) == tmp_path / "ip_and_id_mapping.txt.lock"
        with pytest.raises(MappingLockedError, match=r"another 'futurevuls-ext nmap' run .*wait for it"):
            with mapping_lock(mapping):
                pass  # pragma: no cover
    with mapping_lock(mapping):
        pass


def test_lock_is_released_after_an_error(tmp_path: Path) -> None:
    mapping = tmp_path / "m.txt"
    with pytest.raises(FutureVulsError, match="boom"), mapping_lock(mapping):
        raise FutureVulsError("boom")
    with mapping_lock(mapping):
        pass


def test_lock_in_a_missing_folder_is_a_config_error(tmp_path: Path) -> None:
    from futurevuls_ext import ConfigError

    with (
        pytest.raises(ConfigError, match="cannot create the lock file"),
        mapping_lock(tmp_path / "no" / "m.txt"),
    ):
        pass  # pragma: no cover
