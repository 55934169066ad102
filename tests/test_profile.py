from __future__ import annotations

import json
from pathlib import Path

import pytest

from futurevuls_ext import ApiProfile, ConfigError
from futurevuls_ext.profile import split_route


def test_defaults_are_the_reference_proposals() -> None:
    profile = ApiProfile()
    assert profile.external_scans.create == "POST /v1/externalScan"
    assert profile.external_scans.cve_ids_key == "cveIDs"
    assert profile.role_ssvc.exposure_key == "ssvcExposure"
    assert profile.pseudo_server_create == "POST /v1/server/pseudo"


def test_toml_file_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('[external_scans]\ncreate = "POST /v2/scan"\ncve_ids_key = "cves"\n')
    profile = ApiProfile.from_file(path)
    assert profile.external_scans.create == "POST /v2/scan"
    assert profile.external_scans.cve_ids_key == "cves"
    assert profile.external_scans.name_key == "name"


def test_json_file_and_env(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"role_ssvc": {"exposure_key": "exposure"}}))
    profile = ApiProfile.from_env({"FUTUREVULS_API_PROFILE": str(path)})
    assert profile.role_ssvc.exposure_key == "exposure"
    assert ApiProfile.from_env({}) == ApiProfile()


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"external_scan": {}}, "unknown key 'external_scan'"),
        ({"external_scans": {"creat": "POST /x"}}, "unknown key 'creat'"),
        ({"external_scans": {"create": "FETCH /x"}}, "METHOD /path"),
        ({"external_scans": {"name_key": 3}}, "non-empty string"),
        ({"external_scans": "x"}, "must be a table"),
    ],
)
def test_bad_overrides_name_the_problem(data: dict[str, object], fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment):
        ApiProfile.from_mapping(data)


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text("[[[")
    with pytest.raises(ConfigError, match=r"API profile .*p\.toml.*not valid TOML"):
        ApiProfile.from_file(path)


def test_split_route() -> None:
    assert split_route("PUT /v1/externalScan/{externalScanID}") == (
        "PUT",
        "/v1/externalScan/{externalScanID}",
    )


def test_items_cover_every_section() -> None:
    names = {item.name for item in ApiProfile().items()}
    assert {
        "external_scans.create",
        "role_ssvc.exposure_key",
        "server_tags.tags_key",
        "pseudo_server_create",
    } <= names
    assert len(names) == 23
