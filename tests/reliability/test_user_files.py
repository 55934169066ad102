"""Issue 15 items 14 and 15: every file the user hands us fails cleanly, and server ids are never coerced.

The files: ``--server-map`` (JSON, CSV, ``ip_and_id_mapping.txt``), ``--profile`` (JSON, TOML), the
exposure revert file, the fake server's ``--dataset`` (JSON, TOML). UTF-8 with or without a BOM and
UTF-16 with a BOM are read; UTF-16 without a BOM, cp1252, deep nesting, ``1e999``, NaN and wrong types
are a ``ConfigError`` naming the file (CLI exit 2).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from futurevuls_ext import ConfigError
from futurevuls_ext._identity import canonical_host
from futurevuls_ext.cli import main
from futurevuls_ext.exposure._state_file import KIND, read_state_file
from futurevuls_ext.importer import load_server_map
from futurevuls_ext.importer._options import ImportOptions
from futurevuls_ext.importer._server_map import normalise_server_map
from futurevuls_ext.profile import ApiProfile
from futurevuls_ext.testing import FakeFutureVuls

NAME = "caf\u00e9"  # a non-ASCII character, so a cp1252 file differs from UTF-8
MAPPED = {canonical_host(f"{NAME}.example"): 5}  # what a server map of NAME.example -> 5 loads as


def _revert(moves: list[dict[str, Any]] | None = None) -> str:
    move = {
        "server_id": 102,
        "server_name": NAME,
        "from_role_id": 10,
        "from_role_name": "default",
        "to_role_id": 11,
        "to_role_name": "Internet-Facing",
        "exposure": "open",
        "reason": "r",
        "status": "moved",
        "error": None,
    }
    return json.dumps(
        {"kind": KIND, "version": 1, "created_at": "x", "moves": moves or [move]}, ensure_ascii=False
    )


def _fake(path: Path) -> object:
    fake = FakeFutureVuls(dataset=path)
    return sorted(u.name for u in fake.state.users.values())


# kind -> (file suffix, a valid document, loader, what the loader must give for it)
KINDS: dict[str, tuple[str, str, Callable[[Path], object], object]] = {
    "server-map-json": (
        ".json",
        json.dumps({f"{NAME}.example": 5}, ensure_ascii=False),
        load_server_map,
        MAPPED,
    ),
    "server-map-csv": (
        ".csv",
        f"host,server_id\n{NAME}.example,5\n",
        load_server_map,
        MAPPED,
    ),
    "server-map-text": (".txt", f"{NAME}.example 77 5\n", load_server_map, MAPPED),
    "profile-json": (
        ".json",
        json.dumps({"pseudo_server_create": f"POST /v1/{NAME}"}, ensure_ascii=False),
        lambda p: ApiProfile.from_file(p).pseudo_server_create,
        f"POST /v1/{NAME}",
    ),
    "profile-toml": (
        ".toml",
        f'pseudo_server_create = "POST /v1/{NAME}"\n',
        lambda p: ApiProfile.from_file(p).pseudo_server_create,
        f"POST /v1/{NAME}",
    ),
    "revert-file": (".json", _revert(), lambda p: [m.server_name for m in read_state_file(p)], [NAME]),
    "dataset-json": (".json", json.dumps({"users": [{"name": NAME}]}, ensure_ascii=False), _fake, [NAME]),
    "dataset-toml": (".toml", f'[[users]]\nname = "{NAME}"\n', _fake, [NAME]),
}


def _write(tmp_path: Path, kind: str, data: bytes) -> Path:
    path = tmp_path / f"{kind}{KINDS[kind][0]}"
    path.write_bytes(data)
    return path


def _refused(path: Path, kind: str, fragment: str) -> None:
    with pytest.raises(ConfigError) as info:
        KINDS[kind][2](path)
    message = str(info.value)
    assert path.name in message, message
    assert fragment.lower() in message.lower(), message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_utf8_with_or_without_bom_and_utf16_with_bom_are_read(
    kind: str, encoding: str, tmp_path: Path
) -> None:
    _suffix, text, load, want = KINDS[kind]
    assert load(_write(tmp_path, kind, text.encode(encoding))) == want


@pytest.mark.parametrize(
    ("encoding", "fragment"),
    [("utf-16-le", "byte-order mark"), ("utf-16-be", "byte-order mark"), ("cp1252", "UTF-8")],
)
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_other_encodings_are_a_config_error_naming_the_file(
    kind: str, encoding: str, fragment: str, tmp_path: Path
) -> None:
    _refused(_write(tmp_path, kind, KINDS[kind][1].encode(encoding)), kind, fragment)


JSON_KINDS = ["server-map-json", "profile-json", "revert-file", "dataset-json"]


@pytest.mark.parametrize("kind", JSON_KINDS)
def test_deep_json_is_a_config_error(kind: str, tmp_path: Path) -> None:
    _refused(_write(tmp_path, kind, b'{"a": ' + b"[" * 100_000), kind, "nested")
    _refused(_write(tmp_path, kind, b'{"a": ' + b"[" * 100 + b"]" * 100 + b"}"), kind, "nested")


@pytest.mark.parametrize("kind", ["profile-toml", "dataset-toml"])
def test_deep_toml_is_a_config_error(kind: str, tmp_path: Path) -> None:
    _refused(_write(tmp_path, kind, b"a = " + b"[" * 100_000), kind, "nested")
    _refused(_write(tmp_path, kind, b"a = " + b"[" * 100 + b"]" * 100), kind, "nested")


NUMBER_CASES = [
    ("server-map-json", '{"h": %s}'),
    ("profile-json", '{"pseudo_server_create": %s}'),
    ("revert-file", _revert([{"server_id": 7, "from_role_id": 1, "to_role_id": 2}]).replace("7", "%s", 1)),
    ("dataset-json", '{"cves": [{"cve_id": "CVE-2021-44228", "cvss_v3": %s}]}'),
    ("dataset-toml", '[[cves]]\ncve_id = "CVE-2021-44228"\ncvss_v3 = %s\n'),
]


@pytest.mark.parametrize("number", ["1e999", "-1e999", "NaN", "Infinity", "inf", "nan"])
@pytest.mark.parametrize(("kind", "template"), NUMBER_CASES, ids=[k for k, _ in NUMBER_CASES])
def test_non_finite_numbers_are_a_config_error(kind: str, template: str, number: str, tmp_path: Path) -> None:
    # each spelling is either a non-finite number or invalid syntax in JSON / TOML: refused either way
    path = _write(tmp_path, kind, (template % number).encode())
    with pytest.raises(ConfigError) as info:
        KINDS[kind][2](path)
    assert path.name in str(info.value)


WRONG_TYPES = [
    ("server-map-json", '{"h": true}', "positive integer"),
    ("server-map-json", '{"h": 100.9}', "positive integer"),
    ("server-map-json", '{"h": "1e2"}', "positive integer"),
    ("server-map-json", '{"h": [1]}', "positive integer"),
    ("server-map-json", '{"h": 0}', "positive integer"),
    ("server-map-json", '["h", 1]', "JSON object"),
    ("server-map-csv", "host,server_id\nh,100.9\n", "positive integer"),
    ("server-map-csv", "host,server_id\nh,true\n", "positive integer"),
    ("server-map-csv", "h,\uff15\n", "positive integer"),
    ("profile-json", '{"external_scans": 5}', "must be a table"),
    ("profile-json", '{"external_scans": {"list": 5}}', "non-empty string"),
    ("profile-json", "[1]", "top level"),
    ("profile-toml", "pseudo_server_create = 5\n", "non-empty string"),
    ("revert-file", _revert([{"server_id": True, "from_role_id": 1, "to_role_id": 2}]), "server_id"),
    ("revert-file", _revert([{"server_id": 1.5, "from_role_id": 1, "to_role_id": 2}]), "server_id"),
    ("revert-file", _revert([{"server_id": "7", "from_role_id": 1, "to_role_id": 2}]), "server_id"),
    ("revert-file", json.dumps({"kind": KIND, "version": 1, "moves": {"a": 1}}), "list"),
    ("revert-file", "[]", "not an exposure revert file"),
    ("dataset-json", '{"users": {"name": "x"}}', "list of objects"),
    ("dataset-json", '{"users": ["x"]}', "must be an object"),
    ("dataset-json", '{"users": [{"name": 5}]}', "name"),
    ("dataset-json", '{"group": {"id": "x"}}', "group.id"),
    ("dataset-json", '{"group": {"id": true}}', "group.id"),
    ("dataset-json", '{"group": 3}', "group"),
    ("dataset-json", '{"servers": [{"name": 5}]}', "name"),
    ("dataset-json", '{"servers": [{"name": "a", "tags": "prod"}]}', "tags"),
    ("dataset-json", '{"servers": [{"name": "a", "pseudo": 1}]}', "pseudo"),
    ("dataset-json", '{"servers": [{"name": "a", "default_user": "nobody"}]}', "unknown user"),
    (
        "dataset-json",
        '{"servers": [{"name": "a", "packages": [{"name": "p", "processes": '
        '[{"name": "x", "ports": ["\uff18\uff10"]}]}]}]}',
        "port",
    ),
    ("dataset-json", '{"servers": [{"name": "a", "packages": 5}]}', "packages"),
    ("dataset-json", '{"cves": [{"cve_id": "CVE-2021-44228", "cvss_v3": "high"}]}', "cvss_v3"),
    ("dataset-json", '{"cves": [{"cve_id": ["CVE-2021-44228"]}]}', "cve_id"),
    ("dataset-toml", "users = 5\n", "list of objects"),
]


@pytest.mark.parametrize(
    ("kind", "text", "fragment"), WRONG_TYPES, ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(WRONG_TYPES)]
)
def test_wrong_types_are_a_config_error_naming_the_problem(
    kind: str, text: str, fragment: str, tmp_path: Path
) -> None:
    _refused(_write(tmp_path, kind, text.encode()), kind, fragment)


@pytest.mark.parametrize(
    "value", [True, False, 100.9, 1.0, "1e2", "0", "-3", " ", "\u0663", None, [1], 0, -1, 2**63]
)
def test_server_ids_are_never_coerced(value: object) -> None:
    with pytest.raises(ConfigError, match="positive integer"):
        normalise_server_map({"h": value})  # type: ignore[dict-item]


def test_server_ids_are_positive_integers_or_their_decimal_strings() -> None:
    assert normalise_server_map({"H": 7, "g": " 8 ", "f": "9"}) == {"h": 7, "g": 8, "f": 9}


@pytest.mark.parametrize("value", [True, 1.0, "7", 0])
def test_import_server_id_option_is_never_coerced(value: object) -> None:
    with pytest.raises(ConfigError, match="server_id must be a positive integer"):
        ImportOptions(name="n", server_id=value)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="pseudo_server_role_id must be a positive integer"):
        ImportOptions(name="n", pseudo_server_role_id=value)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["server-map-json", "server-map-csv"])
def test_cli_bad_server_map_exits_2_naming_the_file(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FUTUREVULS_API_TOKEN", "t")
    report = tmp_path / "r.nessus"
    report.write_text("<NessusClientData_v2/>")
    path = _write(tmp_path, kind, KINDS[kind][1].encode("cp1252"))
    code = main(["import", str(report), "--server-map", str(path), "--base-url", "http://127.0.0.1:9"])
    assert code == 2
    assert path.name in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["profile-json", "dataset-json"])
def test_cli_bad_profile_or_dataset_exits_2(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, kind, b"[" * 100_000)
    flag = "--profile" if kind.startswith("profile") else "--dataset"
    assert main(["fake-server", "--port", "0", flag, str(path)]) == 2
    err = capsys.readouterr().err
    assert path.name in err and "Traceback" not in err


@pytest.mark.parametrize("port", ["99999", "65536", "-1", "\uff18\uff10", "1_0", "x"])
def test_fake_server_bad_port_is_a_usage_error(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["fake-server", "--port", port])
    assert info.value.code == 2
    assert "--port" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "r.nessus", "--server-id", "\u0663"],
        ["import", "r.nessus", "--server-id", "1_0"],
        ["import", "r.nessus", "--server-id", "0"],
        ["triage", "bulk", "--set-assignee", "\uff15"],
    ],
)
def test_cli_ids_need_ascii_digits(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
