"""Two vocabularies from one message source: the library names Python arguments, the CLI its flags.

Each condition is triggered once through the library and once through the command line, and both whole
messages are compared.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import futurevuls_ext as fv
from futurevuls_ext._wording import REMEDIES, article, for_cli
from futurevuls_ext.cli import main
from futurevuls_ext.demo import data_path
from futurevuls_ext.parsers import registry
from futurevuls_ext.testing import FakeFutureVuls

PYTHON_WORDS = (
    "=True",
    "format=",
    "server_map",
    "create_pseudo_servers",
    "api_token",
    "allow_insecure",
    "base_url",
)
TRIED = "; ".join(f"{name}=0.00" for name in registry.names())
UNKNOWN = "unknown report format: no parser recognised the first 64 KiB; {remedy}. Tried: " + TRIED


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("perimeter.nessus", "edge.nmap.xml"):
        shutil.copy(data_path(name), tmp_path / name)
    (tmp_path / "junk.txt").write_text("hello\n", encoding="utf-8")
    (tmp_path / "map.json").write_text(json.dumps({"203.0.113.10": 100}), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FUTUREVULS_API_TOKEN", raising=False)
    monkeypatch.delenv("FUTUREVULS_BASE_URL", raising=False)
    monkeypatch.delenv("FUTUREVULS_API_PROFILE", raising=False)
    return tmp_path


@pytest.fixture
def fake(here: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeFutureVuls]:
    with FakeFutureVuls(dataset="demo") as fake:
        monkeypatch.setenv("FUTUREVULS_API_TOKEN", fake.token)
        monkeypatch.setenv("FUTUREVULS_BASE_URL", fake.url)
        yield fake


def _cli(capsys: pytest.CaptureFixture[str], argv: list[str], code: int) -> tuple[str, str]:
    assert main(argv) == code
    out = capsys.readouterr()
    return out.out, out.err


def test_remedies_have_no_python_words_on_the_cli() -> None:
    for remedy in REMEDIES:
        assert remedy.python != remedy.cli
        assert not [w for w in PYTHON_WORDS if w in for_cli(remedy.python)], remedy


def test_articles() -> None:
    assert [article(n) for n in ("Amazon Inspector", "nuclei", "ASM", "Shodan", "OpenVAS")] == [
        "an Amazon Inspector", "a nuclei", "an ASM", "a Shodan", "an OpenVAS"
    ]  # fmt: skip


def test_missing_token(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(fv.ConfigError) as info, fv.Client(base_url="http://127.0.0.1:9") as client:
        client.servers.get(1)
    assert str(info.value) == (
        "no FutureVuls API token: pass api_token=... or set the FUTUREVULS_API_TOKEN environment variable"
    )
    _, err = _cli(capsys, ["import", "perimeter.nessus", "--dry-run", "--base-url", "http://127.0.0.1:9"], 2)
    assert err == (
        "futurevuls-ext: configuration error: no FutureVuls API token: "
        "set the FUTUREVULS_API_TOKEN environment variable\n"
    )


def test_plain_http_to_another_host(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    problem = (
        "'http://10.1.1.1:9' uses plain http to a non-loopback host, which would send the token unencrypted"
    )
    with pytest.raises(fv.ConfigError) as info:
        fv.Client(api_token="t", base_url="http://10.1.1.1:9")
    assert str(info.value) == (
        f"base_url {problem}; use https, or pass allow_insecure_http=True if you really mean it"
    )
    argv = ["import", "perimeter.nessus", "--dry-run", "--base-url", "http://10.1.1.1:9"]
    _, err = _cli(capsys, argv, 2)
    assert err == (
        f"futurevuls-ext: configuration error: the base URL {problem}; "
        "use an https URL in --base-url or FUTUREVULS_BASE_URL\n"
    )


def test_unknown_format(fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(fv.UnknownFormatError) as info:
        fv.parse_report("junk.txt")
    assert str(info.value) == "junk.txt, byte 0: " + UNKNOWN.format(
        remedy="pass format=... to force a parser"
    )
    _, err = _cli(capsys, ["import", "junk.txt", "--dry-run"], 3)
    remedy = "pass --format FORMAT to force a parser"
    assert err == f"futurevuls-ext: cannot parse report: junk.txt, byte 0: {UNKNOWN.format(remedy=remedy)}\n"


def test_unmatched_host(fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]) -> None:
    problem = "198.51.100.77: no server matches (198.51.100.77, vpn.demo.example)"
    with fv.Client() as client:
        result = client.import_report("edge.nmap.xml", dry_run=True)
    assert [f"{h.host}: {h.reason}" for h in result.unresolved] == [
        f"{problem}; map it with server_map or pass create_pseudo_servers=True"
    ]
    out, _ = _cli(capsys, ["import", "edge.nmap.xml", "--dry-run"], 1)
    assert out.splitlines()[1:] == [
        f"  unresolved: {problem}; map it with --server-map or pass --create-pseudo-servers",
        "  skipped: 1 report record(s) the parser could not use, e.g. host[3] 198.51.100.78: "
        "host status is 'down', not 'up'",
    ]


def test_server_id_with_a_server_map(fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(fv.ConfigError) as info, fv.Client() as client:
        client.import_report("edge.nmap.xml", server_id=100, server_map={"a": 100})
    assert str(info.value) == (
        "server_id sends every host to one server; do not combine it with server_map or create_pseudo_servers"
    )
    argv = ["import", "edge.nmap.xml", "--dry-run", "--server-id", "100", "--server-map", "map.json"]
    _, err = _cli(capsys, argv, 2)
    assert err == (
        "futurevuls-ext: configuration error: --server-id sends every host to one server; "
        "do not combine it with --server-map or --create-pseudo-servers\n"
    )


def test_format_wording_and_grammar(fake: FakeFutureVuls, capsys: pytest.CaptureFixture[str]) -> None:
    # an XML file handed to a JSON-format command: lines, not "records"; "an Amazon Inspector report"
    _, err = _cli(capsys, ["exposure", "perimeter.nessus"], 3)
    assert err == (
        "futurevuls-ext: cannot parse report: [inspector] perimeter.nessus, end of file: "
        "none of the 41 lines is JSON; this is not an Amazon Inspector report\n"
    )
    (fake_json := Path("other.json")).write_text('{"a": 1}\n{"b": 2}\n', encoding="utf-8")
    with pytest.raises(fv.ParseError) as info:
        fv.parse_report(fake_json, format="inspector")
    assert str(info.value) == (
        "[inspector] other.json, end of file: none of the 2 records is an Amazon Inspector finding; "
        "this is not an Amazon Inspector report"
    )
